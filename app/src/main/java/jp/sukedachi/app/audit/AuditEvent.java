package jp.sukedachi.app.audit;

import java.time.Instant;
import java.util.UUID;

/** One row of the audit log: who did what to what, from where, and whether it worked. */
public record AuditEvent(
        long id,
        Instant at,
        UUID actorId,
        String actorLogin,
        UUID tenantId,
        String action,
        String target,
        Outcome outcome,
        String ip,
        String detail) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }
}
