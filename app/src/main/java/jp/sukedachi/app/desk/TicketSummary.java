package jp.sukedachi.app.desk;

import java.time.Instant;
import java.util.UUID;

/**
 * A desk ticket as other capabilities see it (the incident opened from it, the mail that threads into it).
 * {@code number} is the provider's running ticket number people quote; the due times are null when no desk
 * calendar set them.
 */
public record TicketSummary(UUID id, UUID tenantId, long number, String subject, String body,
        TicketCategory category, TicketPriority priority, TicketStatus status, TicketChannel channel,
        Instant receivedAt, String requesterName, String requesterEmail, Instant firstResponseDue,
        Instant resolutionDue, Instant firstRespondedAt) {
}
