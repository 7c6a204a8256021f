package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import jp.sukedachi.app.support.Receivers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Regressions of issue 12's receiver items on a real server: 13 (the Elasticsearch root with a
 * trailing slash), 17 (intel import limits after decompression), 19 (what the quarantine kept, _bulk
 * item status per document), 21 (intel source without url), 3 (a truncated feed imports nothing).
 * The intel feed limit is 1 MiB here so the test stays small.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
            "sukedachi.intel.max-feed-mb=1"})
class ReceiverRegressionTest extends ReceiverServerTest {
    static String eve(int i) {
        return "{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + (9000 + i) + ",\"event_type\":\"dns\","
                + "\"src_ip\":\"10.3.0.1\",\"src_port\":40000,\"dest_ip\":\"8.8.8.8\",\"dest_port\":53,\"proto\":\"UDP\","
                + "\"dns\":{\"type\":\"query\",\"id\":" + i + ",\"rrname\":\"www.example.jp\",\"rrtype\":\"A\",\"tx_id\":0}}";
    }

    private HttpResponse<String> post(HttpRequest.Builder request, String contentType, byte[] body) throws Exception {
        return receivers.send(request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void theElasticsearchRootAnswersADeviceTokenWithAndWithoutTheTrailingSlash() throws Exception {
        Receivers.Device device = receivers.device("auto");
        for (String path : new String[] {"/api/v1/es", "/api/v1/es/"}) {
            HttpResponse<String> r = receivers.send(receivers.request(path).header("Authorization", "ApiKey " + device.token()));
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
            assertThat(json.readTree(r.body()).get("version").get("number").asString()).isEqualTo("8.15.0");
        }
    }

    @Test
    void theAnswerSaysHowManyQuarantinedRecordsTheQuarantineKept() throws Exception {
        Receivers.Device device = receivers.device("suricata-eve");
        StringBuilder body = new StringBuilder(eve(1)).append('\n');
        for (int i = 0; i < 1_100; i++) {
            body.append("not json ").append(i).append('\n');
        }
        HttpResponse<String> r = post(receivers.request("/api/v1/ingest").header("Authorization", "Bearer " + device.token()),
                "text/plain", body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("quarantined").asInt()).isEqualTo(1_100);
        assertThat(answer.get("quarantineKept").asInt()).isEqualTo(receivers.quarantine(device).size()).isEqualTo(1_000);
        assertThat(answer.get("quarantineDropped").asInt()).isEqualTo(100);
        assertThat(receivers.journal(device)).hasSize(1);
    }

    @Test
    void withoutADeclaredCharsetRecordsAreReadInTheDevicesCharsetAndBytesValidInNoneAreKeptInBase64() throws Exception {
        // Item 11: Shift_JIS from a Japanese appliance, sent by curl without a charset (device setting "auto").
        Receivers.Device device = receivers.device("syslog");
        String japanese = "<134>Nov 22 10:00:00 fw1 app: 管理画面へのログインに失敗しました user=山田";
        byte[] sjis = japanese.getBytes(java.nio.charset.Charset.forName("windows-31j"));
        byte[] none = {'<', '1', '3', '4', '>', 'a', (byte) 0xFF, (byte) 0xFE, (byte) 0x81, 'z'};
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(sjis);
        body.write('\n');
        body.write(none);
        body.write('\n');
        HttpResponse<String> r = post(receivers.request("/api/v1/ingest").header("Authorization", "Bearer " + device.token()),
                "application/x-www-form-urlencoded", body.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("quarantined").asInt()).isEqualTo(1);
        assertThat(receivers.journal(device)).singleElement().extracting(e -> e.raw()).isEqualTo(japanese);
        JsonNode kept = receivers.quarantine(device);
        assertThat(kept.size()).isEqualTo(1);
        String record = kept.get(0).get("record").asString();
        assertThat(record).startsWith("base64:");
        assertThat(java.util.Base64.getDecoder().decode(record.substring("base64:".length()))).isEqualTo(none);
    }

    @Test
    void bulkGivesEachDocumentItsOwnStatusAndErrorsWhenOneWasNotStored() throws Exception {
        Receivers.Device device = receivers.device("auto");
        String bulk = "{\"create\":{\"_index\":\"filebeat\"}}\n" + eve(1) + "\n"
                + "{\"create\":{\"_index\":\"filebeat\"}}\n{\"message\":\"nothing any format knows\"}\n"
                + "{\"index\":{\"_index\":\"logs\"}}\n" + eve(2) + "\n";
        HttpResponse<String> r = post(receivers.request("/api/v1/es/_bulk").header("Authorization", "Bearer " + device.token()),
                "application/x-ndjson", bulk.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.get("errors").asBoolean()).isTrue();
        JsonNode items = answer.get("items");
        assertThat(items.size()).isEqualTo(3);
        assertThat(items.get(0).get("create").get("status").asInt()).isEqualTo(201);
        JsonNode refused = items.get(1).get("create");
        assertThat(refused.get("status").asInt()).isEqualTo(400); // shippers drop a 400 item with a log, never retry it
        assertThat(refused.get("error").get("reason").asString()).contains("quarantine");
        assertThat(refused.has("result")).isFalse();
        assertThat(items.get(2).get("index").get("status").asInt()).isEqualTo(201);
        assertThat(receivers.journal(device)).hasSize(2);
        assertThat(receivers.quarantine(device)).hasSize(1);
    }

    @Test
    void aFeedLargerThanTheLimitAfterDecompressionIsRefusedAndNothingImported() throws Exception {
        String source = "bomb-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder feed = new StringBuilder();
        for (int i = 0; feed.length() < 2 * 1024 * 1024; i++) {
            feed.append("203.0.").append(i / 250 % 250).append('.').append(i % 250).append('\n');
        }
        byte[] gz = ReceiverContractTest.gzip(feed.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(gz.length).isLessThan(1024 * 1024); // small on the wire, over the limit once decompressed
        HttpResponse<String> r = post(receivers.admin("/api/v1/intel/import?format=list&source=" + source)
                .header("Content-Encoding", "gzip"), "text/plain", gz);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("1 MiB").contains("max-feed-mb");
        assertThat(receivers.indicators(source)).isZero();
    }

    @Test
    void aFeedLineLongerThanTheLimitIsRefusedAndNothingImported() throws Exception {
        String source = "longline-" + UUID.randomUUID().toString().substring(0, 8);
        String feed = "198.51.100.1\n198.51.100.2\n" + "a".repeat(70_000) + ".example.jp\n198.51.100.3\n";
        HttpResponse<String> r = post(receivers.admin("/api/v1/intel/import?format=list&source=" + source), "text/plain",
                feed.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("line 3").contains("65536");
        assertThat(receivers.indicators(source)).isZero();
    }

    @Test
    void aTruncatedGzipFeedImportsNothing() throws Exception {
        String source = "truncated-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder feed = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            feed.append("192.0.2.").append(i % 250).append('\n').append("host").append(i).append(".example.jp\n");
        }
        byte[] gz = ReceiverContractTest.gzip(feed.toString().getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = post(receivers.admin("/api/v1/intel/import?format=list&source=" + source)
                .header("Content-Encoding", "gzip"), "text/plain", Arrays.copyOf(gz, gz.length / 2));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("truncated");
        assertThat(receivers.indicators(source)).isZero();
    }

    @Test
    void anIntelSourceWithoutUrlIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> r = receivers.send(receivers.admin("/api/v1/intel/sources").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"no-url\",\"format\":\"list\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("url");
    }
}
