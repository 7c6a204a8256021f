package jp.sukedachi.ingest.parse.windows;

import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.RecordParser;
import tools.jackson.core.json.JsonFactory;

/** {@code wazuh-alerts}: Wazuh manager alerts ({@code alerts.json}), with the Windows mapping for {@code data.win}. */
final class WazuhAlertsFormat implements LogFormat {
    static final String ID = "wazuh-alerts";

    private final JsonFactory json = WinJson.newFactory();

    @Override
    public String id() {
        return ID;
    }

    /** 95, above {@code windows}' 90: an alert that carries a Windows event is still an alert. */
    @Override
    public int sniff(String record) {
        if (record == null || !Sniff.startsObject(record)) {
            return 0;
        }
        return Sniff.keyOpens(record, "\"rule\"", '{') && Sniff.keyOpens(record, "\"agent\"", '{') ? 95 : 0;
    }

    @Override
    public RecordParser newParser() {
        return new WazuhAlertsParser(json);
    }
}
