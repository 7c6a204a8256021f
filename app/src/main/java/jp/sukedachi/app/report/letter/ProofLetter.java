package jp.sukedachi.app.report.letter;

import java.time.Instant;
import java.util.UUID;

/** One letter as stored: its snapshot of facts, who made it and, once revoked, who revoked it and when. */
record ProofLetter(UUID id, UUID tenantId, int months, LetterFacts facts, Instant createdAt, String createdBy,
        Instant revokedAt, String revokedBy, long views, Instant lastViewedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
