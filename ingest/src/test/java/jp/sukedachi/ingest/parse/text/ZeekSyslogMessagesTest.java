package jp.sukedachi.ingest.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * brimdata-zeek-wrccdc's syslog.log is a Zeek log (Zeek's parser owns those records), but its
 * {@code message} column is the raw syslog text Zeek saw on UDP/514 (PRI stripped): RFC 5424 with
 * {@code @cee} JSON from Windows hosts. Every message must parse as syslog.
 */
class ZeekSyslogMessagesTest {
    @Test
    void everyCapturedMessageParses() throws Exception {
        JsonFactory json = new JsonFactory();
        RecordParser parser = Vendor.SYSLOG.newParser();
        int count = 0;
        int cee = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Datasets.path("brimdata-zeek-wrccdc/zeek-json/syslog.json.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String message = null;
                try (JsonParser p = json.createParser(ObjectReadContext.empty(), line)) {
                    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                        if (t == JsonToken.PROPERTY_NAME && "message".equals(p.currentName())) {
                            p.nextToken();
                            message = p.getString();
                        }
                    }
                }
                assertThat(message).isNotNull();
                SecurityEvent e = parser.parse(message, 1_521_911_747_000L);
                assertThat(e).as(message).isNotNull();
                assertThat(e.get(Ecs.HOST_NAME)).as(message).isNotNull();
                assertThat(e.timestampMillis()).as(message).isBetween(1_521_800_000_000L, 1_522_000_000_000L);
                if (message.contains("@cee:") && e.original("cee.error") == null) {
                    assertThat(e.get(Ecs.MESSAGE)).as(message).isNotNull();
                    cee++;
                }
                count++;
            }
        }
        System.out.printf("zeek syslog messages: %d parsed, 0 malformed, %d with complete @cee JSON%n", count, cee);
        assertThat(count).isEqualTo(2378);
    }
}
