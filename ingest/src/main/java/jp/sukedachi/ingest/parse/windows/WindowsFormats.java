package jp.sukedachi.ingest.parse.windows;

import java.util.List;
import jp.sukedachi.ingest.parse.LogFormat;

/** The endpoint formats of this package, for the registry: Windows event logs and Wazuh alerts. */
public final class WindowsFormats {
    private WindowsFormats() {
    }

    /** Wazuh alerts first: they sniff higher, and on a tie the more specific format should win. */
    public static List<LogFormat> all() {
        return List.of(new WazuhAlertsFormat(), new WindowsEventFormat());
    }
}
