package jp.sukedachi.app.selfcheck;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taking the self-check and comparing with peers. The owner answers for the company (so does a provider admin,
 * e.g. filling in a paper form with the customer); members and analysts only read the results.
 */
@Service
public class SelfCheckService {
    private final SelfCheckRepository attempts;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;

    public SelfCheckService(SelfCheckRepository attempts, TenantRepository tenants, AuditLog audit, Clock clock) {
        this.attempts = attempts;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** Owners of the company and provider admins change self-help records; everyone else reads. */
    static boolean mayAnswer(Actor actor) {
        return actor.isAdmin() || actor.role() == Role.TENANT_OWNER;
    }

    static void requireMayAnswer(Actor actor) {
        if (!mayAnswer(actor)) {
            throw new AccessDeniedException("the company owner answers the self-check; members can read the results");
        }
    }

    @Transactional
    public Attempt submit(Actor actor, UUID tenantId, List<Answer> answers) {
        requireMayAnswer(actor);
        Tenant tenant = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        Attempt attempt = new Attempt(UUID.randomUUID(), tenant.id(), actor.login(), clock.instant(), List.copyOf(answers),
                Score.of(answers));
        attempts.insert(attempt, actor.userId());
        audit.record(actor, tenant.id(), AuditAction.SELFCHECK_SUBMITTED, attempt.id().toString(), Outcome.SUCCESS,
                "total " + attempt.total() + "/" + Score.MAX);
        return attempt;
    }

    /** What the peer comparison can say for a company: why there is none, or the group's aggregates. */
    public record Comparison(Status status, Tenant tenant, Attempt latest, PeerStats peers) {
        public enum Status { NO_ATTEMPT, NO_GROUP, TOO_FEW, SHOWN }
    }

    public Comparison compare(Actor actor, UUID tenantId) {
        Tenant tenant = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        Optional<Attempt> latest = attempts.latest(actor, tenant.id());
        if (latest.isEmpty()) {
            return new Comparison(Comparison.Status.NO_ATTEMPT, tenant, null, null);
        }
        if (tenant.industry() == null || tenant.employeeBand() == null) {
            return new Comparison(Comparison.Status.NO_GROUP, tenant, latest.get(), null);
        }
        return attempts.peers(tenant.industry(), tenant.employeeBand())
                .map(p -> new Comparison(Comparison.Status.SHOWN, tenant, latest.get(), p))
                .orElseGet(() -> new Comparison(Comparison.Status.TOO_FEW, tenant, latest.get(), null));
    }

    /**
     * A company's self-check attempts made before {@code before}, newest first, at most {@code limit} (the monthly
     * report's score trend and weakest items); nothing when the company is not the actor's to see.
     */
    @Transactional(readOnly = true)
    public List<Attempt> attemptsBefore(Actor actor, UUID tenantId, java.time.Instant before, int limit) {
        return attempts.historyBefore(actor, tenantId, before, limit);
    }
}
