package jp.sukedachi.app.dispatch;

import java.time.Instant;

/**
 * What staff ask for when they request a visit: where, whom to meet and call, the customer's preferred time window
 * and what to do. Blank address, contact name or phone take the company's own (its contact person and phone).
 */
public record VisitRequest(Instant windowStart, Instant windowEnd, String address, String contactName,
        String contactPhone, String notes) {
}
