package jp.sukedachi.app.selfcheck;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One stored self-check: who answered, when, every answer and the score. */
public record Attempt(UUID id, UUID tenantId, String answeredBy, Instant createdAt, List<Answer> answers, Score score) {
    public int total() {
        return score.total();
    }
}
