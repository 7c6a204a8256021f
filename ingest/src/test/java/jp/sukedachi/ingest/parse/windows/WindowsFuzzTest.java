package jp.sukedachi.ingest.parse.windows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;

/**
 * Any input yields an event, null or MalformedRecordException, never another exception. Runs the committed
 * seeds in regression mode; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WindowsFuzzTest {
    private final LogFormat windows = new WindowsEventFormat();
    private final LogFormat alerts = new WazuhAlertsFormat();
    private final RecordParser windowsParser = windows.newParser();
    private final RecordParser alertsParser = alerts.newParser();

    @FuzzTest(maxDuration = "60s")
    void windows(byte[] data) {
        exercise(windows, windowsParser, new String(data, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "60s")
    void wazuhAlerts(byte[] data) {
        exercise(alerts, alertsParser, new String(data, StandardCharsets.UTF_8));
    }

    private static void exercise(LogFormat format, RecordParser parser, String record) {
        int score = format.sniff(record);
        if (score < 0 || score > 100) {
            throw new IllegalStateException("sniff out of range: " + score);
        }
        try {
            var event = parser.parse(record, 1L);
            if (event != null) {
                event.ecsFields();
                event.originalFields();
            }
        } catch (MalformedRecordException expected) {
            if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
                throw new IllegalStateException("malformed without a reason");
            }
        }
    }
}
