package jp.sukedachi.event;

import java.util.Map;
import java.util.Objects;

/**
 * What every detector emits (threat intelligence, Sigma, behaviour, campaign correlation) and
 * triage consumes: whose, which device, when, which detector and rule/indicator fired, how bad it
 * looks to the detector, and the event that is the evidence.
 *
 * @param detector   e.g. {@code intel}, {@code sigma}, {@code behaviour}
 * @param ruleId     stable id of what matched (indicator key, Sigma rule id …); triage groups by it
 * @param title      one-line description for analysts
 * @param severity   the detector's hint; triage decides the alert's final severity
 * @param category   what kind of thing it is; chooses every text an SME reads about it
 * @param context    small extra facts (matched field, indicator source, malware family …)
 */
public record Detection(TenantId tenant, DeviceId device, long timestampMillis, String detector, String ruleId,
        String title, Severity severity, Category category, SecurityEvent evidence, Map<String, String> context) {

    public Detection {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** Severity scale shared by detectors and triage. */
    public enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL }
}
