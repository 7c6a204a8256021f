package jp.sukedachi.app.triage;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;

/**
 * A group of detections with one key (see {@link Triage}: tenant + detector + rule/indicator + entity, or tenant +
 * local host + remote address for detections about one connection) within the window. The category is the one its
 * detections carried; it chooses every text an SME or a notification reads.
 *
 * @param detector   the first detection's detector
 * @param ruleId     the first detection's rule (or indicator)
 * @param detectors  every detector that contributed, in the order they first did (the first is {@code detector})
 * @param ruleIds    every rule or indicator that contributed, in the same order, at most {@link #RULES_CAP}
 * @param needsHuman whether a person must look at it: every alert triage opens does (see {@link Triage}); false only
 *                   for alerts opened for blocked detections before that rule (V37)
 */
public record Alert(UUID id, UUID tenantId, String key, String detector, String ruleId, String entity, String title,
        Category category, Severity baseSeverity, Severity severity, Status status, Resolution resolution,
        UUID assigneeId, long count, int evidenceCount, Instant firstSeen, Instant lastSeen, Instant windowStart,
        UUID incidentId, Instant createdAt, Instant updatedAt, List<String> detectors, List<String> ruleIds,
        boolean needsHuman) {

    /** At most this many rule ids are kept per alert (the column holds them comma-separated). */
    public static final int RULES_CAP = 20;

    public Alert {
        detectors = detectors == null || detectors.isEmpty() ? List.of(detector) : List.copyOf(detectors);
        ruleIds = ruleIds == null || ruleIds.isEmpty() ? List.of(ruleId) : List.copyOf(ruleIds);
    }

    /** An alert with only its first detector and rule (before any other contributed). */
    public Alert(UUID id, UUID tenantId, String key, String detector, String ruleId, String entity, String title,
            Category category, Severity baseSeverity, Severity severity, Status status, Resolution resolution,
            UUID assigneeId, long count, int evidenceCount, Instant firstSeen, Instant lastSeen, Instant windowStart,
            UUID incidentId, Instant createdAt, Instant updatedAt) {
        this(id, tenantId, key, detector, ruleId, entity, title, category, baseSeverity, severity, status, resolution,
                assigneeId, count, evidenceCount, firstSeen, lastSeen, windowStart, incidentId, createdAt, updatedAt,
                List.of(detector), List.of(ruleId), true);
    }

    public enum Status { NEW, ACKNOWLEDGED, CLOSED }

    public enum Resolution { TRUE_POSITIVE, FALSE_POSITIVE, BENIGN }

    /** Categories whose first response starts at once, whatever the severity. */
    static final EnumSet<Category> URGENT_CATEGORIES = EnumSet.of(Category.RANSOMWARE, Category.C2,
            Category.MALWARE_DOWNLOAD);

    /**
     * Whether the first response must start now: never for what the customer's own device blocked; always for the
     * {@link #URGENT_CATEGORIES}; otherwise at HIGH or CRITICAL, or when repetition raised the severity. The one rule
     * behind the analyst queue's default order ({@link AlertRepository.Order#NEEDS_ACTION}) and the owner's card.
     */
    public boolean urgent() {
        return category != Category.BLOCKED && (URGENT_CATEGORIES.contains(category)
                || severity.compareTo(Severity.HIGH) >= 0 || severity != baseSeverity);
    }

    /** The category as the API, the message keys and the filters name it: {@code c2}, {@code password_guessing}. */
    public String categoryId() {
        return categoryId(category);
    }

    public static String categoryId(Category category) {
        return category.name().toLowerCase(Locale.ROOT);
    }

    /** One stored evidence event. */
    public record Evidence(Instant at, String fields, String raw) {
    }

    /**
     * A comment or a lifecycle change. {@code visibleToCompany} false marks a staff comment kept internal (社内メモ):
     * only provider staff ever read such an entry ({@link AlertRepository#history}).
     */
    public record HistoryEntry(Instant at, String actor, String action, String note, boolean visibleToCompany) {
    }

    /** An alert with its evidence and history, for the detail view. */
    public record Detail(Alert alert, List<Evidence> evidence, List<HistoryEntry> history) {
    }
}
