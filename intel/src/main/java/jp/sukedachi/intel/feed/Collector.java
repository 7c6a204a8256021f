package jp.sukedachi.intel.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;

/** Counts what one import gives the sink and what it rejects; keeps the first errors. */
final class Collector {
    private static final int MAX_TEXT = 200;

    final ImportContext ctx;
    private final Consumer<Indicator> sink;
    private int imported;
    private int rejected;
    private final List<ImportError> errors = new ArrayList<>();

    Collector(ImportContext ctx, Consumer<Indicator> sink) {
        this.ctx = ctx;
        this.sink = sink;
    }

    /** Builds and emits an indicator whose value is already normalised. */
    void emit(IndicatorType type, String value, int confidence, String threatType, String family,
            Instant firstSeen, Instant lastSeen, Instant expiresAt, String reference) {
        sink.accept(new Indicator(type, value, ctx.source(), Math.max(0, Math.min(100, confidence)), blankToNull(threatType),
                blankToNull(family), firstSeen, lastSeen, expiresAt, ctx.tenant(), blankToNull(reference)));
        imported++;
    }

    void reject(int line, String reason, String text) {
        rejected++;
        if (errors.size() < FeedImporter.MAX_ERRORS) {
            String t = text == null ? "" : text;
            if (t.length() > MAX_TEXT) {
                t = t.substring(0, MAX_TEXT) + "…";
            }
            errors.add(new ImportError(line, reason, t));
        }
    }

    ImportResult result() {
        return new ImportResult(imported, rejected, errors);
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() || t.equalsIgnoreCase("none") || t.equalsIgnoreCase("n/a") ? null : t;
    }
}
