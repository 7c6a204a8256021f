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
        return jp.sukedachi.app.shared.Settings.choice(PROPERTY, value, EMBEDDED);
    }
}
