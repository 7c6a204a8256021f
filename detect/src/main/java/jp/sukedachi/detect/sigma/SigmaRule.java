package jp.sukedachi.detect.sigma;

import java.util.List;
import java.util.Map;
import jp.sukedachi.event.Detection.Severity;

/**
 * One parsed Sigma rule: metadata (title, id, author and references are shown with every alert, as the
 * rules' licence, DRL 1.1, requires), its log source and its compiled detection logic, or, for a
 * correlation rule, the {@link Correlation} instead of detection logic.
 *
 * @param folder where the rule file lives relative to the rules directory ({@code windows/process_creation}), or ""
 * @param name   the optional {@code name} correlation rules refer to
 */
public record SigmaRule(String id, String name, String title, String status, String level, String author,
        List<String> references, String description, List<String> tags, Logsource logsource, String folder,
        String file, Expr detection, Correlation correlation) {

    /** The rule's {@code logsource}; any part may be null. */
    public record Logsource(String product, String category, String service) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (product != null) {
                sb.append("product=").append(product);
            }
            if (category != null) {
                sb.append(sb.isEmpty() ? "" : " ").append("category=").append(category);
            }
            if (service != null) {
                sb.append(sb.isEmpty() ? "" : " ").append("service=").append(service);
            }
            return sb.toString();
        }
    }

    /**
     * A correlation rule over other rules' matches.
     *
     * @param type      event_count, value_count, temporal or temporal_ordered
     * @param rules     ids or names of the rules it counts
     * @param groupBy   fields whose values form a group
     * @param timespanMillis the window
     * @param condition comparison operator (gt, gte, lt, lte, eq) to bound; null for temporal
     * @param valueField the field whose distinct values value_count counts
     */
    public record Correlation(String type, List<String> rules, List<String> groupBy, long timespanMillis,
            Map<String, Long> condition, String valueField) {
    }

    public boolean isCorrelation() {
        return correlation != null;
    }

    /** The rule's level as the detector's severity hint (unknown levels count as medium). */
    public Severity severity() {
        return switch (level == null ? "" : level) {
            case "informational" -> Severity.INFO;
            case "low" -> Severity.LOW;
            case "high" -> Severity.HIGH;
            case "critical" -> Severity.CRITICAL;
            default -> Severity.MEDIUM;
        };
    }
}
