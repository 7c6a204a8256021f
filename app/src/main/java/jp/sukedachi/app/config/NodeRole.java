package jp.sukedachi.app.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What one process of the jar does ({@code sukedachi.role}). THE place that says which role serves which part: the
 * beans ask {@link ConditionalOnNodePart}, the HTTP paths are sorted by {@link NodeRoleFilter}.
 *
 * <ul>
 * <li>{@code all}: everything (the embedded default: one machine).
 * <li>{@code receiver}: HTTP ingest, Elastic {@code _bulk} and syslog; no consumer, no pages, no scheduled jobs
 * (a receiver is stateless and scaled by load: several of them would run every job several times).
 * <li>{@code worker}: the pipeline's consumer (detect, triage, store) and the scheduled jobs; no receivers, no pages.
 * <li>{@code web}: the pages and the REST API and the scheduled jobs; no receivers, no consumer.
 * </ul>
 * Actuator health and metrics are on every role. The jobs guard themselves (job locks, claimed rows), so running
 * them on every worker and web process still does each once per cluster.
 */
public enum NodeRole {
    ALL(EnumSet.allOf(Part.class)),
    RECEIVER(EnumSet.of(Part.RECEIVERS)),
    WORKER(EnumSet.of(Part.CONSUMER, Part.JOBS)),
    WEB(EnumSet.of(Part.PAGES, Part.JOBS));

    /** A part of the application a role may serve. */
    public enum Part {
        /** HTTP ingest, {@code _bulk}, syslog. */
        RECEIVERS,
        /** The pipeline's consumer: detection, triage and the database write behind the event log. */
        CONSUMER,
        /** The web pages and the REST API (everything HTTP but the receivers and the actuator). */
        PAGES,
        /** The scheduled jobs ({@code @Scheduled}). */
        JOBS
    }

    public static final String PROPERTY = "sukedachi.role";
    private final Set<Part> parts;

    NodeRole(Set<Part> parts) {
        this.parts = parts;
    }

    public boolean serves(Part part) {
        return parts.contains(part);
    }

    /** The name an operator writes ({@code worker}). */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a setting names; blank = {@link #ALL}; another name stops the start with the allowed ones. */
    public static NodeRole of(String value) {
        return jp.sukedachi.app.shared.Settings.choice(PROPERTY, value, ALL);
    }
}
