package jp.sukedachi.detect.asset;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.RecordParser;

/** Realistic log lines through the real ingest parsers, owned by a company as the receivers stamp them. */
final class Lines {
    static final TenantId COMPANY = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    static final DeviceId DEVICE = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final LogFormats FORMATS = LogFormats.standard();

    private Lines() {
    }

    /** Every event the lines give with the format's parser (one stream: TSV headers apply to later lines). */
    static List<SecurityEvent> parse(String format, TenantId company, String... lines) {
        RecordParser parser = FORMATS.byId(format).orElseThrow().newParser();
        List<SecurityEvent> out = new ArrayList<>();
        for (String line : lines) {
            try {
                SecurityEvent e = parser.parse(line, 1_800_000_000_000L);
                if (e != null) {
                    out.add(e.withOwner(company, DEVICE, e.timestampMillis()));
                }
            } catch (Exception ex) {
                throw new IllegalStateException(line, ex);
            }
        }
        return out;
    }

    static SecurityEvent one(String format, String... lines) {
        List<SecurityEvent> events = parse(format, COMPANY, lines);
        if (events.size() != 1) {
            throw new IllegalStateException("expected one event, got " + events.size());
        }
        return events.getFirst();
    }
}
