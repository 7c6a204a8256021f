package jp.sukedachi.app.selfcheck.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.selfcheck.PolicyStatus;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing, publishing and withdrawing a company's basic policy. A new policy starts from the product's
 * model text in the user's language with the company's name filled in; the owner edits it freely.
 * Publishing gives it a public link with 256 random bits; withdrawing deletes the link for good.
 */
@Service
public class PolicyService implements PolicyStatus {
    static final int NAME_MAX = 200;
    static final int TITLE_MAX = 100;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final PolicyRepository policies;
    private final TenantRepository tenants;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    public PolicyService(PolicyRepository policies, TenantRepository tenants, MessageSource messages, AuditLog audit,
            Clock clock) {
        this.policies = policies;
        this.tenants = tenants;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result of saving: the policy as entered, and field → message key for what was wrong. */
    public record Saved(Policy policy, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public Optional<Policy> find(Actor actor) {
        return policies.find(actor, SelfHelp.companyOf(actor));
    }

    /** The stored policy, or an unsaved one made of the model text. */
    public Policy current(Actor actor, Locale locale) {
        return find(actor).orElseGet(() -> model(actor, locale));
    }

    Policy model(Actor actor, Locale locale) {
        UUID company = SelfHelp.companyOf(actor);
        String name = tenants.find(actor, company).orElseThrow(() -> new NotFoundException("company")).name();
        Locale lang = docLocale(locale);
        Map<PolicySection, String> sections = new EnumMap<>(PolicySection.class);
        for (PolicySection s : PolicySection.values()) {
            sections.put(s, messages.getMessage(s.defaultKey(), new Object[] {name}, lang));
        }
        return new Policy(company, lang.getLanguage(), name, messages.getMessage("policy.default.headTitle", null, lang), "",
                LocalDate.now(clock.withZone(Formats.TOKYO)), sections, new EnumMap<>(PolicyRole.class), null, null, null, null);
    }

    private static Locale docLocale(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    @Transactional
    public Saved save(Actor actor, Map<String, String> form, Locale locale) {
        UUID company = SelfHelp.requireOwner(actor);
        Policy before = current(actor, locale);
        Map<String, String> errors = new LinkedHashMap<>();
        String companyName = text(form, "companyName", NAME_MAX, true, errors);
        String headTitle = text(form, "headTitle", TITLE_MAX, true, errors);
        String headName = text(form, "headName", TITLE_MAX, true, errors);
        LocalDate established = before.establishedOn();
        try {
            established = LocalDate.parse(form.getOrDefault("establishedOn", "").strip());
        } catch (DateTimeParseException e) {
            errors.put("establishedOn", "policy.error.date");
        }
        Map<PolicySection, String> sections = new EnumMap<>(PolicySection.class);
        for (PolicySection s : PolicySection.values()) {
            sections.put(s, text(form, s.field(), s.maxLength(), true, errors));
        }
        Map<PolicyRole, String> roles = new EnumMap<>(PolicyRole.class);
        for (PolicyRole r : PolicyRole.values()) {
            String name = text(form, r.field(), PolicyRole.MAX_LENGTH, false, errors);
            if (!name.isEmpty()) {
                roles.put(r, name);
            }
        }
        var now = clock.instant();
        Policy entered = new Policy(company, before.docLang(), companyName, headTitle, headName, established, sections,
                roles, before.publicToken(), before.publishedAt(), before.createdAt() == null ? now : before.createdAt(), now);
        if (errors.isEmpty()) {
            policies.save(actor, entered);
            audit.record(actor, company, AuditAction.POLICY_SAVED, companyName, Outcome.SUCCESS, null);
        }
        return new Saved(entered, errors);
    }

    private static String text(Map<String, String> form, String field, int max, boolean required,
            Map<String, String> errors) {
        String value = form.getOrDefault(field, "").replace("\r\n", "\n").strip();
        if (required && value.isEmpty()) {
            errors.put(field, "policy.error.required");
        } else if (value.length() > max) {
            errors.put(field, "policy.error.tooLong");
        }
        return value;
    }

    /** Publishes the saved policy (keeping its link if it already has one). */
    @Transactional
    public Policy publish(Actor actor) {
        UUID company = SelfHelp.requireOwner(actor);
        Policy policy = policies.find(actor, company).orElseThrow(() -> new NotFoundException("policy"));
        if (!policy.published()) {
            policies.setPublication(actor, company, Tokens.random(), clock.instant());
            audit.record(actor, company, AuditAction.POLICY_PUBLISHED, policy.companyName(), Outcome.SUCCESS, null);
        }
        return policies.find(actor, company).orElseThrow();
    }

    /** Withdraws the public page; the old link answers 404 from now on. */
    @Transactional
    public void unpublish(Actor actor) {
        UUID company = SelfHelp.requireOwner(actor);
        Policy policy = policies.find(actor, company).orElseThrow(() -> new NotFoundException("policy"));
        if (policy.published()) {
            policies.setPublication(actor, company, null, null);
            audit.record(actor, company, AuditAction.POLICY_UNPUBLISHED, policy.companyName(), Outcome.SUCCESS, null);
        }
    }

    /** The published policy behind a public link; malformed tokens are not even looked up. */
    public Optional<Policy> findPublished(String token) {
        return token != null && TOKEN.matcher(token).matches() ? policies.findPublished(token) : Optional.empty();
    }

    @Override
    public boolean hasPublishedPolicy(Actor actor, UUID tenantId) {
        return policies.isPublished(actor, tenantId);
    }
}
