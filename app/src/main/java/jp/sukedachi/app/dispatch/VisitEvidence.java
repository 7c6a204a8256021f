package jp.sukedachi.app.dispatch;

import java.time.Instant;
import java.util.UUID;

/** A photo or file a responder took on site, stored with its SHA-256. */
public record VisitEvidence(long id, UUID visitId, String fileName, String contentType, long size, String sha256,
        String uploadedBy, Instant uploadedAt) {
}
