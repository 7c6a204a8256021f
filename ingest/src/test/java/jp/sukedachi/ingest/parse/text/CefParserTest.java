package jp.sukedachi.ingest.parse.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import org.junit.jupiter.api.Test;

class CefParserTest {
    private static final long RECEIVED = Instant.parse("2024-05-18T00:00:00Z").toEpochMilli();

    @Test
    void headerAndExtensionWithEscapesAndSpaces() throws Exception {
        String line = "<134>Sep 19 08:26:10 host CEF:0|Security|threat\\|manager|1.0|100|worm successfully stopped|10|"
                + "src=10.0.0.1 dst=2.1.2.2 spt=1232 dpt=443 proto=TCP suser=alice duser=bob act=blocked "
                + "request=https://x.example/a?b\\=c&d=e requestMethod=GET fname=bad file.exe "
                + "fileHash=d41d8cd98f00b204e9800998ecf8427e msg=line1\\nline2 with \\\\ back\\=slash "
                + "cs1Label=policy cs1=Default Policy shost=ws1 dhost=srv1 rt=1716000000000";
        SecurityEvent e = Vendor.CEF.newParser().parse(line, RECEIVED);
        assertThat(e.format()).isEqualTo("cef");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("Security");
        assertThat(e.get(Ecs.OBSERVER_PRODUCT)).isEqualTo("threat|manager");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("100");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("worm successfully stopped");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("10");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("10.0.0.1");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("2.1.2.2");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("1232");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("alice");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("blocked");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        // an unescaped '=' inside a word does not start a key
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("https://x.example/a?b=c&d=e");
        assertThat(e.get(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(e.get(Ecs.FILE_NAME)).isEqualTo("bad file.exe");
        assertThat(e.get(Ecs.FILE_HASH_MD5)).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("line1\nline2 with \\ back=slash");
        assertThat(e.original("policy")).isEqualTo("Default Policy");
        assertThat(e.original("cs1")).isEqualTo("Default Policy");
        assertThat(e.original("duser")).isEqualTo("bob");
        assertThat(e.original("deviceProduct")).isEqualTo("threat|manager");
        assertThat(e.timestamp()).isEqualTo(Instant.ofEpochMilli(1_716_000_000_000L));
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("host");
    }

    @Test
    void f5AsmCefFromDataset() throws Exception {
        String line = WazuhCases.line("f5_big_ip.ini", "ASM SQL injection");
        LogFormat f = new LogFormats(TextFormats.all()).detect(line).orElseThrow();
        SecurityEvent e = f.newParser().parse(line, RECEIVED);
        assertThat(e.format()).isEqualTo("cef");
        assertThat(e.get(Ecs.OBSERVER_VENDOR)).isEqualTo("F5");
        assertThat(e.get(Ecs.OBSERVER_PRODUCT)).isEqualTo("ASM");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("SQL-INJ exec()");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("167.71.70.165");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("blocked");
        assertThat(e.original("attack_type")).isEqualTo("SQL-Injection");
        assertThat(e.get(Ecs.URL_FULL)).startsWith("/solr/atom/select?q=1&&wt=velocity");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2021-05-05T01:34:00Z"));
    }

    @Test
    void truncatedHeaderIsMalformed() {
        assertThatThrownBy(() -> Vendor.CEF.newParser().parse("CEF:0|only|three", RECEIVED))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("3 of 8");
        assertThatThrownBy(() -> Vendor.CEF.newParser().parse("no cef here", RECEIVED))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void emptyExtension() throws Exception {
        SecurityEvent e = Vendor.CEF.newParser().parse("CEF:0|V|P|1|sig|Name|Low|", RECEIVED);
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("3");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("sig");
    }
}
