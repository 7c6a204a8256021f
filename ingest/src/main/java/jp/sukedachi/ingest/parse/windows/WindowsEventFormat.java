package jp.sukedachi.ingest.parse.windows;

import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.RecordParser;
import tools.jackson.core.json.JsonFactory;

/** {@code windows}: Windows event log records as evtx_dump, Winlogbeat/HELK or Wazuh eventchannel JSON. */
final class WindowsEventFormat implements LogFormat {
    static final String ID = "windows";

    /** Thread-safe; shared by this format's parsers so they share its name symbol table. */
    private final JsonFactory json = WinJson.newFactory();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int sniff(String record) {
        if (record == null || !Sniff.startsObject(record)) {
            return 0;
        }
        if (record.contains("\"EventID\"") || record.contains("\"EventData\"")
                || (Sniff.keyOpens(record, "\"win\"", '{') && Sniff.keyOpens(record, "\"system\"", '{'))
                || (record.contains("\"winlog\"") && record.contains("\"event_id\""))) {
            return 90;
        }
        return 0;
    }

    @Override
    public RecordParser newParser() {
        return new WindowsEventParser(json);
    }
}
