package jp.sukedachi.app.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes the audit log. The caller's IP is taken from the current request when there is one. */
@Service
public class AuditLog {
    private final AuditRepository repository;
    private final Clock clock;
    private final TransactionTemplate separateTransaction;

    public AuditLog(AuditRepository repository, Clock clock, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.clock = clock;
        this.separateTransaction = new TransactionTemplate(transactions);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void record(Actor actor, UUID tenantId, AuditAction action, String target, Outcome outcome, String detail) {
        write(actor == null ? null : actor.userId(), actor == null ? null : actor.login(), tenantId, action, target,
                outcome, detail);
    }

    /** For events before an actor exists (a failed login names only the login that was tried). */
    public void recordAnonymous(String login, UUID userId, UUID tenantId, AuditAction action, Outcome outcome,
            String detail) {
        write(userId, login, tenantId, action, login, outcome, detail);
    }

    /**
     * A success is written in the caller's transaction, so it is not recorded when the change rolls
     * back. A failure or denial is written in its own transaction: the exception that follows rolls the
     * caller back, and the attempt must stay on record.
     */
    private void write(UUID actorId, String actorLogin, UUID tenantId, AuditAction action, String target,
            Outcome outcome, String detail) {
        if (outcome == Outcome.SUCCESS) {
            repository.insert(clock.instant(), actorId, actorLogin, tenantId, action, target, outcome, detail, currentIp());
        } else {
            String ip = currentIp();
            separateTransaction.executeWithoutResult(status ->
                    repository.insert(clock.instant(), actorId, actorLogin, tenantId, action, target, outcome, detail, ip));
        }
    }

    /** The caller's address when running inside a request, else null. */
    public static String currentIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
