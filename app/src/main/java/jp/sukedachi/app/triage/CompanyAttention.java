package jp.sukedachi.app.triage;

import java.time.Instant;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Service;

/**
 * Triage's read API for the SME home's status line, within the actor's scope: how many open alerts need the
 * company's action (every open alert but what their own devices blocked, as the company's alert list shows them)
 * and how many attacks their devices blocked in a period (counted from the detections, one per blocked attempt;
 * detections kept before migration V19 carry no category and are not counted).
 */
@Service
public class CompanyAttention {
    private final CompanyAttentionRepository counts;

    CompanyAttention(CompanyAttentionRepository counts) {
        this.counts = counts;
    }

    /** Open (new or acknowledged) alerts of the company that are not a blocked attack. */
    public long openActions(Actor actor, UUID tenantId) {
        return counts.openActions(actor, tenantId);
    }

    /** Blocked attempts since the start of today and since the start of this month ({@code month} ≤ {@code today}). */
    public Blocked blocked(Actor actor, UUID tenantId, Instant today, Instant month) {
        return counts.blocked(actor, tenantId, today, month);
    }

    /** Blocked attempts today and this month. */
    public record Blocked(long today, long month) {
    }
}
