package jp.sukedachi.ingest.parse;

import java.util.List;
import java.util.Optional;

/**
 * The registry of formats and auto-detection. The shipped formats are listed in {@code StandardFormats}
 * (one line each); the order breaks sniff ties.
 */
public final class LogFormats {
    private final List<LogFormat> formats;

    public LogFormats(List<LogFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** Every format this build knows. */
    public static LogFormats standard() {
        return new LogFormats(StandardFormats.all());
    }

    public List<LogFormat> all() {
        return formats;
    }

    public Optional<LogFormat> byId(String id) {
        return formats.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The format most sure of this record, if any is at all (score above 0). */
    public Optional<LogFormat> detect(String record) {
        LogFormat best = null;
        int bestScore = 0;
        for (LogFormat f : formats) {
            int score = f.sniff(record);
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
