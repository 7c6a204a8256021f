package jp.sukedachi.intel.match;

import static jp.sukedachi.intel.match.IndicatorSnapshot.ALLOW;
import static jp.sukedachi.intel.match.IndicatorSnapshot.HIT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.Normalize;

/**
 * Matches events against the indicators of a snapshot. Thread-safe: each call reads
 * the snapshot once (so a concurrent {@link IntelStore#swap} never shows a half-updated view).
 *
 * <h2>Fields checked</h2>
 * <ul>
 * <li>{@code source.ip}, {@code destination.ip}, {@code host.ip}: IPv4/IPv6 exact and CIDR (an IPv4-mapped
 *   IPv6 address is matched as IPv4);</li>
 * <li>{@code dns.question.name}, {@code url.domain}, {@code tls.server_name}: domain exact and domain
 *   suffix, by hashing each label-boundary suffix of the name (one backwards pass); an IP literal in these
 *   fields is matched as an IP;</li>
 * <li>{@code url.full}: normalised by {@link Normalize#url} (only when there are URL indicators);</li>
 * <li>{@code tls.server.hash.sha1} (TLS_SHA1), {@code tls.client.ja3} (JA3), {@code file.hash.md5/sha1/sha256},
 *   {@code process.hash.sha256}: case-insensitive hex, decoded while probing;</li>
 * <li>{@code email.from.address}: EMAIL, and its domain against EMAIL_DOMAIN.</li>
 * </ul>
 * Event values are normalised cheaply (ASCII lower-casing and a trailing dot dropped while hashing; a
 * non-ASCII host goes through {@link Normalize#domain}); values that do not parse are skipped silently.
 *
 * <h2>Semantics</h2>
 * An indicator matches an event if it is active at {@code now} and provider-wide or of the event's tenant.
 * The allowlist wins: if any active allowlist entry visible to the event's tenant covers a field value
 * (exact value, a covering domain suffix, a covering CIDR block), that value produces no detection.
 * One detection per (event, indicator type and value), however many fields or sources matched it.
 *
 * <h2>Severity</h2>
 * From the strongest matching posting: threat type {@code botnet_cc}, {@code c2}, {@code payload_delivery},
 * {@code malware_download}, {@code malware} or {@code ransomware}, or any file-hash indicator (MD5, SHA-1,
 * SHA-256) not typed phishing → HIGH; {@code phishing} → MEDIUM; anything else → MEDIUM when a malware family
 * is named, else LOW. A confidence below 50 lowers it one step (not below INFO).
 *
 * <h2>Cost</h2>
 * A few hash look-ups per event and no allocation when nothing matches (per-thread scan state). A hit is probed
 * once, like a miss; what its detection says (rule id, title, severity, category, context) depends only on the
 * key, the tenant, the second and the field, so the last few are kept per thread and reused: a host that beacons
 * to a listed address hits the same key event after event, and rebuilding those texts cost more than all of the
 * event's look-ups. The price is a few small objects per matching thread, and severity and category decided per
 * profile when the snapshot is built.
 */
public final class IntelMatcher {
    private static final int K_IP = 1;
    private static final int K_DOMAIN = 2;
    private static final int K_URL = 3;
    private static final int K_HASH = 4;
    private static final int K_EMAIL = 5;

    private final Supplier<IndicatorSnapshot> snapshot;
    /**
     * One reusable scan state per thread, so that an event with no hit allocates nothing (a per-call
     * visitor object is not reliably scalar-replaced by C2: its field method is too large to inline).
     * Per matcher instance, not static; the snapshot reference is cleared after each call.
     */
    private final ThreadLocal<Scan> scans = ThreadLocal.withInitial(Scan::new);

    private IntelMatcher(Supplier<IndicatorSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    /** A matcher over one fixed snapshot. */
    public static IntelMatcher of(IndicatorSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return new IntelMatcher(() -> snapshot);
    }

    /** A matcher that reads the snapshot anew on every call (see {@link IntelStore#matcher}). */
    static IntelMatcher reading(Supplier<IndicatorSnapshot> snapshot) {
        return new IntelMatcher(snapshot);
    }

    /** The detections for this event, or {@code List.of()} (no allocation when nothing matches). */
    public List<Detection> match(SecurityEvent event, Instant now) {
        return matchAt(event, IndicatorSnapshot.nowSeconds(now.getEpochSecond()));
    }

    /** {@link #match(SecurityEvent, Instant)} with the indicators active at {@code nowMillis} (epoch milliseconds). */
    public List<Detection> match(SecurityEvent event, long nowMillis) {
        return matchAt(event, IndicatorSnapshot.nowSeconds(Math.floorDiv(nowMillis, 1000L)));
    }

    private List<Detection> matchAt(SecurityEvent event, int nowSeconds) {
        IndicatorSnapshot s = snapshot.get();
        if (s.size() == 0) {
            return List.of();
        }
        Scan scan = scans.get();
        UUID tenant = event.tenant() == null ? null : event.tenant().value();
        scan.start(s, tenant, nowSeconds);
        Hits hits;
        try {
            event.forEachEcs(scan);
        } finally {
            hits = scan.finish();
        }
        return hits == null ? List.of() : hits.detections(s, event, tenant, nowSeconds, scan);
    }

    private static int kind(String name) {
        return switch (name) {
            case Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.HOST_IP -> K_IP;
            case Ecs.DNS_QUESTION_NAME, Ecs.URL_DOMAIN, Ecs.TLS_SERVER_NAME -> K_DOMAIN;
            case Ecs.URL_FULL -> K_URL;
            case Ecs.TLS_SERVER_HASH_SHA1, Ecs.TLS_CLIENT_JA3, Ecs.FILE_HASH_MD5, Ecs.FILE_HASH_SHA1,
                    Ecs.FILE_HASH_SHA256, Ecs.PROCESS_HASH_SHA256 -> K_HASH;
            case Ecs.EMAIL_FROM_ADDRESS -> K_EMAIL;
            default -> 0;
        };
    }

    private static int hashTable(String name) {
        return switch (name) {
            case Ecs.TLS_SERVER_HASH_SHA1 -> IndicatorSnapshot.T_TLS_SHA1;
            case Ecs.TLS_CLIENT_JA3 -> IndicatorSnapshot.T_JA3;
            case Ecs.FILE_HASH_MD5 -> IndicatorSnapshot.T_MD5;
            case Ecs.FILE_HASH_SHA1 -> IndicatorSnapshot.T_SHA1;
            default -> IndicatorSnapshot.T_SHA256;
        };
    }

    /**
     * One event's scan. Each field value is probed once: the probe answers whether anything listed applies and
     * whether it is allowlisted, and notes the listed keys it met in {@code pending} (reused, so a miss allocates
     * nothing); only a listed, non-allowlisted value's keys are copied into the event's hits (the only allocating
     * path). Probing a hit twice, once to ask and once to record, cost a fifth of the matching time when
     * every event hit.
     */
    private static final class Scan implements SecurityEvent.FieldVisitor {
        final Hits pending = new Hits();
        /** The last hits' reports (see {@link Verdict}), by key; survive between events, hold no snapshot. */
        final Verdict[] recent = new Verdict[4];
        IndicatorSnapshot s;
        UUID tenant;
        int now;
        Hits hits;

        void start(IndicatorSnapshot snapshot, UUID tenantId, int nowSeconds) {
            s = snapshot;
            tenant = tenantId;
            now = nowSeconds;
            hits = null;
        }

        /** The hits, and forgets the snapshot and hits (so an idle thread retains neither). */
        Hits finish() {
            Hits h = hits;
            s = null;
            tenant = null;
            hits = null;
            pending.clear();
            return h;
        }

        @Override
        public void field(String name, String value) {
            int kind = kind(name);
            if (kind == 0) {
                return;
            }
            pending.clear();
            int bits = probe(s, tenant, now, kind, name, value, pending);
            if ((bits & HIT) != 0 && (bits & ALLOW) == 0) {
                if (hits == null) {
                    hits = new Hits();
                }
                hits.addAll(pending);
            }
        }
    }

    // --- probes: static, so that the per-event Scan never escapes and is scalar-replaced by the JIT ---

    private static int probe(IndicatorSnapshot s, UUID tenant, int now, int kind, String name, String value, Hits out) {
        return switch (kind) {
            case K_IP -> s.anyIp() ? ip(s, tenant, now, value, name, out) : 0;
            case K_DOMAIN -> domainField(s, tenant, now, value, name, out);
            case K_URL -> url(s, tenant, now, value, name, out);
            case K_HASH -> hash(s, tenant, now, hashTable(name), value, name, out);
            default -> email(s, tenant, now, value, name, out);
        };
    }

    private static int key(IndicatorSnapshot s, UUID tenant, int now, int table, int k, String field, Hits out) {
        if (k < 0) {
            return 0;
        }
        int bits = s.scan(table, k, tenant, now);
        if ((bits & HIT) != 0) {
            out.add(table, k, field);
        }
        return bits;
    }

    private static int ip(IndicatorSnapshot s, UUID tenant, int now, String v, String field, Hits out) {
        long v4 = Addr.v4(v);
        if (v4 >= 0) {
            return ip4(s, tenant, now, (int) v4, field, out);
        }
        if (v.indexOf(':') < 0 || Addr.v6(v, Addr.V6_VALID) == 0) {
            return 0;
        }
        long hi = Addr.v6(v, Addr.V6_HI);
        long lo = Addr.v6(v, Addr.V6_LO);
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return ip4(s, tenant, now, (int) lo, field, out);
        }
        int bits = key(s, tenant, now, IndicatorSnapshot.T_IPV6, s.ipv6.find(hi, lo), field, out);
        for (int k = s.cidr6.deepest(hi, lo); k >= 0; k = s.cidr6.parent(k)) {
            bits |= key(s, tenant, now, IndicatorSnapshot.T_CIDR6, k, field, out);
        }
        return bits;
    }

    private static int ip4(IndicatorSnapshot s, UUID tenant, int now, int ip, String field, Hits out) {
        int bits = key(s, tenant, now, IndicatorSnapshot.T_IPV4, s.ipv4.find(ip), field, out);
        for (int k = s.cidr4.deepest(ip); k >= 0; k = s.cidr4.parent(k)) {
            bits |= key(s, tenant, now, IndicatorSnapshot.T_CIDR4, k, field, out);
        }
        return bits;
    }

    private static int domainField(IndicatorSnapshot s, UUID tenant, int now, String v, String field, Hits out) {
        int len = v.length();
        if (len > 0 && v.charAt(len - 1) >= '0' && v.charAt(len - 1) <= '9' && s.anyIp()) {
            long v4 = Addr.v4(v);
            if (v4 >= 0) {
                return ip4(s, tenant, now, (int) v4, field, out);
            }
        }
        if (!s.anyDomain()) {
            return 0;
        }
        return domain(s, tenant, now, v, s.bytes[IndicatorSnapshot.T_DOMAIN], s.bytes[IndicatorSnapshot.T_SUFFIX],
                IndicatorSnapshot.T_DOMAIN, IndicatorSnapshot.T_SUFFIX, field, out);
    }

    /** Exact lookup of the whole name in {@code exact}, and of every label suffix in {@code suffix} (may be null). */
    private static int domain(IndicatorSnapshot s, UUID tenant, int now, String v, KeyTable exact, KeyTable suffix, int exactTable, int suffixTable, String field,
            Hits out) {
        int to = v.length();
        if (to > 0 && v.charAt(to - 1) == '.') {
            to--;
        }
        int from = 0;
        for (int i = 0; i < to; i++) {
            if (v.charAt(i) >= 0x80) {
                return unicodeDomain(s, tenant, now, v, exact, suffix, exactTable, suffixTable, field, out);
            }
        }
        if (to == 0) {
            return 0;
        }
        int bits = 0;
        int h = 0;
        int pow = 1;
        boolean probeSuffix = suffix != null && !suffix.isEmpty();
        for (int j = to - 1; j >= from; j--) {
            h += KeyTable.lower(v.charAt(j)) * pow;
            pow *= 31;
            if (j == from || v.charAt(j - 1) == '.') {
                if (probeSuffix) {
                    bits |= key(s, tenant, now, suffixTable, suffix.findLower(v, j, to, h), field, out);
                }
                if (j == from && !exact.isEmpty()) {
                    bits |= key(s, tenant, now, exactTable, exact.findLower(v, j, to, h), field, out);
                }
            }
        }
        return bits;
    }

    private static int unicodeDomain(IndicatorSnapshot s, UUID tenant, int now, String v, KeyTable exact, KeyTable suffix, int exactTable, int suffixTable,
            String field, Hits out) {
        String ascii;
        try {
            ascii = Normalize.domain(v);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (ascii.charAt(i) >= 0x80) {
                return 0;
            }
        }
        return domain(s, tenant, now, ascii, exact, suffix, exactTable, suffixTable, field, out);
    }

    private static int url(IndicatorSnapshot s, UUID tenant, int now, String v, String field, Hits out) {
        KeyTable urls = s.bytes[IndicatorSnapshot.T_URL];
        if (urls.isEmpty()) {
            return 0;
        }
        if (plainUrl(v)) {
            // Already in the form Normalize.url produces: probe the text itself, without allocating.
            int h = 0;
            int pow = 1;
            for (int j = v.length() - 1; j >= 0; j--) {
                h += v.charAt(j) * pow;
                pow *= 31;
            }
            return key(s, tenant, now, IndicatorSnapshot.T_URL, urls.findLower(v, 0, v.length(), h), field, out);
        }
        String normal;
        try {
            normal = Normalize.url(v);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        return key(s, tenant, now, IndicatorSnapshot.T_URL, urls.find(normal.getBytes(StandardCharsets.UTF_8)), field, out);
    }

    /**
     * True when normalising cannot change the URL, so it can be probed as it is: {@code http://} or
     * {@code https://}, a host of lower-case letters, digits, dots and hyphens (no trailing dot, no port,
     * no user info), then a path; and no upper case, {@code %}, {@code #}, backslash, dot segment,
     * whitespace or non-ASCII anywhere (anything unusual goes through {@link Normalize#url}).
     */
    static boolean plainUrl(String v) {
        int i;
        if (v.startsWith("http://")) {
            i = 7;
        } else if (v.startsWith("https://")) {
            i = 8;
        } else {
            return false;
        }
        int hostStart = i;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/') {
                break;
            }
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        if (i == hostStart || i == v.length() || v.charAt(i - 1) == '.' || v.charAt(hostStart) == '.') {
            return false;
        }
        for (int j = i; j < v.length(); j++) {
            char c = v.charAt(j);
            if (c <= ' ' || c >= 0x7F || c == '%' || c == '#' || c == '\\' || (c >= 'A' && c <= 'Z')) {
                return false;
            }
            if (c == '.' && v.charAt(j - 1) == '/' && (j + 1 == v.length() || v.charAt(j + 1) == '/'
                    || v.charAt(j + 1) == '?' || (v.charAt(j + 1) == '.' && (j + 2 == v.length()
                    || v.charAt(j + 2) == '/' || v.charAt(j + 2) == '?')))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(IndicatorSnapshot s, UUID tenant, int now, int table, String v, String field, Hits out) {
        KeyTable t = s.bytes[table];
        int len = table == IndicatorSnapshot.T_SHA256 ? 32
                : (table == IndicatorSnapshot.T_MD5 || table == IndicatorSnapshot.T_JA3 ? 16 : 20);
        if (t.isEmpty() || !KeyTable.hexValid(v, len)) {
            return 0;
        }
        return key(s, tenant, now, table, t.findHex(v, KeyTable.hashHex(v)), field, out);
    }

    private static int email(IndicatorSnapshot s, UUID tenant, int now, String v, String field, Hits out) {
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1) {
            return 0;
        }
        KeyTable emails = s.bytes[IndicatorSnapshot.T_EMAIL];
        int bits = 0;
        if (!emails.isEmpty()) {
            boolean ascii = true;
            int h = 0;
            int pow = 1;
            for (int j = v.length() - 1; j >= 0; j--) {
                char c = v.charAt(j);
                ascii &= c < 0x80;
                h += KeyTable.lower(c) * pow;
                pow *= 31;
            }
            if (ascii) {
                bits |= key(s, tenant, now, IndicatorSnapshot.T_EMAIL, emails.findLower(v, 0, v.length(), h), field, out);
            }
        }
        KeyTable domains = s.bytes[IndicatorSnapshot.T_EMAIL_DOMAIN];
        if (!domains.isEmpty()) {
            String domain = v.substring(at + 1); // email is rare in the event mix; fine to allocate
            bits |= domain(s, tenant, now, domain, domains, null, IndicatorSnapshot.T_EMAIL_DOMAIN, -1, field, out);
        }
        return bits;
    }

    /** The matched keys of one event, deduplicated; allocated on the first hit only. */
    private static final class Hits {
        private long[] codes = new long[4];
        private String[] fields = new String[4];
        private int n;

        void clear() {
            Arrays.fill(fields, 0, n, null);
            n = 0;
        }

        void addAll(Hits other) {
            for (int i = 0; i < other.n; i++) {
                add((int) (other.codes[i] >>> 32), (int) other.codes[i], other.fields[i]);
            }
        }

        void add(int table, int k, String field) {
            long code = ((long) table << 32) | k;
            for (int i = 0; i < n; i++) {
                if (codes[i] == code) {
                    if (!listed(fields[i], field)) {
                        fields[i] = fields[i] + "," + field;
                    }
                    return;
                }
            }
            if (n == codes.length) {
                codes = Arrays.copyOf(codes, n * 2);
                fields = Arrays.copyOf(fields, n * 2);
            }
            codes[n] = code;
            fields[n] = field;
            n++;
        }

        /** Whether the comma-separated names already hold this field name (no split: it is on the hit path). */
        private static boolean listed(String names, String field) {
            for (int at = names.indexOf(field); at >= 0; at = names.indexOf(field, at + 1)) {
                int end = at + field.length();
                if ((at == 0 || names.charAt(at - 1) == ',') && (end == names.length() || names.charAt(end) == ',')) {
                    return true;
                }
            }
            return false;
        }

        List<Detection> detections(IndicatorSnapshot s, SecurityEvent event, UUID tenant, int now, Scan scan) {
            List<Detection> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int table = (int) (codes[i] >>> 32);
                int k = (int) codes[i];
                int slot = (k * 31 + table) & (scan.recent.length - 1);
                Verdict v = scan.recent[slot];
                if (v == null || !v.reports(s, table, k, tenant, now, fields[i])) {
                    v = verdict(s, tenant, now, table, k, fields[i]);
                    scan.recent[slot] = v;
                }
                out.add(new Detection(event.tenant(), event.device(), event.timestampMillis(), "intel", v.ruleId(),
                        v.title(), v.severity(), v.category(), event, v.context()));
            }
            return out;
        }
    }

    /**
     * Everything a detection of one key says apart from its event, for one snapshot, tenant, second and field.
     * A listed address or name rarely hits once: a beaconing host hits the same key event after event, so the
     * last verdict is kept per thread and reused while the key, tenant, second and field stay the same (building
     * the texts and the context cost more than the look-ups of the whole event).
     */
    private record Verdict(long snapshot, int table, int k, UUID tenant, int now, String field, String ruleId,
            String title, Severity severity, Category category, Map<String, String> context) {

        boolean reports(IndicatorSnapshot s, int table, int k, UUID tenant, int now, String field) {
            return snapshot == s.serial && this.table == table && this.k == k && this.now == now
                    && Objects.equals(this.tenant, tenant) && this.field.equals(field);
        }
    }

    private static Verdict verdict(IndicatorSnapshot s, UUID tenant, int now, int table, int k, String field) {
        String value = s.valueText(table, k);
        String type = IndicatorSnapshot.TABLE_TYPE[table].name();
        int f = isFileHash(table) ? 1 : 0;
        Severity[] severities = s.profileSeverity[f];
        // Usually one posting is visible: its source is the answer, no set is built for it.
        String firstSource = null;
        Set<String> sources = null;
        int best = -1;
        int[] from = s.postFrom[table];
        for (int p = from[k]; p < from[k + 1]; p++) {
            if (s.postExpiry[p] <= now) {
                continue;
            }
            int i = s.postProfile[p];
            IndicatorSnapshot.Profile pr = s.profiles[i];
            if (pr.allow() || (pr.tenant() != null && !pr.tenant().equals(tenant))) {
                continue;
            }
            if (firstSource == null) {
                firstSource = pr.source();
            } else if (sources != null || !firstSource.equals(pr.source())) {
                if (sources == null) {
                    sources = new LinkedHashSet<>();
                    sources.add(firstSource);
                }
                sources.add(pr.source());
            }
            int order = best < 0 ? 1 : severities[i].compareTo(severities[best]);
            if (order > 0 || (order == 0 && pr.confidence() > s.profiles[best].confidence())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("a hit without a visible posting");
        }
        IndicatorSnapshot.Profile pr = s.profiles[best];
        String indicator = type + ":" + value;
        String source = sources == null ? firstSource : String.join(",", sources);
        String title = title(table, pr.threatType(), value) + " (" + pr.source()
                + (pr.malwareFamily() == null ? "" : ": " + pr.malwareFamily()) + ")";
        return new Verdict(s.serial, table, k, tenant, now, field, indicator, title, severities[best],
                s.profileCategory[f][best], context(field, source, pr.threatType(), pr.malwareFamily(), indicator));
    }

    /** The detection's context, built immutable at once (Detection would copy a mutable map). */
    private static Map<String, String> context(String field, String source, String threatType, String family,
            String indicator) {
        if (threatType == null && family == null) {
            return Map.of("field", field, "source", source, "indicator", indicator);
        }
        if (family == null) {
            return Map.of("field", field, "source", source, "threatType", threatType, "indicator", indicator);
        }
        if (threatType == null) {
            return Map.of("field", field, "source", source, "malwareFamily", family, "indicator", indicator);
        }
        return Map.of("field", field, "source", source, "threatType", threatType, "malwareFamily", family,
                "indicator", indicator);
    }

    /** Whether an indicator table holds file hashes (the one thing severity and category ask of the table). */
    static boolean isFileHash(int table) {
        return table == IndicatorSnapshot.T_MD5 || table == IndicatorSnapshot.T_SHA1
                || table == IndicatorSnapshot.T_SHA256;
    }

    /** See the class comment for the mapping. */
    static Severity severity(boolean fileHash, String threatType, String family, int confidence) {
        String t = threatType == null ? "" : threatType.toLowerCase(Locale.ROOT);
        Severity base = switch (t) {
            case "botnet_cc", "c2", "payload_delivery", "malware_download", "malware", "ransomware" -> Severity.HIGH;
            case "phishing" -> Severity.MEDIUM;
            default -> fileHash ? Severity.HIGH : (family != null ? Severity.MEDIUM : Severity.LOW);
        };
        if (confidence < 50 && base != Severity.INFO) {
            base = Severity.values()[base.ordinal() - 1];
        }
        return base;
    }

    /** What the indicator says the contact is: see {@link IntelCategories}. */
    static Category category(boolean fileHash, String threatType, String family) {
        return IntelCategories.of(fileHash, threatType, family);
    }

    private static String title(int table, String threatType, String value) {
        String t = threatType == null ? "" : threatType.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "botnet_cc", "c2" -> "Connection to known botnet C2 " + value;
            case "payload_delivery", "malware_download" -> "Contact with known malware delivery site " + value;
            case "phishing" -> "Access to known phishing site " + value;
            default -> switch (table) {
                case IndicatorSnapshot.T_MD5, IndicatorSnapshot.T_SHA1, IndicatorSnapshot.T_SHA256 ->
                        "Known malicious file " + value;
                case IndicatorSnapshot.T_TLS_SHA1 -> "Known malicious TLS certificate " + value;
                case IndicatorSnapshot.T_JA3 -> "Known malicious TLS client fingerprint " + value;
                default -> "Match on threat indicator " + value;
            };
        };
    }
}
