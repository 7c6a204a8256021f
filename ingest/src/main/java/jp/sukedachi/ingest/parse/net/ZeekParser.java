package jp.sukedachi.ingest.parse.net;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.parse.Times;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses one stream of Zeek log records, in either encoding, line by line:
 * <ul>
 * <li><b>TSV</b> (Zeek's default ASCII writer): {@code #separator}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields} header lines (they return
 * null and set the stream's state), then data lines read against the last {@code #fields}. A data line
 * before any {@code #fields} is malformed, and so is one whose column count differs from it. Values
 * are unescaped ({@code \xHH} bytes as UTF-8, {@code \\}); unset ({@code -}) and empty
 * ({@code (empty)}) fields are omitted; sets and vectors stay joined with the set separator.
 * <li><b>JSON</b>, one object per line: stock Zeek JSON ({@code ts} as epoch seconds), the
 * json-streaming / Corelight style ({@code _path}, {@code _system_name}, ISO {@code ts}), and the
 * Corelight {@code @stream} style with underscored ids ({@code id_orig_h}). Arrays are comma joined,
 * like TSV sets (see {@link JsonFlattener}).
 * </ul>
 *
 * <p>Every field is kept under its Zeek name ({@code id.orig_h}, {@code query}, extra columns such as
 * Stratosphere's {@code label}), plus {@code _path}. Two spellings are canonicalised so one rule fits
 * all sources: {@code @stream}/{@code @system} become {@code _path}/{@code _system_name} and
 * {@code id_orig_h} etc. become {@code id.orig_h}; other fields keep the source's spelling (the ECS
 * mapping accepts both {@code certificate.subject} and {@code certificate_subject}).
 *
 * <p>{@code ts} may be epoch seconds or ISO-8601; a {@code ts} that is neither makes the record
 * malformed, a missing one gives the receive time.
 */
final class ZeekParser implements RecordParser {
    static final String FORMAT = "zeek";

    private static final int TS = 0;
    private static final int PATH = 1;
    private static final int SYSTEM = 2;
    private static final int ORIG_H = 3;
    private static final int ORIG_P = 4;
    private static final int RESP_H = 5;
    private static final int RESP_P = 6;
    private static final int PROTO = 7;
    private static final int SERVICE = 8;
    private static final int DURATION = 9;
    private static final int ORIG_BYTES = 10;
    private static final int RESP_BYTES = 11;
    private static final int ORIG_L2 = 12;
    private static final int RESP_L2 = 13;
    private static final int COMMUNITY_ID = 14;
    private static final int QUERY = 15;
    private static final int QTYPE_NAME = 16;
    private static final int RCODE_NAME = 17;
    private static final int ANSWERS = 18;
    private static final int HOST = 19;
    private static final int METHOD = 20;
    private static final int URI = 21;
    private static final int STATUS_CODE = 22;
    private static final int USER_AGENT = 23;
    private static final int REFERRER = 24;
    private static final int SERVER_NAME = 25;
    private static final int VERSION = 26;
    private static final int JA3 = 27;
    private static final int JA3S = 28;
    private static final int CERT_CHAIN_FPS = 29;
    private static final int CERT_SHA1 = 30;
    private static final int SUBJECT = 31;
    private static final int ISSUER = 32;
    private static final int CERT_SUBJECT = 33;
    private static final int CERT_ISSUER = 34;
    private static final int FINGERPRINT = 35;
    private static final int FILENAME = 36;
    private static final int MD5 = 37;
    private static final int SHA1 = 38;
    private static final int SHA256 = 39;
    private static final int MIME_TYPE = 40;
    private static final int TOTAL_BYTES = 41;
    private static final int SEEN_BYTES = 42;
    private static final int TX_HOSTS = 43;
    private static final int RX_HOSTS = 44;
    private static final int NOTE = 45;
    private static final int MSG = 46;
    private static final int SRC = 47;
    private static final int DST = 48;
    private static final int P = 49;
    private static final int MAILFROM = 50;
    private static final int RCPTTO = 51;
    private static final int FROM = 52;
    private static final int TO = 53;
    private static final int NAME = 54;
    private static final int SIZE = 55;
    private static final int ACTION = 56;
    private static final int OPERATION = 57;
    private static final int AUTH_SUCCESS = 58;
    private static final int SUCCESS = 59;
    private static final int USERNAME = 60;
    private static final int DOMAINNAME = 61;
    private static final int COOKIE = 62;
    private static final int USER = 63;
    private static final int CLIENT = 64;
    private static final int MESSAGE = 65;

    /** Slots holding a set or vector of which ECS takes the first element. */
    private static final boolean[] FIRST_OF_SET = new boolean[MESSAGE + 1];

    static {
        for (int s : new int[] {ANSWERS, CERT_CHAIN_FPS, TX_HOSTS, RX_HOSTS, RCPTTO, TO}) {
            FIRST_OF_SET[s] = true;
        }
    }

    static final FieldSchema SCHEMA = FieldSchema.builder()
            .alias("@stream", "_path")
            .alias("@system", "_system_name")
            .alias("id_orig_h", "id.orig_h")
            .alias("id_orig_p", "id.orig_p")
            .alias("id_resp_h", "id.resp_h")
            .alias("id_resp_p", "id.resp_p")
            .slot(TS, "ts")
            .slot(PATH, "_path")
            .slot(SYSTEM, "_system_name")
            .slot(ORIG_H, "id.orig_h")
            .slot(ORIG_P, "id.orig_p")
            .slot(RESP_H, "id.resp_h")
            .slot(RESP_P, "id.resp_p")
            .slot(PROTO, "proto")
            .slot(SERVICE, "service")
            .slot(DURATION, "duration")
            .slot(ORIG_BYTES, "orig_bytes")
            .slot(RESP_BYTES, "resp_bytes")
            .slot(ORIG_L2, "orig_l2_addr")
            .slot(RESP_L2, "resp_l2_addr")
            .slot(COMMUNITY_ID, "community_id")
            .slot(QUERY, "query")
            .slot(QTYPE_NAME, "qtype_name")
            .slot(RCODE_NAME, "rcode_name")
            .slot(ANSWERS, "answers")
            .slot(HOST, "host")
            .slot(METHOD, "method")
            .slot(URI, "uri")
            .slot(STATUS_CODE, "status_code")
            .slot(USER_AGENT, "user_agent")
            .slot(REFERRER, "referrer")
            .slot(SERVER_NAME, "server_name")
            .slot(VERSION, "version")
            .slot(JA3, "ja3")
            .slot(JA3S, "ja3s")
            .slot(CERT_CHAIN_FPS, "cert_chain_fps")
            .slot(CERT_SHA1, "resp_certificate_sha1")
            .slot(SUBJECT, "subject")
            .slot(ISSUER, "issuer")
            .slot(CERT_SUBJECT, "certificate.subject", "certificate_subject")
            .slot(CERT_ISSUER, "certificate.issuer", "certificate_issuer")
            .slot(FINGERPRINT, "fingerprint")
            .slot(FILENAME, "filename")
            .slot(MD5, "md5")
            .slot(SHA1, "sha1")
            .slot(SHA256, "sha256")
            .slot(MIME_TYPE, "mime_type")
            .slot(TOTAL_BYTES, "total_bytes")
            .slot(SEEN_BYTES, "seen_bytes")
            .slot(TX_HOSTS, "tx_hosts")
            .slot(RX_HOSTS, "rx_hosts")
            .slot(NOTE, "note")
            .slot(MSG, "msg")
            .slot(SRC, "src")
            .slot(DST, "dst")
            .slot(P, "p")
            .slot(MAILFROM, "mailfrom")
            .slot(RCPTTO, "rcptto")
            .slot(FROM, "from")
            .slot(TO, "to")
            .slot(NAME, "name")
            .slot(SIZE, "size")
            .slot(ACTION, "action")
            .slot(OPERATION, "operation")
            .slot(AUTH_SUCCESS, "auth_success")
            .slot(SUCCESS, "success")
            .slot(USERNAME, "username")
            .slot(DOMAINNAME, "domainname")
            .slot(COOKIE, "cookie")
            .slot(USER, "user")
            .slot(CLIENT, "client")
            .slot(MESSAGE, "message")
            .build();

    private static final int MAX_DATASETS = 64;

    private final JsonFactory factory;
    private JsonFlattener json; // created on the first JSON line

    // TSV header state of this stream.
    private String separator;
    private String setSeparator;
    private String emptyField;
    private String unsetField;
    private String path;
    private String[] fields; // canonical names of the last #fields
    private int[] fieldSlots;
    private final String[] tsvSlots = new String[SCHEMA.slotCount()];

    /** event.dataset per log path, so a stream does not concatenate {@code "zeek." + path} per record. */
    private final Map<String, String> datasets = new HashMap<>();

    ZeekParser(JsonFactory factory) {
        this.factory = factory;
        resetHeader();
    }

    private void resetHeader() {
        separator = "\t";
        setSeparator = ",";
        emptyField = "(empty)";
        unsetField = "-";
        path = null;
        fields = null;
        fieldSlots = null;
    }

    @Override
    public SecurityEvent parse(String record, long receivedMillis) throws MalformedRecordException {
        if (record == null) {
            return null;
        }
        int start = NetFormats.firstNonBlank(record);
        if (start < 0) {
            return null;
        }
        char c = record.charAt(start);
        if (c == '#') {
            header(record);
            return null;
        }
        if (c == '{') {
            return parseJson(record, receivedMillis);
        }
        return parseTsv(record, receivedMillis);
    }

    // ---- TSV ----

    private void header(String line) throws MalformedRecordException {
        int end = lineEnd(line);
        if (line.startsWith("#separator")) {
            // The only header written before the separator is known: "#separator \x09".
            resetHeader();
            String value = unescape(line.substring(Math.min("#separator".length() + 1, end), end));
            if (value.isEmpty()) {
                throw new MalformedRecordException("empty #separator");
            }
            separator = value;
            return;
        }
        int keyEnd = line.indexOf(separator, 1);
        if (keyEnd < 0 || keyEnd + separator.length() > end) {
            return; // "#close" without value, or a comment
        }
        String value = line.substring(keyEnd + separator.length(), end);
        switch (line.substring(1, keyEnd)) {
            case "fields" -> setFields(value);
            case "path" -> path = unescape(value);
            case "set_separator" -> setSeparator = unescape(value);
            case "empty_field" -> emptyField = unescape(value);
            case "unset_field" -> unsetField = unescape(value);
            default -> {
                // #types, #open, #close and comments carry nothing the parser needs.
            }
        }
    }

    private void setFields(String value) {
        int n = 1;
        for (int i = value.indexOf(separator); i >= 0; i = value.indexOf(separator, i + separator.length())) {
            n++;
        }
        String[] names = new String[n];
        int[] slots = new int[n];
        int from = 0;
        for (int k = 0; k < n; k++) {
            int to = value.indexOf(separator, from);
            if (to < 0) {
                to = value.length();
            }
            String name = SCHEMA.canonical(Ecs.intern(unescape(value.substring(from, to))));
            names[k] = name;
            slots[k] = SCHEMA.slot(name);
            from = to + separator.length();
        }
        fields = names;
        fieldSlots = slots;
    }

    private SecurityEvent parseTsv(String line, long receivedMillis) throws MalformedRecordException {
        String[] names = fields;
        if (names == null) {
            throw new MalformedRecordException("no #fields header in this stream");
        }
        Arrays.fill(tsvSlots, null);
        SecurityEvent.Builder b = SecurityEvent.builder(FORMAT).received(receivedMillis).raw(line);
        if (path != null) {
            b.original("_path", path);
        }
        int end = lineEnd(line);
        int sepLen = separator.length();
        int col = 0;
        int from = 0;
        while (true) {
            int to = line.indexOf(separator, from);
            if (to < 0 || to + sepLen > end) {
                to = end;
            }
            if (col == names.length) {
                throw new MalformedRecordException("more columns than the " + names.length + " in #fields");
            }
            int len = to - from;
            boolean absent = (len == unsetField.length() && line.startsWith(unsetField, from))
                    || (len == emptyField.length() && line.startsWith(emptyField, from)) || len == 0;
            if (!absent) {
                String value = unescape(line.substring(from, to));
                b.original(names[col], value);
                int slot = fieldSlots[col];
                if (slot >= 0) {
                    tsvSlots[slot] = FIRST_OF_SET[slot] ? firstElement(value, line, from, to) : value;
                }
            }
            col++;
            if (to == end) {
                break;
            }
            from = to + sepLen;
        }
        if (col != names.length) {
            throw new MalformedRecordException("expected " + names.length + " columns (#fields), got " + col);
        }
        tsvSlots[PATH] = path;
        return finish(b, tsvSlots, receivedMillis);
    }

    /** The first element of a set column, split before unescaping so an escaped separator stays inside. */
    private String firstElement(String value, String line, int from, int to) {
        if (setSeparator.isEmpty()) {
            return value;
        }
        int sep = line.indexOf(setSeparator, from);
        if (sep < 0 || sep >= to) {
            return value;
        }
        return unescape(line.substring(from, sep));
    }

    /** End of the line's content: a trailing CR (CRLF files) is not part of the last column. */
    private static int lineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return end;
    }

    /**
     * Zeek's ASCII escaping: {@code \xHH} is a raw byte (the separator, a control or non-UTF-8 byte)
     * and {@code \\} a backslash. Bytes are decoded as UTF-8, so an escaped multi-byte character comes
     * back whole. The common case, no backslash, returns the string itself.
     */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c == '\\' && i + 1 < in.length) {
                byte next = in[i + 1];
                if (next == '\\') {
                    out[n++] = '\\';
                    i++;
                    continue;
                }
                if (next == 'x' && i + 3 < in.length) {
                    int hi = Character.digit(in[i + 2], 16);
                    int lo = Character.digit(in[i + 3], 16);
                    if (hi >= 0 && lo >= 0) {
                        out[n++] = (byte) (hi << 4 | lo);
                        i += 3;
                        continue;
                    }
                }
            }
            out[n++] = c;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    // ---- JSON ----

    private SecurityEvent parseJson(String record, long receivedMillis) throws MalformedRecordException {
        if (json == null) {
            json = new JsonFlattener(factory, SCHEMA);
        }
        json.parse(record);
        SecurityEvent.Builder b = SecurityEvent.builder(FORMAT).received(receivedMillis).raw(record);
        json.emitOriginals(b);
        return finish(b, json.slots, receivedMillis);
    }

    // ---- ECS mapping, shared by both encodings ----

    private SecurityEvent finish(SecurityEvent.Builder b, String[] v, long receivedMillis)
            throws MalformedRecordException {
        String ts = v[TS];
        if (ts != null) {
            long t = ts.length() >= 19 && ts.charAt(4) == '-' ? Times.parseIso(ts) : Times.parseEpochSeconds(ts);
            if (t == Times.INVALID) {
                throw new MalformedRecordException("ts is neither epoch seconds nor ISO-8601");
            }
            b.timestamp(t);
        }
        String logPath = v[PATH];
        b.set(Ecs.EVENT_MODULE, "zeek");
        b.set(Ecs.OBSERVER_PRODUCT, "Zeek");
        b.set(Ecs.OBSERVER_HOSTNAME, v[SYSTEM]);
        b.set(Ecs.EVENT_DATASET, dataset(logPath));

        b.set(Ecs.SOURCE_IP, v[ORIG_H]);
        b.set(Ecs.SOURCE_PORT, v[ORIG_P]);
        b.set(Ecs.DESTINATION_IP, v[RESP_H]);
        b.set(Ecs.DESTINATION_PORT, v[RESP_P]);
        b.set(Ecs.NETWORK_TRANSPORT, NetText.lower(v[PROTO]));
        b.set(Ecs.NETWORK_COMMUNITY_ID, v[COMMUNITY_ID]);

        String kind = "event";
        String category = v[ORIG_H] != null ? "network" : null;
        String p = logPath == null ? "" : logPath;
        switch (p) {
            case "conn" -> {
                b.set(Ecs.NETWORK_PROTOCOL, NetText.lower(v[SERVICE]));
                b.set(Ecs.SOURCE_BYTES, v[ORIG_BYTES]);
                b.set(Ecs.DESTINATION_BYTES, v[RESP_BYTES]);
                b.set(Ecs.SOURCE_MAC, v[ORIG_L2]);
                b.set(Ecs.DESTINATION_MAC, v[RESP_L2]);
                if (v[DURATION] != null) {
                    long nanos = Times.secondsToNanos(v[DURATION]);
                    if (nanos >= 0) {
                        b.set(Ecs.EVENT_DURATION, nanos);
                    }
                }
            }
            case "dns" -> {
                b.set(Ecs.NETWORK_PROTOCOL, "dns");
                b.set(Ecs.DNS_RESPONSE_CODE, v[RCODE_NAME]);
            }
            case "http" -> {
                b.set(Ecs.NETWORK_PROTOCOL, "http");
                b.set(Ecs.URL_DOMAIN, v[HOST]);
                b.set(Ecs.HTTP_REQUEST_METHOD, v[METHOD]);
                b.set(Ecs.URL_PATH, NetText.pathOf(v[URI]));
                b.set(NetEcs.URL_QUERY, NetText.queryOf(v[URI]));
                b.set(Ecs.URL_FULL, NetText.fullUrl(v[HOST], v[URI], v[RESP_P]));
                b.set(Ecs.HTTP_RESPONSE_STATUS_CODE, v[STATUS_CODE]);
                b.set(Ecs.USER_AGENT_ORIGINAL, v[USER_AGENT]);
                b.set(Ecs.HTTP_REQUEST_REFERRER, v[REFERRER]);
            }
            case "ssl" -> {
                b.set(Ecs.NETWORK_PROTOCOL, "tls");
                b.set(Ecs.TLS_VERSION, NetText.tlsVersion(v[VERSION]));
                b.set(Ecs.TLS_SERVER_SUBJECT, v[SUBJECT]);
                b.set(Ecs.TLS_SERVER_ISSUER, v[ISSUER]);
                certificateHash(b, v[CERT_SHA1] != null ? v[CERT_SHA1] : v[CERT_CHAIN_FPS]);
            }
            case "x509" -> {
                b.set(Ecs.TLS_SERVER_SUBJECT, v[CERT_SUBJECT]);
                b.set(Ecs.TLS_SERVER_ISSUER, v[CERT_ISSUER]);
                certificateHash(b, v[FINGERPRINT]);
                category = "network";
            }
            case "files" -> {
                b.set(Ecs.FILE_NAME, v[FILENAME]);
                b.set(Ecs.FILE_MIME_TYPE, v[MIME_TYPE]);
                b.set(Ecs.FILE_SIZE, v[TOTAL_BYTES] != null ? v[TOTAL_BYTES] : v[SEEN_BYTES]);
                if (v[ORIG_H] == null) {
                    b.set(Ecs.SOURCE_IP, v[TX_HOSTS]);
                    b.set(Ecs.DESTINATION_IP, v[RX_HOSTS]);
                }
                category = "file";
            }
            case "notice" -> {
                kind = "alert";
                category = "intrusion_detection";
                b.set(Ecs.RULE_NAME, v[NOTE]);
                b.set(Ecs.MESSAGE, v[MSG]);
                if (v[ORIG_H] == null) {
                    b.set(Ecs.SOURCE_IP, v[SRC]);
                    b.set(Ecs.DESTINATION_IP, v[DST]);
                    b.set(Ecs.DESTINATION_PORT, v[P]);
                }
            }
            case "intel" -> {
                kind = "alert";
                category = "threat";
            }
            case "weird" -> b.set(Ecs.RULE_NAME, v[NAME]);
            case "smtp" -> {
                b.set(Ecs.NETWORK_PROTOCOL, "smtp");
                b.set(Ecs.EMAIL_FROM_ADDRESS, NetText.emailAddress(v[MAILFROM] != null ? v[MAILFROM] : v[FROM]));
                b.set(Ecs.EMAIL_TO_ADDRESS, NetText.emailAddress(v[RCPTTO] != null ? v[RCPTTO] : v[TO]));
                b.set(Ecs.EMAIL_SUBJECT, v[SUBJECT]);
            }
            case "ssh" -> {
                b.set(Ecs.NETWORK_PROTOCOL, "ssh");
                outcome(b, v[AUTH_SUCCESS]);
            }
            case "sip" -> b.set(Ecs.USER_AGENT_ORIGINAL, v[USER_AGENT]);
            case "ntlm" -> {
                category = "authentication";
                b.set(Ecs.USER_NAME, v[USERNAME]);
                b.set(Ecs.USER_DOMAIN, v[DOMAINNAME]);
                outcome(b, v[SUCCESS]);
            }
            case "kerberos" -> {
                category = "authentication";
                String client = v[CLIENT];
                int slash = client == null ? -1 : client.indexOf('/');
                b.set(Ecs.USER_NAME, slash >= 0 ? client.substring(0, slash) : client);
            }
            case "rdp" -> b.set(Ecs.USER_NAME, v[COOKIE]);
            case "ftp" -> b.set(Ecs.USER_NAME, v[USER]);
            case "smb_files" -> {
                category = "file";
                b.set(Ecs.FILE_NAME, v[NAME]);
                b.set(Ecs.FILE_SIZE, v[SIZE]);
                b.set(Ecs.EVENT_ACTION, v[ACTION]);
            }
            case "pe" -> category = "file";
            case "dce_rpc" -> b.set(Ecs.EVENT_ACTION, v[OPERATION]);
            case "syslog" -> b.set(Ecs.MESSAGE, v[MESSAGE]);
            case "software", "known_hosts", "known_services", "known_certs", "known_devices" -> category = "host";
            default -> {
                // Other logs: the common fields above and the originals.
            }
        }
        // Fields whose names mean the same in every log they appear in.
        b.set(Ecs.DNS_QUESTION_NAME, v[QUERY]);
        b.set(Ecs.DNS_QUESTION_TYPE, v[QTYPE_NAME]);
        b.set(Ecs.DNS_ANSWERS_DATA, v[ANSWERS]);
        b.set(Ecs.TLS_SERVER_NAME, v[SERVER_NAME]);
        b.set(Ecs.TLS_CLIENT_JA3, v[JA3]);
        b.set(Ecs.TLS_SERVER_JA3S, v[JA3S]);
        b.set(Ecs.FILE_HASH_MD5, v[MD5]);
        b.set(Ecs.FILE_HASH_SHA1, v[SHA1]);
        b.set(Ecs.FILE_HASH_SHA256, v[SHA256]);
        b.set(Ecs.EVENT_KIND, kind);
        b.set(Ecs.EVENT_CATEGORY, category);
        return b.build();
    }

    /** Zeek certificate fingerprints are SHA-256 by default (SHA-1 in older versions and some exports). */
    private static void certificateHash(SecurityEvent.Builder b, String fingerprint) {
        String hex = NetText.hexFingerprint(fingerprint);
        if (hex == null) {
            return;
        }
        if (hex.length() == 40) {
            b.set(Ecs.TLS_SERVER_HASH_SHA1, hex);
        } else if (hex.length() == 64) {
            b.set(NetEcs.TLS_SERVER_HASH_SHA256, hex);
        }
    }

    private static void outcome(SecurityEvent.Builder b, String zeekBool) {
        Boolean ok = NetText.zeekBool(zeekBool);
        if (ok != null) {
            b.set(Ecs.EVENT_OUTCOME, ok ? "success" : "failure");
        }
    }

    private String dataset(String logPath) {
        if (logPath == null) {
            return "zeek";
        }
        String d = datasets.get(logPath);
        if (d == null) {
            d = "zeek." + logPath;
            if (datasets.size() < MAX_DATASETS) {
                datasets.put(logPath, d);
            }
        }
        return d;
    }
}
