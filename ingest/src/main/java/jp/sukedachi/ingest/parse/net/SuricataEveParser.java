package jp.sukedachi.ingest.parse.net;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.parse.Times;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses Suricata EVE JSON records, one object per record, of any {@code event_type}.
 *
 * <p>Every leaf is kept under its dotted EVE name ({@code alert.signature}, {@code dns.rrname},
 * {@code http.http_user_agent}); arrays are flattened as described in {@link JsonFlattener} (comma
 * joined, no index). The common fields are mapped to ECS; the mapping reads the first value where EVE
 * has an array (DNS v2 {@code queries[0].rrname}, {@code answers[0].rdata}, the first SMTP recipient).
 *
 * <p>Decisions:
 * <ul>
 * <li>{@code stats} records become events with {@code event.kind=metric} (not null): sensor health is
 * worth keeping, and null is reserved for records that carry nothing;
 * <li>a record without {@code event_type}, or with a timestamp that does not parse, is malformed (a
 * silently wrong time would mislead every time-window rule); a record without {@code timestamp} gets
 * the receive time;
 * <li>{@code url.full} is the request target when absolute, else {@code http://hostname[:http_port]url};
 * the flow's destination port is not used because alert records may run server to client;
 * <li>{@code file.mime_type} comes from {@code fileinfo.magic} only when that is a MIME type (it is
 * usually libmagic prose), else from the HTTP content type of the transfer;
 * <li>{@code tls.version} is numeric ({@code TLS 1.2} becomes {@code 1.2}), as ECS defines it.
 * </ul>
 */
final class SuricataEveParser implements RecordParser {
    static final String FORMAT = "suricata-eve";

    private static final int TIMESTAMP = 0;
    private static final int EVENT_TYPE = 1;
    private static final int SRC_IP = 2;
    private static final int SRC_PORT = 3;
    private static final int DEST_IP = 4;
    private static final int DEST_PORT = 5;
    private static final int PROTO = 6;
    private static final int APP_PROTO = 7;
    private static final int COMMUNITY_ID = 8;
    private static final int HOST = 9;
    private static final int ALERT_ACTION = 10;
    private static final int ALERT_SID = 11;
    private static final int ALERT_SIGNATURE = 12;
    private static final int ALERT_CATEGORY = 13;
    private static final int ALERT_SEVERITY = 14;
    private static final int DNS_NAME = 15;
    private static final int DNS_NAME_V2 = 16;
    private static final int DNS_TYPE = 17;
    private static final int DNS_TYPE_V2 = 18;
    private static final int DNS_RCODE = 19;
    private static final int DNS_RDATA = 20;
    private static final int DNS_RDATA_V2 = 21;
    private static final int HTTP_HOSTNAME = 22;
    private static final int HTTP_URL = 23;
    private static final int HTTP_METHOD = 24;
    private static final int HTTP_STATUS = 25;
    private static final int HTTP_USER_AGENT = 26;
    private static final int HTTP_REFERRER = 27;
    private static final int HTTP_PORT = 28;
    private static final int HTTP_CONTENT_TYPE = 29;
    private static final int TLS_SNI = 30;
    private static final int TLS_VERSION = 31;
    private static final int TLS_JA3 = 32;
    private static final int TLS_JA3S = 33;
    private static final int TLS_FINGERPRINT = 34;
    private static final int TLS_SUBJECT = 35;
    private static final int TLS_ISSUER = 36;
    private static final int FILE_NAME = 37;
    private static final int FILE_SIZE = 38;
    private static final int FILE_MD5 = 39;
    private static final int FILE_SHA1 = 40;
    private static final int FILE_SHA256 = 41;
    private static final int FILE_MAGIC = 42;
    private static final int EMAIL_FROM = 43;
    private static final int EMAIL_TO = 44;
    private static final int EMAIL_SUBJECT = 45;
    private static final int SMTP_MAIL_FROM = 46;
    private static final int SMTP_RCPT_TO = 47;
    private static final int BYTES_TO_SERVER = 48;
    private static final int BYTES_TO_CLIENT = 49;
    private static final int NETFLOW_BYTES = 50;
    private static final int SRC_MAC = 51;
    private static final int DEST_MAC = 52;

    /** The EVE names mapped to ECS. The rest are kept as originals only. */
    static final FieldSchema SCHEMA = FieldSchema.builder()
            .slot(TIMESTAMP, "timestamp")
            .slot(EVENT_TYPE, "event_type")
            .slot(SRC_IP, "src_ip")
            .slot(SRC_PORT, "src_port")
            .slot(DEST_IP, "dest_ip")
            .slot(DEST_PORT, "dest_port")
            .slot(PROTO, "proto")
            .slot(APP_PROTO, "app_proto")
            .slot(COMMUNITY_ID, "community_id")
            .slot(HOST, "host")
            .slot(ALERT_ACTION, "alert.action")
            .slot(ALERT_SID, "alert.signature_id")
            .slot(ALERT_SIGNATURE, "alert.signature")
            .slot(ALERT_CATEGORY, "alert.category")
            .slot(ALERT_SEVERITY, "alert.severity")
            // v1 records and alert metadata carry the name at dns.rrname / dns.query[].rrname; v2/v3 in queries[].
            .slot(DNS_NAME, "dns.rrname")
            .slot(DNS_NAME_V2, "dns.queries.rrname", "dns.query.rrname")
            .slot(DNS_TYPE, "dns.rrtype")
            .slot(DNS_TYPE_V2, "dns.queries.rrtype", "dns.query.rrtype")
            .slot(DNS_RCODE, "dns.rcode")
            .slot(DNS_RDATA, "dns.rdata")
            .slot(DNS_RDATA_V2, "dns.answers.rdata")
            .slot(HTTP_HOSTNAME, "http.hostname")
            .slot(HTTP_URL, "http.url")
            .slot(HTTP_METHOD, "http.http_method")
            .slot(HTTP_STATUS, "http.status")
            .slot(HTTP_USER_AGENT, "http.http_user_agent")
            .slot(HTTP_REFERRER, "http.http_refer")
            .slot(HTTP_PORT, "http.http_port")
            .slot(HTTP_CONTENT_TYPE, "http.http_content_type")
            .slot(TLS_SNI, "tls.sni")
            .slot(TLS_VERSION, "tls.version")
            .slot(TLS_JA3, "tls.ja3.hash")
            .slot(TLS_JA3S, "tls.ja3s.hash")
            .slot(TLS_FINGERPRINT, "tls.fingerprint")
            .slot(TLS_SUBJECT, "tls.subject")
            .slot(TLS_ISSUER, "tls.issuerdn")
            .slot(FILE_NAME, "fileinfo.filename")
            .slot(FILE_SIZE, "fileinfo.size")
            .slot(FILE_MD5, "fileinfo.md5")
            .slot(FILE_SHA1, "fileinfo.sha1")
            .slot(FILE_SHA256, "fileinfo.sha256")
            .slot(FILE_MAGIC, "fileinfo.magic")
            .slot(EMAIL_FROM, "email.from")
            .slot(EMAIL_TO, "email.to")
            .slot(EMAIL_SUBJECT, "email.subject")
            .slot(SMTP_MAIL_FROM, "smtp.mail_from")
            .slot(SMTP_RCPT_TO, "smtp.rcpt_to")
            .slot(BYTES_TO_SERVER, "flow.bytes_toserver")
            .slot(BYTES_TO_CLIENT, "flow.bytes_toclient")
            .slot(NETFLOW_BYTES, "netflow.bytes")
            .slot(SRC_MAC, "ether.src_mac")
            .slot(DEST_MAC, "ether.dest_mac")
            .build();

    private final JsonFlattener json;

    SuricataEveParser(JsonFactory factory) {
        this.json = new JsonFlattener(factory, SCHEMA);
    }

    @Override
    public SecurityEvent parse(String record, long receivedMillis) throws MalformedRecordException {
        if (record == null || record.isBlank()) {
            return null;
        }
        json.parse(record);
        String[] v = json.slots;
        String type = v[EVENT_TYPE];
        if (type == null) {
            throw new MalformedRecordException("no event_type: not a Suricata EVE record");
        }
        SecurityEvent.Builder b = SecurityEvent.builder(FORMAT).received(receivedMillis).raw(record);
        if (v[TIMESTAMP] != null) {
            long t = Times.parseIso(v[TIMESTAMP]);
            if (t == Times.INVALID) {
                throw new MalformedRecordException("timestamp is not an ISO-8601 time");
            }
            b.timestamp(t);
        }
        b.set(Ecs.EVENT_MODULE, "suricata");
        b.set(Ecs.OBSERVER_PRODUCT, "Suricata");
        b.set(Ecs.EVENT_DATASET, dataset(type));
        b.set(Ecs.EVENT_KIND, switch (type) {
            case "alert" -> "alert";
            case "stats" -> "metric";
            default -> "event";
        });
        b.set(Ecs.EVENT_CATEGORY, switch (type) {
            case "alert" -> "intrusion_detection";
            case "fileinfo" -> "file";
            case "stats" -> null;
            default -> "network";
        });
        b.set(Ecs.HOST_NAME, v[HOST]);

        b.set(Ecs.SOURCE_IP, v[SRC_IP]);
        b.set(Ecs.SOURCE_PORT, v[SRC_PORT]);
        b.set(Ecs.SOURCE_MAC, v[SRC_MAC]);
        b.set(Ecs.DESTINATION_IP, v[DEST_IP]);
        b.set(Ecs.DESTINATION_PORT, v[DEST_PORT]);
        b.set(Ecs.DESTINATION_MAC, v[DEST_MAC]);
        b.set(Ecs.NETWORK_TRANSPORT, NetText.lower(v[PROTO]));
        if (v[APP_PROTO] != null && !v[APP_PROTO].equals("failed")) {
            b.set(Ecs.NETWORK_PROTOCOL, NetText.lower(v[APP_PROTO]));
        }
        b.set(Ecs.NETWORK_COMMUNITY_ID, v[COMMUNITY_ID]);
        if (type.equals("netflow")) {
            b.set(Ecs.SOURCE_BYTES, v[NETFLOW_BYTES]);
        } else {
            b.set(Ecs.SOURCE_BYTES, v[BYTES_TO_SERVER]);
            b.set(Ecs.DESTINATION_BYTES, v[BYTES_TO_CLIENT]);
        }

        b.set(Ecs.RULE_ID, v[ALERT_SID]);
        b.set(Ecs.RULE_NAME, v[ALERT_SIGNATURE]);
        b.set(Ecs.RULE_CATEGORY, v[ALERT_CATEGORY]);
        b.set(Ecs.EVENT_SEVERITY, v[ALERT_SEVERITY]);
        b.set(Ecs.EVENT_ACTION, v[ALERT_ACTION]);
        if (type.equals("alert")) {
            b.set(Ecs.MESSAGE, v[ALERT_SIGNATURE]);
        }

        b.set(Ecs.DNS_QUESTION_NAME, or(v[DNS_NAME], v[DNS_NAME_V2]));
        b.set(Ecs.DNS_QUESTION_TYPE, or(v[DNS_TYPE], v[DNS_TYPE_V2]));
        b.set(Ecs.DNS_RESPONSE_CODE, v[DNS_RCODE]);
        b.set(Ecs.DNS_ANSWERS_DATA, or(v[DNS_RDATA], v[DNS_RDATA_V2]));

        String url = v[HTTP_URL];
        b.set(Ecs.URL_DOMAIN, v[HTTP_HOSTNAME]);
        b.set(Ecs.URL_PATH, NetText.pathOf(url));
        b.set(NetEcs.URL_QUERY, NetText.queryOf(url));
        b.set(Ecs.URL_FULL, NetText.fullUrl(v[HTTP_HOSTNAME], url, v[HTTP_PORT]));
        b.set(Ecs.HTTP_REQUEST_METHOD, v[HTTP_METHOD]);
        b.set(Ecs.HTTP_RESPONSE_STATUS_CODE, v[HTTP_STATUS]);
        b.set(Ecs.USER_AGENT_ORIGINAL, v[HTTP_USER_AGENT]);
        b.set(Ecs.HTTP_REQUEST_REFERRER, v[HTTP_REFERRER]);

        b.set(Ecs.TLS_SERVER_NAME, v[TLS_SNI]);
        b.set(Ecs.TLS_VERSION, NetText.tlsVersion(v[TLS_VERSION]));
        b.set(Ecs.TLS_CLIENT_JA3, v[TLS_JA3]);
        b.set(Ecs.TLS_SERVER_JA3S, v[TLS_JA3S]);
        String fingerprint = NetText.hexFingerprint(v[TLS_FINGERPRINT]);
        if (fingerprint != null) {
            // Suricata's tls.fingerprint is the certificate's SHA-1; accept a SHA-256 too.
            b.set(fingerprint.length() == 64 ? NetEcs.TLS_SERVER_HASH_SHA256 : Ecs.TLS_SERVER_HASH_SHA1, fingerprint);
        }
        b.set(Ecs.TLS_SERVER_SUBJECT, v[TLS_SUBJECT]);
        b.set(Ecs.TLS_SERVER_ISSUER, v[TLS_ISSUER]);

        b.set(Ecs.FILE_NAME, v[FILE_NAME]);
        b.set(Ecs.FILE_SIZE, v[FILE_SIZE]);
        b.set(Ecs.FILE_HASH_MD5, v[FILE_MD5]);
        b.set(Ecs.FILE_HASH_SHA1, v[FILE_SHA1]);
        b.set(Ecs.FILE_HASH_SHA256, v[FILE_SHA256]);
        if (type.equals("fileinfo")) {
            b.set(Ecs.FILE_MIME_TYPE, isMimeType(v[FILE_MAGIC]) ? v[FILE_MAGIC] : v[HTTP_CONTENT_TYPE]);
        }

        b.set(Ecs.EMAIL_FROM_ADDRESS, NetText.emailAddress(or(v[EMAIL_FROM], v[SMTP_MAIL_FROM])));
        b.set(Ecs.EMAIL_TO_ADDRESS, NetText.emailAddress(or(v[EMAIL_TO], v[SMTP_RCPT_TO])));
        b.set(Ecs.EMAIL_SUBJECT, v[EMAIL_SUBJECT]);

        json.emitOriginals(b);
        return b.build();
    }

    /** {@code suricata.<event_type>}, without allocating for the common types. */
    private static String dataset(String type) {
        return switch (type) {
            case "alert" -> "suricata.alert";
            case "dns" -> "suricata.dns";
            case "http" -> "suricata.http";
            case "tls" -> "suricata.tls";
            case "flow" -> "suricata.flow";
            case "netflow" -> "suricata.netflow";
            case "fileinfo" -> "suricata.fileinfo";
            case "anomaly" -> "suricata.anomaly";
            case "smtp" -> "suricata.smtp";
            case "ssh" -> "suricata.ssh";
            case "stats" -> "suricata.stats";
            case "dnp3" -> "suricata.dnp3";
            default -> "suricata." + type;
        };
    }

    private static boolean isMimeType(String s) {
        return s != null && s.indexOf('/') > 0 && s.indexOf(' ') < 0;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
