package jp.sukedachi.app.insurance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Companies' insurance policies: provider staff record and change them (one policy in force per company per day),
 * the company's people read their own, and the claims read the policy in force through {@link Policies}.
 */
@Service
public class PolicyRegistry implements Policies {
    private final PolicyTermsRepository policies;
    private final InsurerRepository insurers;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;

    PolicyRegistry(PolicyTermsRepository policies, InsurerRepository insurers, TenantRepository tenants, AuditLog audit,
            Clock clock) {
        this.policies = policies;
        this.insurers = insurers;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<PolicyTerms> activeFor(UUID tenantId, LocalDate on) {
        return policies.activeFor(tenantId, on);
    }

    @Override
    public Optional<UUID> insurerOf(UUID userId) {
        return insurers.insurerOf(userId);
    }

    /** Today in Japan, the day "in force" means on the screens. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.TOKYO));
    }

    /** The company's policies the actor may see, newest first (an empty list for another company's). */
    public List<PolicyTerms> ofCompany(Actor actor, UUID tenantId) {
        return policies.ofCompany(actor, tenantId);
    }

    /** The company's policy in force today, if the actor may see it. */
    public Optional<PolicyTerms> current(Actor actor, UUID tenantId) {
        LocalDate today = today();
        return policies.ofCompany(actor, tenantId).stream().filter(p -> p.activeOn(today)).findFirst();
    }

    public PolicyTerms find(Actor actor, UUID tenantId, UUID policyId) {
        return policies.find(actor, tenantId, policyId).orElseThrow(() -> new NotFoundException("policy"));
    }

    /**
     * Records a new policy (policyId null) or changes one. Provider staff only; refused with the reason when the
     * period shares a day with another policy of the company or the limits do not fit together.
     */
    @Transactional
    public PolicyTerms save(Actor actor, UUID tenantId, UUID policyId, PolicyDraft draft) {
        requireStaff(actor);
        Tenant tenant = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("company"));
        PolicyDraft checked = PolicyRules.check(draft);
        Insurer insurer = insurers.find(checked.insurerId()).orElseThrow(() -> new PolicyRuleBroken("insurerId",
                "policy.error.insurerUnknown", "no such insurer"));
        policies.lockCompany(tenant.id());
        PolicyTerms old = policyId == null ? null : find(actor, tenant.id(), policyId);
        List<PolicyTerms> clash = policies.overlapping(tenant.id(), checked.from(), checked.to(), policyId);
        if (!clash.isEmpty()) {
            PolicyTerms other = clash.getFirst();
            throw new PolicyRuleBroken("from", "policy.error.overlap", "the period shares days with policy "
                    + other.policyNumber() + " (" + other.from() + " to " + other.to() + "); one policy is in force "
                    + "per company per day", other.policyNumber(), other.from().toString(), other.to().toString());
        }
        UUID id = old == null ? UUID.randomUUID() : old.policyId();
        if (old == null) {
            policies.insert(id, tenant.id(), checked, clock.instant());
        } else {
            policies.update(id, tenant.id(), checked, clock.instant());
        }
        audit.record(actor, tenant.id(), old == null ? AuditAction.INSURANCE_POLICY_CREATED
                : AuditAction.INSURANCE_POLICY_UPDATED, "policy " + checked.policyNumber(), Outcome.SUCCESS,
                describe(insurer, checked));
        return find(actor, tenant.id(), id);
    }

    private static String describe(Insurer insurer, PolicyDraft d) {
        StringBuilder s = new StringBuilder(insurer.name()).append(' ').append(d.from()).append("..").append(d.to())
                .append(" annual ").append(d.annualLimitYen()).append(" deductible ").append(d.deductibleYen())
                .append(" share ").append(d.coveragePercent()).append('%');
        d.lines().forEach(l -> s.append(' ').append(l.line()).append(' ').append(l.perClaimLimitYen()).append('/')
                .append(l.perYearLimitYen()));
        return s.toString();
    }

    static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    static void requireStaff(Actor actor) {
        if (!isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
    }
}
