package jp.sukedachi.ingest.parse.net;

import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.RecordParser;
import tools.jackson.core.json.JsonFactory;

/** Suricata EVE JSON ({@code eve.json}): one JSON object per record, any {@code event_type}. */
public final class SuricataEveFormat implements LogFormat {
    public static final String ID = SuricataEveParser.FORMAT;

    /** Thread-safe; shared by this format's parsers so they share Jackson's property-name table. */
    private final JsonFactory json = new JsonFactory();

    @Override
    public String id() {
        return ID;
    }

    /** 95 for a JSON object naming {@code "event_type"}, else 0. */
    @Override
    public int sniff(String record) {
        int i = NetFormats.firstNonBlank(record);
        if (i < 0 || record.charAt(i) != '{') {
            return 0;
        }
        return record.indexOf("\"event_type\"", i) >= 0 ? 95 : 0;
    }

    @Override
    public RecordParser newParser() {
        return new SuricataEveParser(json);
    }
}
