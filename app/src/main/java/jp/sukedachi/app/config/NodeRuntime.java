package jp.sukedachi.app.config;

import java.util.Locale;

/**
 * Where events wait between the receivers and the consumer ({@code sukedachi.runtime}): the embedded journal in the
 * data folder (one machine), or Kafka (the cluster: receivers and workers in separate processes).
 */
public enum NodeRuntime {
    EMBEDDED, KAFKA;

    public static final String PROPERTY = "sukedachi.runtime";

    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The runtime a setting names; blank = {@link #EMBEDDED}; another name stops the start with the allowed ones. */
    public static NodeRuntime of(String value) {
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        for (NodeRuntime r : values()) {
            if (r.setting().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException(PROPERTY + " must be one of embedded, kafka: \"" + value.strip() + "\"");
    }
}
