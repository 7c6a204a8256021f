package jp.sukedachi.ingest.parse.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.parse.net.NetDatasets.LogFile;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Field-level mapping of Zeek TSV and JSON records, header handling and malformed input. */
class ZeekParserTest {
    private static final long RECEIVED = 1_700_000_000_000L;
    private static final String T = "\t";
    private final ZeekFormat format = new ZeekFormat();

    /** Streams a dataset file through one parser and returns the event of the first line containing {@code marker}. */
    private SecurityEvent find(List<String> lines, String marker) throws MalformedRecordException {
        RecordParser parser = format.newParser();
        for (String line : lines) {
            SecurityEvent e = parser.parse(line, RECEIVED);
            if (line.contains(marker)) {
                assertThat(e).as(marker).isNotNull();
                assertThat(e.format()).isEqualTo("zeek");
                assertThat(e.raw()).isEqualTo(line);
                return e;
            }
        }
        throw new AssertionError("no line with " + marker);
    }

    private SecurityEvent find(String file, String marker) throws MalformedRecordException {
        return find(NetDatasets.readLines(Datasets.path(file)), marker);
    }

    private static List<String> apt29(String entry) {
        return NetDatasets.apt29Zeek().stream().filter(f -> f.name().endsWith(entry)).findFirst()
                .map(LogFile::lines).orElseThrow();
    }

    @Test
    void tsvConn() throws Exception {
        SecurityEvent e = find("stratosphere-zeek-labeled/005-zeek-scenario-malicious/conn.log", "CaBhzn4douRRoJ519a");
        assertThat(e.timestampMillis()).isEqualTo(13_184L); // ts 13.184015: the capture's relative clock
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.conn");
        assertThat(e.get(Ecs.EVENT_KIND)).isEqualTo("event");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo("network");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.168.1.116");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("50814");
        assertThat(e.get(Ecs.DESTINATION_IP)).isEqualTo("8.8.8.8");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("53");
        assertThat(e.get(Ecs.NETWORK_TRANSPORT)).isEqualTo("udp");
        assertThat(e.get(Ecs.NETWORK_PROTOCOL)).isEqualTo("dns");
        assertThat(e.get(Ecs.SOURCE_BYTES)).isEqualTo("34");
        assertThat(e.get(Ecs.DESTINATION_BYTES)).isEqualTo("50");
        assertThat(e.get(Ecs.EVENT_DURATION)).isEqualTo("1219000");
        assertThat(e.original("_path")).isEqualTo("conn");
        assertThat(e.original("id.orig_h")).isEqualTo("192.168.1.116");
        assertThat(e.original("conn_state")).isEqualTo("SF");
        assertThat(e.original("tunnel_parents")).isNull(); // (empty)
    }

    @Test
    void tsvLabeledConnKeepsLabels() throws Exception {
        SecurityEvent e = find("stratosphere-zeek-labeled/001-zeek-scenario-malicious/labeled-conn.log", "Cx8yQ24GZlNRG5vl94");
        assertThat(e.original("label")).isEqualTo("Malicious");
        assertThat(e.original("detailedlabel")).isEqualTo("CC");
        assertThat(e.get(Ecs.NETWORK_PROTOCOL)).isEqualTo("ssl");
        SecurityEvent ipv6 = find("stratosphere-zeek-labeled/001-zeek-scenario-malicious/labeled-conn.log", "C91Ycq25p2quMWzEMk");
        assertThat(ipv6.get(Ecs.SOURCE_IP)).isEqualTo("fd2d:ab8c:225:0:81d3:fd3e:7f62:aec8");
        assertThat(ipv6.original("label")).isEqualTo("Background");
        assertThat(ipv6.original("detailedlabel")).isNull();
    }

    @Test
    void tsvDns() throws Exception {
        SecurityEvent e = find("stratosphere-zeek-labeled/005-zeek-scenario-malicious/dns.log", "CaBhzn4douRRoJ519a");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.dns");
        assertThat(e.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("dns.msftncsi.com");
        assertThat(e.get(Ecs.DNS_QUESTION_TYPE)).isEqualTo("A");
        assertThat(e.get(Ecs.DNS_RESPONSE_CODE)).isEqualTo("NOERROR");
        assertThat(e.get(Ecs.DNS_ANSWERS_DATA)).isEqualTo("131.107.255.255");
        assertThat(e.original("query")).isEqualTo("dns.msftncsi.com");
        assertThat(e.original("TTLs")).isEqualTo("17.000000");
    }

    @Test
    void tsvHttp() throws Exception {
        SecurityEvent e = find("stratosphere-zeek-labeled/005-zeek-scenario-malicious/http.log", "CdcB2k1JTIu3hNzVse");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.http");
        assertThat(e.get(Ecs.URL_DOMAIN)).isEqualTo("gatyfus.com");
        assertThat(e.get(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(e.get(Ecs.URL_PATH)).isEqualTo("/login.php");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://gatyfus.com/login.php");
        assertThat(e.get(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo("302");
        assertThat(e.get(Ecs.HTTP_REQUEST_REFERRER)).isEqualTo("http://www.google.com");
        assertThat(e.get(Ecs.USER_AGENT_ORIGINAL)).startsWith("Mozilla/4.0 (compatible; MSIE 2.0;");
        assertThat(e.original("resp_mime_types")).isEqualTo("text/html");
    }

    @Test
    void tsvSsl() throws Exception {
        SecurityEvent e = find("stratosphere-zeek-labeled/009-zeek-malicious/data/ssl.log.labeled", "CU8CG01eGj22g9RX5j");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.ssl");
        assertThat(e.get(Ecs.TLS_SERVER_NAME)).isEqualTo("www.microsoft.com");
        assertThat(e.get(Ecs.TLS_VERSION)).isEqualTo("1.2");
        assertThat(e.get(Ecs.NETWORK_PROTOCOL)).isEqualTo("tls");
        assertThat(e.get(Ecs.TLS_SERVER_SUBJECT)).startsWith("CN=www.microsoft.com,");
        assertThat(e.get(Ecs.TLS_SERVER_ISSUER)).startsWith("CN=Symantec Class 3 Secure Server CA - G4");
        assertThat(e.original("cert_chain_fuids")).isEqualTo("FaJGGF3yqYbQOThNSc,FQ1xFj2eC0zxJqMmql");
        assertThat(e.original("validation_status")).isEqualTo("certificate is not yet valid");
        assertThat(e.original("label")).isEqualTo("Malicious");
    }

    @Test
    void tsvFilesNoticeWeird() throws Exception {
        SecurityEvent files = find("stratosphere-zeek-labeled/009-zeek-malicious/data/files.log.labeled", "FPOBog3s5F5B3S9Mzd\t");
        assertThat(files.get(Ecs.EVENT_CATEGORY)).isEqualTo("file");
        assertThat(files.get(Ecs.FILE_HASH_MD5)).isEqualTo("cd5a4d3fdd5bffc16bf959ef75cf37bc");
        assertThat(files.get(Ecs.FILE_HASH_SHA1)).isEqualTo("33bf88d5b82df3723d5863c7d23445e345828904");
        assertThat(files.get(Ecs.FILE_MIME_TYPE)).isEqualTo("text/plain");
        assertThat(files.get(Ecs.FILE_SIZE)).isEqualTo("14");
        assertThat(files.get(Ecs.SOURCE_IP)).isEqualTo("195.113.232.73");
        assertThat(files.get(Ecs.DESTINATION_IP)).isEqualTo("192.168.1.113");

        SecurityEvent notice = find("stratosphere-zeek-labeled/012-zeek-mixed/data/notice.log.labeled", "CDRur7wLIIF7THsU6");
        assertThat(notice.get(Ecs.EVENT_KIND)).isEqualTo("alert");
        assertThat(notice.get(Ecs.EVENT_CATEGORY)).isEqualTo("intrusion_detection");
        assertThat(notice.get(Ecs.RULE_NAME)).isEqualTo("ProtocolDetector::Protocol_Found");
        assertThat(notice.get(Ecs.MESSAGE)).isEqualTo("147.32.83.161:19011 > 1.1.1.2:853 SSL on port 853/tcp");

        SecurityEvent weird = find("stratosphere-zeek-labeled/012-zeek-mixed/data/weird.log.labeled", "CKzzeD3umyF5Cwlaqc");
        assertThat(weird.get(Ecs.RULE_NAME)).isEqualTo("TCP_seq_underflow_or_misorder");
        assertThat(weird.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.weird");
    }

    @Test
    void tsvUnescapesBackslashes() throws Exception {
        SecurityEvent e = find(NetDatasets.brimdataZeek().stream().filter(f -> f.name().endsWith("zeek-default/smb_mapping.log.gz"))
                .findFirst().orElseThrow().lines(), "C4RwE01ohVxASBuobd");
        assertThat(e.original("path")).isEqualTo("\\\\10.47.21.25\\ADMIN$"); // \\10.47.21.25\ADMIN$
    }

    @Test
    void jsonStreamingStyleWithIsoTs() throws Exception {
        List<String> notice = NetDatasets.brimdataZeek().stream().filter(f -> f.name().endsWith("zeek-json/notice.json.gz"))
                .findFirst().orElseThrow().lines();
        SecurityEvent e = find(notice, "CmC9kY1X0u9nP78KZc");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2018-03-24T17:15:20.629Z"));
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.notice");
        assertThat(e.get(Ecs.RULE_NAME)).isEqualTo("SSL::Invalid_Server_Cert");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("10.164.94.120");
        assertThat(e.get(Ecs.DESTINATION_PORT)).isEqualTo("443");
        assertThat(e.original("_path")).isEqualTo("notice");
        assertThat(e.original("_write_ts")).isEqualTo("2018-03-24T17:15:20.629574Z");
        assertThat(e.original("actions")).isEqualTo("Notice::ACTION_LOG");
        assertThat(e.original("email_dest")).isNull(); // empty array

        List<String> x509 = NetDatasets.brimdataZeek().stream().filter(f -> f.name().endsWith("zeek-json/x509.json.gz"))
                .findFirst().orElseThrow().lines();
        SecurityEvent cert = find(x509, "b2dafbcdbc75210672f137f27ce882ccb799887631655d4f11191d5a678e44fe");
        assertThat(cert.get(NetEcs.TLS_SERVER_HASH_SHA256)).isEqualTo("b2dafbcdbc75210672f137f27ce882ccb799887631655d4f11191d5a678e44fe");
        assertThat(cert.get(Ecs.TLS_SERVER_ISSUER)).isEqualTo("O=VMware Installer");
        assertThat(cert.original("certificate.serial")).isEqualTo("CC57FE54011E");

        List<String> ntlm = NetDatasets.brimdataZeek().stream().filter(f -> f.name().endsWith("zeek-json/ntlm.json.gz"))
                .findFirst().orElseThrow().lines();
        SecurityEvent auth = find(ntlm, "\"username\":\"Administrator\"");
        assertThat(auth.get(Ecs.USER_NAME)).isEqualTo("Administrator");
        assertThat(auth.get(Ecs.USER_DOMAIN)).isEqualTo("JERRY");
        assertThat(auth.get(Ecs.EVENT_CATEGORY)).isEqualTo("authentication");
    }

    @Test
    void corelightStreamStyle() throws Exception {
        SecurityEvent ssl = find(apt29("NASHUA-zeek_logs.zip!ssl.log"), "CpnezL3085IfcJzSAe");
        assertThat(ssl.timestamp()).isEqualTo(Instant.parse("2020-04-30T00:40:44.736Z"));
        assertThat(ssl.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.ssl");
        assertThat(ssl.get(Ecs.OBSERVER_HOSTNAME)).isEqualTo("bobs.bigwheel.local");
        assertThat(ssl.get(Ecs.SOURCE_IP)).isEqualTo("10.0.1.6");
        assertThat(ssl.get(Ecs.DESTINATION_IP)).isEqualTo("192.168.0.4");
        assertThat(ssl.get(Ecs.DESTINATION_PORT)).isEqualTo("8443");
        assertThat(ssl.get(Ecs.TLS_CLIENT_JA3)).isEqualTo("e0fe397a5edfba9a6facc7c7b341f4eb");
        assertThat(ssl.get(Ecs.TLS_SERVER_JA3S)).isEqualTo("e35df3e00ca4ef31d42b34bebaa2f86e");
        assertThat(ssl.get(Ecs.TLS_SERVER_HASH_SHA1)).isEqualTo("d9105746ea023ecdc6a47e7b4d026d5308525b8c");
        assertThat(ssl.get(Ecs.TLS_SERVER_SUBJECT)).contains("CN=rempel.group.net");
        // @stream / @system / id_orig_h are kept under the stock Zeek names.
        assertThat(ssl.original("_path")).isEqualTo("ssl");
        assertThat(ssl.original("_system_name")).isEqualTo("bobs.bigwheel.local");
        assertThat(ssl.original("id.orig_h")).isEqualTo("10.0.1.6");
        assertThat(ssl.original("id_orig_h")).isNull();
        assertThat(ssl.original("@proc")).isEqualTo("zeek");

        SecurityEvent dns = find(apt29("NASHUA-zeek_logs.zip!dns.log"), "Cvf4XX17hSAgXDdGEd");
        assertThat(dns.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("newyork.dmevals.local");
        assertThat(dns.get(Ecs.DNS_ANSWERS_DATA)).isEqualTo("10.0.0.4");
        assertThat(dns.original("TTLs")).isEqualTo("3600.0");

        SecurityEvent http = find(apt29("SCRANTON-zeek_logs.zip!http.log"), "ChOJWf3yQbPwENbBK1");
        assertThat(http.get(Ecs.HTTP_REQUEST_METHOD)).isEqualTo("OPTIONS");
        assertThat(http.get(Ecs.URL_FULL)).isEqualTo("http://192.168.0.4/");
        assertThat(http.get(Ecs.USER_AGENT_ORIGINAL)).isEqualTo("DavClnt");
        assertThat(http.original("client_header_names")).isEqualTo("CONNECTION,USER-AGENT,TRANSLATE,HOST");

        SecurityEvent x509 = find(apt29("NASHUA-zeek_logs.zip!x509.log"), "F1v6sJmRC73GU6WT3");
        assertThat(x509.get(Ecs.TLS_SERVER_SUBJECT)).contains("CN=rempel.group.net"); // from certificate_subject
    }

    @Test
    void plainZeekJsonWithoutPath() throws Exception {
        RecordParser parser = format.newParser();
        String line = "{\"ts\":1588205199.82437,\"uid\":\"Cabc\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1234,"
                + "\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,\"proto\":\"udp\",\"query\":\"x.example\"}";
        assertThat(format.sniff(line)).isEqualTo(90);
        SecurityEvent e = parser.parse(line, RECEIVED);
        assertThat(e.timestampMillis()).isEqualTo(1_588_205_199_824L);
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek");
        assertThat(e.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("x.example");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo("1234");
    }

    @Test
    void headerLinesReturnNullAndSetTheStream() throws Exception {
        RecordParser p = format.newParser();
        assertThat(p.parse("#separator \\x7c", RECEIVED)).isNull();
        assertThat(p.parse("#set_separator|;", RECEIVED)).isNull();
        assertThat(p.parse("#empty_field|(none)", RECEIVED)).isNull();
        assertThat(p.parse("#unset_field|?", RECEIVED)).isNull();
        assertThat(p.parse("#path|dns", RECEIVED)).isNull();
        assertThat(p.parse("#open|2024-04-01-00-00-00", RECEIVED)).isNull();
        assertThat(p.parse("#fields|ts|uid|query|answers|qtype_name|rcode_name", RECEIVED)).isNull();
        assertThat(p.parse("#types|time|string|string|vector[string]|string|string", RECEIVED)).isNull();
        assertThat(p.parse("", RECEIVED)).isNull();
        SecurityEvent e = p.parse("1711929600.000001|Cx|a\\x7cb.example|1.1.1.1;2.2.2.2|?|(none)\r", RECEIVED);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(e.get(Ecs.DNS_QUESTION_NAME)).isEqualTo("a|b.example");
        assertThat(e.get(Ecs.DNS_ANSWERS_DATA)).isEqualTo("1.1.1.1");
        assertThat(e.original("answers")).isEqualTo("1.1.1.1;2.2.2.2");
        assertThat(e.original("qtype_name")).isNull();
        assertThat(e.original("rcode_name")).isNull();
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("zeek.dns");
        assertThat(p.parse("#close|2024-04-01-00-00-01", RECEIVED)).isNull();

        // A new #separator starts a new header: the old #fields no longer apply.
        assertThat(p.parse("#separator \\x09", RECEIVED)).isNull();
        assertThatThrownBy(() -> p.parse("1711929600.000001" + T + "Cx", RECEIVED))
                .isInstanceOf(MalformedRecordException.class).hasMessage("no #fields header in this stream");
    }

    @Test
    void utf8AndEscapedBytes() throws Exception {
        RecordParser p = format.newParser();
        p.parse("#separator \\x09", RECEIVED);
        p.parse("#path" + T + "http", RECEIVED);
        p.parse("#fields" + T + "ts" + T + "host" + T + "uri", RECEIVED);
        SecurityEvent e = p.parse("1.000000" + T + "例え.jp" + T + "/\\xe3\\x81\\x82?q=\\x09\\x5c", RECEIVED);
        assertThat(e.get(Ecs.URL_DOMAIN)).isEqualTo("例え.jp");
        assertThat(e.original("uri")).isEqualTo("/あ?q=\t\\");
        assertThat(e.get(Ecs.URL_FULL)).isEqualTo("http://例え.jp/あ?q=\t\\");
        assertThat(ZeekParser.unescape("a\\xZZ\\")).isEqualTo("a\\xZZ\\");
        assertThat(ZeekParser.unescape("\\xff")).isEqualTo("\ufffd");
    }

    @Test
    void dataWithoutHeaderIsMalformed() {
        RecordParser p = format.newParser();
        assertThatThrownBy(() -> p.parse("1595853622.865067\tC8BzqfkUoISFwKao9\t10.0.0.1\t1\t10.0.0.2\t2\ttcp", RECEIVED))
                .isInstanceOf(MalformedRecordException.class).hasMessage("no #fields header in this stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1595853622.865067\tC8Bz\t10.0.0.1",                          // too few columns
        "1595853622.865067\tC8Bz\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\textra", // too many
        "yesterday\tC8Bz\t10.0.0.1\t1\t10.0.0.2\t2\ttcp",                 // ts not a time
        "1595853622.865067x\tC8Bz\t10.0.0.1\t1\t10.0.0.2\t2\ttcp",
        "99999999999999999\tC8Bz\t10.0.0.1\t1\t10.0.0.2\t2\ttcp",
        "{\"_path\":\"conn\",\"ts\":",                                    // truncated JSON
        "{\"_path\":\"conn\",\"ts\":\"2018-03-24T17:15:2\"}",
        "{\"_path\":\"conn\"} {",
        "{\"_path\":\"conn\",\"ts\":true}",
        "{]",
        "\u0000\u0001\u0002\u00ff",
        "garbage",
    })
    void malformedInputsAreReported(String record) throws Exception {
        RecordParser p = format.newParser();
        p.parse("#separator \\x09", RECEIVED);
        p.parse("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto", RECEIVED);
        assertThatThrownBy(() -> p.parse(record, RECEIVED)).isInstanceOf(MalformedRecordException.class);
        // The stream goes on after a bad record.
        assertThat(p.parse("1595853622.865067\tC8Bz\t10.0.0.1\t1\t10.0.0.2\t2\ttcp", RECEIVED).get(Ecs.SOURCE_IP))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void oddHeadersDoNotThrow() throws Exception {
        RecordParser p = format.newParser();
        for (String h : List.of("#", "#fields", "#separator", "#separator ", "#path\t", "#fields\t", "#separator \\x0d\\x0d",
                "#path\r\r", "#types\tx", "# comment")) {
            try {
                p.parse(h, RECEIVED);
            } catch (MalformedRecordException expected) {
                // fine: only MalformedRecordException may come out
            }
        }
    }

    @Test
    void sniff() {
        assertThat(format.id()).isEqualTo("zeek");
        assertThat(format.sniff("#separator \\x09")).isEqualTo(95);
        assertThat(format.sniff("#fields\tts\tuid")).isEqualTo(95);
        assertThat(format.sniff("#path\tconn")).isEqualTo(80);
        assertThat(format.sniff("{\"_path\":\"conn\",\"ts\":\"2018-03-24T17:15:20Z\"}")).isEqualTo(90);
        assertThat(format.sniff("{\"@stream\":\"weird\",\"ts\":1.5}")).isEqualTo(90);
        assertThat(format.sniff("{\"ts\":1.5,\"uid\":\"C1\"}")).isEqualTo(90);
        assertThat(format.sniff("1521911721.789543\tC18H5P2mT0bRiA2Sdk\t10.164.94.120")).isEqualTo(60);
        assertThat(format.sniff("{\"event_type\":\"alert\"}")).isZero();
        assertThat(format.sniff("<13>Jan  1 00:00:00 host app: hi")).isZero();
        assertThat(format.sniff("1521911721\tx")).isZero();
        assertThat(format.sniff("")).isZero();
    }
}
