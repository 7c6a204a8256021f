package jp.sukedachi.ingest.parse.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Field-level mapping of Suricata EVE records: real suricata-verify lines plus synthetic modern ones. */
class SuricataEveParserTest {
    private static final long RECEIVED = 1_700_000_000_000L;
    private final SuricataEveFormat format = new SuricataEveFormat();
    private final RecordParser parser = format.newParser();

    private static List<String> lines(String file) {
        return NetDatasets.readLines(Datasets.path("suricata-verify-eve/" + file));
    }

    private SecurityEvent parse(String line) throws MalformedRecordException {
        SecurityEvent e = parser.parse(line, RECEIVED);
        assertThat(e).isNotNull();
        assertThat(e.format()).isEqualTo("suricata-eve");
        assertThat(e.raw()).isEqualTo(line);
        return e;
    }

    @Test
    void testmyidsAlert() throws Exception {
        SecurityEvent e = parse(lines("alert-testmyids.eve.json").getFirst());
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2016-07-13T22:42:07.573Z"));
        assertThat(e.get(Ecs.EVENT_KIND)).isEqualTo("alert");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("intrusion_detection");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.alert");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("2100498");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("GPL ATTACK_RESPONSE id check returned root");
        assertThat(e.get(Ecs.RULE_CATEGORY)).isEqualTo("Potentially Bad Traffic");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("2");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("allowed");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("82.165.177.154");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("80");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("10.16.1.11");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("54186");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("tcp");
        assertThat(e.get(Ecs.URL_DOMAIN)).isEqualTo("www.testmyids.com");
        assertThat(e.get(Ecs.URL_PATH)).isEqualTo("/");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://www.testmyids.com/");
        assertThat(e.get(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(e.get(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo("200");
        assertThat(e.get(Ecs.USER_AGENT_ORIGINAL)).isEqualTo("curl/7.43.0");
        assertThat(e.original("event_type")).isEqualTo("alert");
        assertThat(e.original("alert.signature")).isEqualTo("GPL ATTACK_RESPONSE id check returned root");
        assertThat(e.original("alert.gid")).isEqualTo("1");
        assertThat(e.original("http.hostname")).isEqualTo("www.testmyids.com");
        assertThat(e.original("packet_info.linktype")).isEqualTo("1");
        assertThat(e.original("payload_printable")).startsWith("HTTP/1.1 200 OK\r\n"); // old-style "\/" unescaped
    }

    @Test
    void dnsV1QueryAndAnswer() throws Exception {
        List<String> lines = lines("eve-dns.eve.json");
        SecurityEvent query = parse(lines.get(0));
        assertThat(query.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.dns");
        assertThat(query.get(Ecs.EVENT_KIND)).isEqualTo("event");
        assertThat(query.get(Ecs.EVENT_CATEGORY)).isEqualTo("network");
        assertThat(query.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("client-cf.dropbox.com");
        assertThat(query.get(Ecs.DNS_QUESTION_TYPE)).isEqualTo("A");
        assertThat(query.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("udp");
        assertThat(query.original("dns.type")).isEqualTo("query");
        assertThat(query.original("dns.rrname")).isEqualTo("client-cf.dropbox.com");

        SecurityEvent answer = parse(lines.get(1));
        assertThat(answer.get(Ecs.DNS_RESPONSE_CODE)).isEqualTo("NOERROR");
        assertThat(answer.get(Ecs.DNS_ANSWERS_DATA)).isEqualTo("52.85.112.21");
        assertThat(answer.get(Ecs.SOURCE_PORT)).isEqualTo("53");
    }

    @Test
    void dnsV2AnswersArrayAndV3Queries() throws Exception {
        SecurityEvent v2 = parse("""
                {"timestamp":"2024-04-01T09:00:00.123456+0900","event_type":"dns","src_ip":"192.0.2.53","src_port":53,\
                "dest_ip":"198.51.100.7","dest_port":40000,"proto":"UDP","community_id":"1:abc=","dns":{"version":2,\
                "type":"answer","id":1,"flags":"8180","rrname":"example.jp","rrtype":"A","rcode":"NOERROR","answers":[\
                {"rrname":"example.jp","rrtype":"A","ttl":60,"rdata":"192.0.2.1"},\
                {"rrname":"example.jp","rrtype":"A","ttl":60,"rdata":"192.0.2.2"}]}}""");
        assertThat(v2.timestamp()).isEqualTo(Instant.parse("2024-04-01T00:00:00.123Z"));
        assertThat(v2.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("example.jp");
        assertThat(v2.get(Ecs.DNS_ANSWERS_DATA)).isEqualTo("192.0.2.1");
        assertThat(v2.get(Ecs.NETWORK_COMMUNITY_ID)).isEqualTo("1:abc=");
        // Arrays: no index, values on one path joined with commas.
        assertThat(v2.original("dns.answers.rdata")).isEqualTo("192.0.2.1,192.0.2.2");
        assertThat(v2.original("dns.answers.ttl")).isEqualTo("60,60");

        SecurityEvent v3 = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"dns","src_ip":"198.51.100.7","dest_ip":"192.0.2.53",\
                "proto":"UDP","dns":{"version":3,"type":"request","tx_id":0,"id":7,\
                "queries":[{"rrname":"evil.example","rrtype":"AAAA"}]}}""");
        assertThat(v3.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("evil.example");
        assertThat(v3.get(Ecs.DNS_QUESTION_TYPE)).isEqualTo("AAAA");
        assertThat(v3.original("dns.queries.rrname")).isEqualTo("evil.example");
    }

    @Test
    void tlsWithSniAndFingerprint() throws Exception {
        SecurityEvent e = parse(lines("tls-json-output-ids.eve.json").getFirst());
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.tls");
        assertThat(e.get(Ecs.TLS_SERVER_NAME)).isEqualTo("www.google.com");
        assertThat(e.get(Ecs.TLS_VERSION)).isEqualTo("1.2");
        assertThat(e.get(Ecs.TLS_SERVER_HASH_SHA1)).isEqualTo("9086a43bf5cf1b2e4ef79796f9debab96635863f");
        assertThat(e.get(Ecs.TLS_SERVER_SUBJECT)).isEqualTo("C=US, ST=California, L=Mountain View, O=Google Inc, CN=www.google.com");
        assertThat(e.get(Ecs.TLS_SERVER_ISSUER)).isEqualTo("C=US, O=Google Inc, CN=Google Internet Authority G2");
        assertThat(e.original("tls.fingerprint")).isEqualTo("90:86:a4:3b:f5:cf:1b:2e:4e:f7:97:96:f9:de:ba:b9:66:35:86:3f");
        assertThat(e.original("tls.sni")).isEqualTo("www.google.com");
    }

    @Test
    void tlsFingerprintAlert() throws Exception {
        SecurityEvent e = parse(lines("tls-fingerprint-alert.eve.json").getFirst());
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("TLS FINGERPRINT TEST");
        assertThat(e.get(Ecs.RULE_ID)).isEqualTo("1");
        assertThat(e.get(Ecs.TLS_SERVER_NAME)).isEqualTo("www.google.com");
    }

    @Test
    void eicarFileinfo() throws Exception {
        SecurityEvent e = parse(lines("output-eve-fileinfo.eve.json").getFirst());
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.fileinfo");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("file");
        assertThat(e.get(Ecs.FILE_NAME)).isEqualTo("eicar.com");
        assertThat(e.get(Ecs.FILE_SIZE)).isEqualTo("68");
        assertThat(e.get(Ecs.FILE_MIME_TYPE)).isEqualTo("application/octet-stream");
        assertThat(e.get(Ecs.FILE_HASH_MD5)).isNull(); // this 2016 output has no hashes
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://www.eicar.org/download/eicar.com");
        assertThat(e.get(Ecs.NETWORK_PROTOCOL)).isEqualTo("http");
        assertThat(e.original("fileinfo.state")).isEqualTo("CLOSED");
        assertThat(e.original("fileinfo.stored")).isEqualTo("false");
    }

    @Test
    void modernFileinfoWithHashes() throws Exception {
        SecurityEvent e = parse("""
                {"timestamp":"2024-04-01T00:00:00.000000+0000","event_type":"fileinfo","src_ip":"203.0.113.9",\
                "src_port":80,"dest_ip":"10.0.0.5","dest_port":50000,"proto":"TCP","app_proto":"http",\
                "http":{"hostname":"dl.example","url":"/a.exe?x=1","http_content_type":"application/x-msdownload"},\
                "fileinfo":{"filename":"/a.exe","magic":"PE32 executable (GUI) Intel 80386, for MS Windows",\
                "md5":"44d88612fea8a8f36de82e1278abb02f","sha1":"3395856ce81f2b7382dee72602f798b642f14140",\
                "sha256":"275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f","size":68}}""");
        assertThat(e.get(Ecs.FILE_HASH_MD5)).isEqualTo("44d88612fea8a8f36de82e1278abb02f");
        assertThat(e.get(Ecs.FILE_HASH_SHA1)).isEqualTo("3395856ce81f2b7382dee72602f798b642f14140");
        assertThat(e.get(Ecs.FILE_HASH_SHA256)).isEqualTo("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f");
        assertThat(e.get(Ecs.FILE_MIME_TYPE)).isEqualTo("application/x-msdownload"); // magic is prose, not MIME
        assertThat(e.get(Ecs.URL_PATH)).isEqualTo("/a.exe");
        assertThat(e.get(NetEcs.URL_QUERY)).isEqualTo("x=1");
        assertThat(e.original("fileinfo.magic")).startsWith("PE32");
    }

    @Test
    void flowCarriesBytesAndAppProto() throws Exception {
        SecurityEvent e = parse(lines("dns-tcp-www-google-com.eve.json").getLast());
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.flow");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("network");
        assertThat(e.get(Ecs.NETWORK_PROTOCOL)).isEqualTo("dns");
        assertThat(e.get(Ecs.SOURCE_BYTES)).isEqualTo("461");
        assertThat(e.get(Ecs.DESTINATION_BYTES)).isEqualTo("509");
        assertThat(e.original("flow.state")).isEqualTo("closed");
        assertThat(e.original("tcp.tcp_flags")).isEqualTo("1b");
    }

    @Test
    void dnp3KeepsNestedArraysFlat() throws Exception {
        SecurityEvent e = parse(lines("dnp3.eve.json").getFirst());
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.dnp3");
        assertThat(e.original("dnp3.type")).isEqualTo("request");
        assertThat(e.original("dnp3.application.objects.group")).isEqualTo("60,60,60");
        assertThat(e.original("dnp3.application.objects.variation")).isEqualTo("2,3,4");
    }

    @Test
    void modernAlertWithHostJa3AndColonOffset() throws Exception {
        SecurityEvent e = parse("""
                {"timestamp":"2024-04-01T09:00:00.500+09:00","flow_id":1,"in_iface":"eth0","event_type":"alert",\
                "src_ip":"10.0.0.5","src_port":51000,"dest_ip":"198.51.100.66","dest_port":443,"proto":"TCP",\
                "app_proto":"tls","community_id":"1:xyz=","host":"sensor-osaka-1","ether":{"src_mac":"00:11:22:33:44:55"},\
                "alert":{"action":"blocked","gid":1,"signature_id":2030000,"rev":3,"signature":"ET MALWARE Test C2",\
                "category":"A Network Trojan was detected","severity":1,"metadata":{"tag":["c2","test"]}},\
                "tls":{"sni":"c2.example","version":"TLS 1.3","ja3":{"hash":"e0fe397a5edfba9a6facc7c7b341f4eb",\
                "string":"771,4865"},"ja3s":{"hash":"e35df3e00ca4ef31d42b34bebaa2f86e"}}}""");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-04-01T00:00:00.500Z"));
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("sensor-osaka-1");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("blocked");
        assertThat(e.get(Ecs.EVENT_SEVERITY)).isEqualTo("1");
        assertThat(e.get(Ecs.NETWORK_PROTOCOL)).isEqualTo("tls");
        assertThat(e.get(Ecs.SOURCE_MAC)).isEqualTo("00:11:22:33:44:55");
        assertThat(e.get(Ecs.TLS_CLIENT_JA3)).isEqualTo("e0fe397a5edfba9a6facc7c7b341f4eb");
        assertThat(e.get(Ecs.TLS_SERVER_JA3S)).isEqualTo("e35df3e00ca4ef31d42b34bebaa2f86e");
        assertThat(e.get(Ecs.TLS_VERSION)).isEqualTo("1.3");
        assertThat(e.original("alert.metadata.tag")).isEqualTo("c2,test");
        assertThat(e.original("tls.ja3.string")).isEqualTo("771,4865");
    }

    @Test
    void smtpAndEmail() throws Exception {
        SecurityEvent e = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"smtp","src_ip":"10.0.0.9","src_port":40000,\
                "dest_ip":"10.0.0.25","dest_port":25,"proto":"TCP","app_proto":"smtp",\
                "smtp":{"helo":"mx.example","mail_from":"<alice@example.jp>","rcpt_to":["<bob@example.jp>","<carol@example.jp>"]},\
                "email":{"status":"PARSE_DONE","from":"\\"Alice, A.\\" <alice@example.jp>","to":["Bob <bob@example.jp>"],\
                "subject":"請求書"}}""");
        assertThat(e.get(Ecs.EMAIL_FROM_ADDRESS)).isEqualTo("alice@example.jp");
        assertThat(e.get(Ecs.EMAIL_TO_ADDRESS)).isEqualTo("bob@example.jp");
        assertThat(e.get(Ecs.EMAIL_SUBJECT)).isEqualTo("請求書");
        assertThat(e.original("smtp.rcpt_to")).isEqualTo("<bob@example.jp>,<carol@example.jp>");
    }

    @Test
    void httpEventAbsoluteUrlAndPort() throws Exception {
        SecurityEvent e = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"http","src_ip":"10.0.0.9","src_port":40000,\
                "dest_ip":"10.0.0.80","dest_port":8080,"proto":"TCP","http":{"hostname":"intra.example",\
                "http_port":8080,"url":"/login?next=%2F","http_method":"POST","status":302,\
                "http_refer":"http://intra.example:8080/","http_user_agent":"Mozilla/5.0"}}""");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://intra.example:8080/login?next=%2F");
        assertThat(e.get(Ecs.URL_PATH)).isEqualTo("/login");
        assertThat(e.get(Ecs.HTTP_REQUEST_REFERRER)).isEqualTo("http://intra.example:8080/");
        assertThat(e.get(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("POST");

        SecurityEvent proxy = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"http","http":{"hostname":"a.example",\
                "url":"http://a.example/x"}}""");
        assertThat(proxy.get(Ecs.URL_FULL)).isEqualTo("http://a.example/x");
        assertThat(proxy.get(Ecs.URL_PATH)).isEqualTo("/x");
    }

    @Test
    void statsIsAMetricAndUnknownTypesAreGeneric() throws Exception {
        SecurityEvent stats = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"stats","stats":{"uptime":60,\
                "capture":{"kernel_packets":100,"kernel_drops":0},"decoder":{"pkts":100}}}""");
        assertThat(stats.get(Ecs.EVENT_KIND)).isEqualTo("metric");
        assertThat(stats.get(Ecs.EVENT_CATEGORY)).isNull();
        assertThat(stats.original("stats.capture.kernel_packets")).isEqualTo("100");

        SecurityEvent quic = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"quic","src_ip":"10.0.0.1","proto":"UDP",\
                "quic":{"version":"1","sni":"q.example"}}""");
        assertThat(quic.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.quic");
        assertThat(quic.get(Ecs.EVENT_KIND)).isEqualTo("event");
        assertThat(quic.original("quic.sni")).isEqualTo("q.example");

        SecurityEvent anomaly = parse("""
                {"timestamp":"2024-04-01T00:00:00Z","event_type":"anomaly","anomaly":{"type":"decode",\
                "event":"decoder.ipv4.trunc_pkt"}}""");
        assertThat(anomaly.get(Ecs.EVENT_DATASET)).isEqualTo("suricata.anomaly");
        assertThat(anomaly.original("anomaly.event")).isEqualTo("decoder.ipv4.trunc_pkt");
    }

    @Test
    void timestampSpellingsAgree() throws Exception {
        long expected = Instant.parse("2016-07-13T22:42:07.573Z").toEpochMilli();
        for (String ts : List.of("2016-07-13T22:42:07.573103+0000", "2016-07-13T22:42:07.573103+00:00",
                "2016-07-13T22:42:07.573103Z", "2016-07-14T07:42:07.573103+0900", "2016-07-13T22:42:07.573")) {
            SecurityEvent e = parse("{\"timestamp\":\"" + ts + "\",\"event_type\":\"flow\"}");
            assertThat(e.timestampMillis()).as(ts).isEqualTo(expected);
        }
        assertThat(parse("{\"event_type\":\"flow\"}").timestampMillis()).isEqualTo(RECEIVED);
    }

    @Test
    void blankRecordsCarryNothing() throws Exception {
        assertThat(parser.parse("", RECEIVED)).isNull();
        assertThat(parser.parse("   \t", RECEIVED)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"timestamp\":\"2016-07-13T22:42:07.573103+0000\",\"event_type\":\"alert\",\"src_ip\":",
        "{\"event_type\":\"alert\"",
        "{",
        "}",
        "[]",
        "[{\"event_type\":\"alert\"}]",
        "\"event_type\"",
        "123",
        "null",
        "not json at all",
        "{\"timestamp\":\"2016-07-13T22:42:07Z\"}",
        "{\"a\":1}",
        "{\"event_type\":\"alert\",\"timestamp\":\"yesterday\"}",
        "{\"event_type\":\"alert\",\"timestamp\":\"2016-13-13T22:42:07Z\"}",
        "{\"event_type\":\"alert\",\"timestamp\":\"2016-02-30T22:42:07Z\"}",
        "{\"event_type\":\"alert\"} trailing",
        "{\"event_type\":\"alert\"}}",
        "{\"event_type\":\"alert\",}",
        "{\"event_type\":\"alert\",\"x\":NaN}",
        "{\"event_type\":\"alert\",\"x\":\"unterminated}",
        "{'event_type':'alert'}",
        "\u0000\u0001\u0002\u00ff\ufffd{{{",
    })
    void malformedInputsAreReported(String record) {
        assertThatThrownBy(() -> parser.parse(record, RECEIVED)).isInstanceOf(MalformedRecordException.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"event_type\":\"x\",\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> parser.parse(deep, RECEIVED)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void hugeArraysAreBounded() throws Exception {
        StringBuilder sb = new StringBuilder("{\"event_type\":\"x\",\"a\":[");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"k").append(i).append("\":\"v\",\"same\":\"0123456789\"}");
        }
        SecurityEvent e = parse(sb.append("]}").toString());
        assertThat(e.originalFieldCount()).isLessThanOrEqualTo(JsonFlattener.MAX_FIELDS);
        assertThat(e.original("a.same").length()).isLessThanOrEqualTo(JsonFlattener.MAX_JOINED_CHARS);
    }

    @Test
    void parserIsReusableAfterAMalformedRecord() throws Exception {
        assertThatThrownBy(() -> parser.parse("{\"event_type\":", RECEIVED)).isInstanceOf(MalformedRecordException.class);
        SecurityEvent e = parse(lines("single-dns-request.eve.json").getFirst());
        assertThat(e.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("suricon.net");
        assertThat(e.original("event_type")).isEqualTo("dns");
        assertThat(e.originalFields()).doesNotContainKey("dns.rdata");
    }

    @Test
    void sniff() {
        assertThat(format.id()).isEqualTo("suricata-eve");
        assertThat(format.sniff(lines("alert-testmyids.eve.json").getFirst())).isEqualTo(95);
        assertThat(format.sniff("  {\"event_type\":\"dns\"}")).isEqualTo(95);
        assertThat(format.sniff("{\"_path\":\"conn\"}")).isZero();
        assertThat(format.sniff("<13>Jan  1 00:00:00 host event_type")).isZero();
        assertThat(format.sniff("")).isZero();
    }
}
