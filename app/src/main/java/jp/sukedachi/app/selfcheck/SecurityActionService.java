package jp.sukedachi.app.selfcheck;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SECURITY ACTION tracker. Whether the basic policy is published comes from {@link PolicyStatus}
 * when the policy module provides one; without it the policy counts as not published.
 */
@Service
public class SecurityActionService {
    /** SECURITY ACTION began in April 2017; an earlier date is a typing mistake. */
    static final LocalDate FIRST_POSSIBLE = LocalDate.of(2017, 4, 1);
    /** IPA's IDs are digits; letters and hyphens are allowed so a differently written ID still fits. */
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]{0,39}");
    static final int REVIEW_MONTHS = 11;

    private final SecurityActionRepository repository;
    private final SelfCheckRepository attempts;
    private final TenantRepository tenants;
    private final ObjectProvider<PolicyStatus> policies;
    private final AuditLog audit;
    private final Clock clock;

    public SecurityActionService(SecurityActionRepository repository, SelfCheckRepository attempts,
            TenantRepository tenants, ObjectProvider<PolicyStatus> policies, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.attempts = attempts;
        this.tenants = tenants;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    private Tenant tenant(Actor actor, UUID tenantId) {
        return tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.TOKYO));
    }

    public SecurityActionStatus status(Actor actor, UUID tenantId) {
        Tenant tenant = tenant(actor, tenantId);
        PolicyStatus policy = policies.getIfAvailable();
        boolean published = policy != null && policy.hasPublishedPolicy(actor, tenant.id());
        Declaration latest = repository.latest(actor, tenant.id()).orElse(null);
        boolean reviewDue = latest != null && !latest.declaredOn().plusMonths(REVIEW_MONTHS).isAfter(today());
        Attempt check = attempts.latest(actor, tenant.id()).orElse(null);
        return new SecurityActionStatus(rulesMet(repository.rules(actor, tenant.id()), check), check != null,
                published, latest, reviewDue);
    }

    /**
     * A basic rule counts as followed when it was ticked, or when the latest self-check answered its item "done":
     * items 1–5 are the same ground as the five rules, so a company that scored 20/20 there is not told that
     * none of the five is done.
     */
    static List<Boolean> rulesMet(List<Boolean> ticked, Attempt check) {
        List<Boolean> met = new ArrayList<>(ticked);
        for (int i = 0; i < met.size() && check != null && i < check.answers().size(); i++) {
            met.set(i, met.get(i) || check.answers().get(i) == Answer.DONE);
        }
        return List.copyOf(met);
    }

    @Transactional
    public void saveRules(Actor actor, UUID tenantId, List<Boolean> rules) {
        SelfCheckService.requireMayAnswer(actor);
        if (rules.size() != SecurityActionStatus.RULES) {
            throw new IllegalArgumentException("five rules expected, got " + rules.size());
        }
        Tenant tenant = tenant(actor, tenantId);
        repository.saveRules(tenant.id(), rules, actor.login(), clock.instant());
        audit.record(actor, tenant.id(), AuditAction.SECURITY_ACTION_RULES_SAVED, tenant.slug(), Outcome.SUCCESS,
                rules.stream().filter(Boolean::booleanValue).count() + "/5");
    }

    @Transactional
    public Declaration declare(Actor actor, UUID tenantId, String code, int level, LocalDate declaredOn) {
        SelfCheckService.requireMayAnswer(actor);
        String clean = code == null ? "" : code.strip();
        if (!CODE.matcher(clean).matches()) {
            throw new IllegalArgumentException("declaration ID: 1 to 40 letters, digits or hyphens");
        }
        if (level != 1 && level != 2) {
            throw new IllegalArgumentException("level must be 1 (★) or 2 (★★)");
        }
        if (declaredOn == null || declaredOn.isAfter(today()) || declaredOn.isBefore(FIRST_POSSIBLE)) {
            throw new IllegalArgumentException("declaration date must be between 2017-04-01 and today");
        }
        Tenant tenant = tenant(actor, tenantId);
        Declaration d = new Declaration(UUID.randomUUID(), tenant.id(), clean, level, declaredOn, actor.login(),
                clock.instant());
        repository.insert(d);
        audit.record(actor, tenant.id(), AuditAction.SECURITY_ACTION_DECLARED, clean, Outcome.SUCCESS,
                "level " + level + " declared " + declaredOn);
        return d;
    }
}
