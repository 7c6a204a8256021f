package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import jp.sukedachi.app.support.Receivers;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The receiver contract (issue 12, items 2, 3 and 21): every body endpoint, sent every way a client
 * sends a body, either stores and counts everything (checked in the journal and the indicator store,
 * not only in the answer) or answers a 4xx that names the problem and stores nothing. Never a 2xx
 * for less than was sent, never a 5xx. Real Tomcat on an ephemeral port, raw HTTP requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
            "sukedachi.test.context=receiver-contract"}) // its own context: a paused one cannot restart the pipeline
class ReceiverContractTest extends ReceiverServerTest {
    static final int RECORDS = 5;
    /** Japanese text in every body, so a charset problem cannot go unnoticed. */
    static final String JAPANESE = "例え.テスト";

    /** A body endpoint: where it is, what a body of {@link #RECORDS} records looks like, and how much of it was stored. */
    enum Endpoint {
        INGEST("/api/v1/ingest", "suricata-eve"),
        BULK("/api/v1/_bulk", "auto"),
        ES_BULK("/api/v1/es/_bulk", "auto"),
        INTEL_IMPORT("/api/v1/intel/import", null);

        final String path;
        final String format;

        Endpoint(String path, String format) {
            this.path = path;
            this.format = format;
        }
    }

    /** How the client sends the body; {@code refusedWith} 0 means it must be stored whole. */
    record Case(String name, String contentType, String contentEncoding, Charset charset, UnaryOperator<byte[]> wire,
            int refusedWith, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Charset SJIS = Charset.forName("Shift_JIS");

    static List<Case> cases() {
        return List.of(
                new Case("no Content-Type", null, null, StandardCharsets.UTF_8, b -> b, 0, null),
                new Case("application/x-www-form-urlencoded (curl's default)", "application/x-www-form-urlencoded", null,
                        StandardCharsets.UTF_8, b -> b, 0, null),
                new Case("multipart/form-data with a boundary", "multipart/form-data; boundary=XyZ", null,
                        StandardCharsets.UTF_8, ReceiverContractTest::multipart, 415, "multipart"),
                new Case("multipart/form-data without a boundary", "multipart/form-data", null, StandardCharsets.UTF_8,
                        ReceiverContractTest::multipart, 415, "multipart"),
                new Case("text/plain", "text/plain", null, StandardCharsets.UTF_8, b -> b, 0, null),
                new Case("application/x-ndjson", "application/x-ndjson", null, StandardCharsets.UTF_8, b -> b, 0, null),
                new Case("gzip", "application/x-ndjson", "gzip", StandardCharsets.UTF_8, ReceiverContractTest::gzip, 0, null),
                new Case("deflate (zlib)", "application/x-ndjson", "deflate", StandardCharsets.UTF_8,
                        b -> deflate(b, false), 0, null),
                new Case("deflate (raw)", "application/x-ndjson", "deflate", StandardCharsets.UTF_8,
                        b -> deflate(b, true), 0, null),
                new Case("truncated gzip", "application/x-ndjson", "gzip", StandardCharsets.UTF_8,
                        b -> { byte[] g = gzip(b); return Arrays.copyOf(g, g.length * 2 / 3); }, 400, "truncated"),
                new Case("gzip header on a plain body", "application/x-ndjson", "gzip", StandardCharsets.UTF_8, b -> b,
                        400, "not gzip"),
                new Case("br (not supported)", "application/x-ndjson", "br", StandardCharsets.UTF_8, b -> b, 415, "'br'"),
                new Case("Shift_JIS bytes sent as UTF-8 (wrong charset)", "text/plain; charset=UTF-8", null, SJIS,
                        b -> b, 400, "UTF-8"),
                new Case("Shift_JIS declared", "text/plain; charset=Shift_JIS", null, SJIS, b -> b, 0, null),
                new Case("an unknown charset", "text/plain; charset=klingon", null, StandardCharsets.UTF_8, b -> b, 415,
                        "klingon"));
    }

    static Stream<Arguments> everyEndpointTimesEveryCase() {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (Case c : cases()) {
                all.add(Arguments.of(e, c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyEndpointTimesEveryCase")
    void everyBodyIsStoredAndCountedWholeOrRefusedWithA4xxThatNamesTheProblem(Endpoint endpoint, Case c) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Receivers.Device device = endpoint.format == null ? null : receivers.device(endpoint.format);
        String source = "contract-" + tag;
        String text = body(endpoint, tag);
        HttpRequest.Builder request = endpoint == Endpoint.INTEL_IMPORT
                ? receivers.admin(endpoint.path + "?format=list&source=" + source)
                : receivers.request(endpoint.path).header("Authorization", "Bearer " + device.token());
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.contentEncoding() != null) {
            request.header("Content-Encoding", c.contentEncoding());
        }
        request.POST(HttpRequest.BodyPublishers.ofByteArray(c.wire().apply(text.getBytes(c.charset()))));
        HttpResponse<String> response = receivers.send(request);

        assertThat(response.statusCode()).as("never a 5xx: " + response.body()).isLessThan(500);
        int stored = endpoint == Endpoint.INTEL_IMPORT ? receivers.indicators(source) : receivers.journal(device).size();
        if (response.statusCode() < 300) {
            assertThat(stored).as("a 2xx stores everything sent: " + response.body()).isEqualTo(RECORDS);
        }
        if (c.refusedWith() == 0) {
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
            JsonNode answer = json.readTree(response.body());
            switch (endpoint) {
                case INGEST -> assertThat(answer.get("accepted").asInt()).isEqualTo(RECORDS);
                case INTEL_IMPORT -> assertThat(answer.get("imported").asInt()).isEqualTo(RECORDS);
                default -> {
                    assertThat(answer.get("errors").asBoolean()).isFalse();
                    assertThat(answer.get("items").size()).isEqualTo(RECORDS);
                }
            }
            if (endpoint == Endpoint.INTEL_IMPORT) {
                assertThat(receivers.send(receivers.admin("/api/v1/intel/indicators?source=" + source)).body())
                        .contains("xn--"); // the Japanese domain arrived intact and was stored as punycode
            } else {
                List<SecurityEvent> events = receivers.journal(device);
                assertThat(events).allSatisfy(e -> assertThat(e.originalFields().toString()).contains(JAPANESE));
            }
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(c.refusedWith());
            assertThat(response.body()).as("the answer names the problem").containsIgnoringCase(c.named());
            assertThat(stored).as("a refused body stores nothing").isZero();
        }
    }

    /** {@link #RECORDS} records in the endpoint's shape, each with Japanese text. */
    static String body(Endpoint endpoint, String tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            String eve = "{\"timestamp\":\"2026-11-22T01:00:0" + i + ".000000+0000\",\"flow_id\":" + (1000 + i)
                    + ",\"event_type\":\"dns\",\"src_ip\":\"10.0.0." + (i + 1) + "\",\"src_port\":40000,\"dest_ip\":\"8.8.8.8\","
                    + "\"dest_port\":53,\"proto\":\"UDP\",\"dns\":{\"type\":\"query\",\"id\":" + i + ",\"rrname\":\""
                    + JAPANESE + "\",\"rrtype\":\"A\",\"tx_id\":0},\"tag\":\"" + tag + "\"}";
            switch (endpoint) {
                case INGEST -> b.append(eve).append('\n');
                case BULK, ES_BULK -> b.append("{\"create\":{\"_index\":\"filebeat-8.15.0\"}}\n").append(eve).append('\n');
                // One IDN domain among addresses: the charset matters for the feed too.
                case INTEL_IMPORT -> b.append(i == 0 ? "例え" + tag + ".jp" : "198.51.100." + (i + 10)).append('\n');
            }
        }
        return b.toString();
    }

    static byte[] multipart(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"eve.json\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] body, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            z.write(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
