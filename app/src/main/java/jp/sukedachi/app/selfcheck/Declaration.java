package jp.sukedachi.app.selfcheck;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A SECURITY ACTION declaration the company made on IPA's site, as recorded here: its ID, ★ or ★★, and when. */
public record Declaration(UUID id, UUID tenantId, String code, int level, LocalDate declaredOn, String recordedBy,
        Instant recordedAt) {
    public String stars() {
        return "★".repeat(level);
    }
}
