package jp.sukedachi.intel.feed;

import java.io.Reader;
import java.util.Objects;
import java.util.function.Consumer;
import jp.sukedachi.intel.Indicator;

/**
 * Reads a threat-intelligence feed and gives each indicator, normalised, to a sink; streaming, so
 * the feed is never held in memory (JSON feeds: one STIX object or one MISP event at a time). A bad
 * line, record or value is counted as rejected, with its line number and reason, and skipped; the
 * import goes on. Malformed JSON ends the import at the point it breaks (what came before is kept)
 * and is reported as one rejection. Only an {@link java.io.UncheckedIOException} from the reader
 * escapes.
 *
 * <p>Confidence is the source's own when it gives one (ThreatFox {@code confidence_level}, STIX
 * {@code confidence}, MISP {@code threat_level_id}), else {@value #DEFAULT_CONFIDENCE}.
 * {@code expiresAt} is last-seen (or the import time) plus the context's TTL, or STIX
 * {@code valid_until} when given.
 */
public final class FeedImporter {
    /** How many rejections are kept with their reasons; all are counted. */
    public static final int MAX_ERRORS = 100;
    /** Confidence when the source gives none. */
    public static final int DEFAULT_CONFIDENCE = 75;

    public ImportResult importFeed(Reader in, FeedFormat format, ImportContext ctx, Consumer<Indicator> sink) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(sink, "sink");
        Collector out = new Collector(ctx, sink);
        switch (format) {
            case URLHAUS_CSV, THREATFOX_CSV, MALWAREBAZAAR_CSV, SSLBL_CSV, FEODO_CSV ->
                    new AbuseChCsv(format, out).read(new Lines(in));
            case LIST -> PlainList.read(new Lines(in), out);
            case MISP -> new MispFeed(out).read(in);
            case STIX2 -> new StixFeed(out).read(in);
        }
        return out.result();
    }
}
