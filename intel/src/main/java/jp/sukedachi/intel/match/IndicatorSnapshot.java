package jp.sukedachi.intel.match;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.Normalize;

/**
 * An immutable, compact lookup structure over a set of indicators and an allowlist, built once per
 * intel update and then shared by every matching thread.
 *
 * <h2>Layout</h2>
 * Indicators are not kept as {@link Indicator} objects (each costs well over 100 bytes). Instead:
 * <ul>
 * <li>one <em>key table</em> per kind of value, mapping a distinct value to a key number:
 *   IPv4 in an open-addressing {@code int} hash ({@link IntTable}); IPv6 as two longs ({@link V6Table});
 *   IPv4 and IPv6 CIDR blocks as sorted ranges with parent links ({@link V4Ranges}, {@link V6Ranges}: every
 *   covering block of an address is found, nested ones included); domains, domain suffixes, URLs, e-mail
 *   addresses and e-mail domains as byte strings in one arena per table ({@link KeyTable}); MD5, SHA-1,
 *   SHA-256, TLS certificate SHA-1 and JA3 as their <em>decoded</em> bytes in an arena (16–32 bytes instead
 *   of a 32–64 character String of ~70–110 bytes; event values are decoded on the fly while probing, so no
 *   allocation);</li>
 * <li>per table, {@code postFrom[k] .. postFrom[k + 1]}: the <em>postings</em> of key k — one per
 *   indicator carrying that value (several sources or tenants may share a value);</li>
 * <li>per posting, two ints: an index into a small table of deduplicated {@link Profile}s
 *   (source, confidence, threat type, malware family, tenant, allow/deny — a few hundred distinct ones
 *   for millions of indicators, so their strings are shared) and the expiry in seconds since 2020-01-01
 *   (rounded up; {@code Integer.MAX_VALUE} = never); plus a reference column only if some indicator has a
 *   reference.</li>
 * </ul>
 * Allowlist entries are postings too, with an allow profile, in the same tables: one probe answers both
 * "is it listed" and "is it allowed". {@code firstSeen}/{@code lastSeen} are not kept (matching does not
 * need them); {@link #lookup} rebuilds {@link Indicator}s without them, only when asked.
 *
 * <p>Not kept either: values that do not parse for their type (counted in {@link #rejected()}).
 */
public final class IndicatorSnapshot {
    static final int T_IPV4 = 0;
    static final int T_IPV6 = 1;
    static final int T_CIDR4 = 2;
    static final int T_CIDR6 = 3;
    static final int T_DOMAIN = 4;
    static final int T_SUFFIX = 5;
    static final int T_URL = 6;
    static final int T_MD5 = 7;
    static final int T_SHA1 = 8;
    static final int T_SHA256 = 9;
    static final int T_TLS_SHA1 = 10;
    static final int T_JA3 = 11;
    static final int T_EMAIL = 12;
    static final int T_EMAIL_DOMAIN = 13;
    static final int TABLES = 14;

    static final IndicatorType[] TABLE_TYPE = {IndicatorType.IPV4, IndicatorType.IPV6, IndicatorType.CIDR,
        IndicatorType.CIDR, IndicatorType.DOMAIN, IndicatorType.DOMAIN_SUFFIX, IndicatorType.URL, IndicatorType.MD5,
        IndicatorType.SHA1, IndicatorType.SHA256, IndicatorType.TLS_SHA1, IndicatorType.JA3, IndicatorType.EMAIL,
        IndicatorType.EMAIL_DOMAIN};

    /** Bit set by a posting scan: a listed indicator applies. */
    static final int HIT = 1;
    /** Bit set by a posting scan: an allowlist entry applies. */
    static final int ALLOW = 2;

    /** Expiry epoch: 2020-01-01T00:00:00Z, so an int of seconds reaches 2088. */
    static final long EPOCH = 1_577_836_800L;
    static final int NEVER = Integer.MAX_VALUE;

    private static final AtomicLong SERIALS = new AtomicLong();
    private static final IndicatorSnapshot EMPTY = builder().build();

    final IntTable ipv4;
    final V6Table ipv6;
    final V4Ranges cidr4;
    final V6Ranges cidr6;
    /** Byte-keyed tables by table id (null for the numeric ones). */
    final KeyTable[] bytes = new KeyTable[TABLES];
    /** Per table: postings of key k are {@code [postFrom[k], postFrom[k + 1])}. */
    final int[][] postFrom = new int[TABLES][];
    final int[] postProfile;
    final int[] postExpiry;
    /** Null when no indicator has a reference. */
    final String[] postReference;
    final Profile[] profiles;
    /**
     * Per profile, what a hit on it reports: {@code [0]} for every table but the file hashes, {@code [1]} for
     * MD5/SHA-1/SHA-256. Decided once per snapshot, not per hit: the ransomware-family test splits text with a
     * regular expression, which made a hit cost as much as parsing the event.
     */
    final Severity[][] profileSeverity = new Severity[2][];
    final Category[][] profileCategory = new Category[2][];
    /** Tells snapshots apart without holding one (the matcher's per-thread memo of the last hit keys on it). */
    final long serial = SERIALS.incrementAndGet();
    private final int indicators;
    private final int allowed;
    private final int rejected;
    private final boolean anyIp;
    private final boolean anyDomain;

    /** The deduplicated metadata of postings; a few hundred instances per snapshot. */
    record Profile(String source, int confidence, String threatType, String malwareFamily, UUID tenant,
            boolean allow) {
    }

    private IndicatorSnapshot(Builder b) {
        int total = 0;
        for (Map<Object, Group> m : b.groups) {
            for (Group g : m.values()) {
                total += g.size;
            }
        }
        postProfile = new int[total];
        postExpiry = new int[total];
        postReference = b.anyReference ? new String[total] : null;
        Map<String, String> references = new HashMap<>();
        int cursor = 0;
        IntTable v4 = IntTable.EMPTY;
        V6Table v6 = V6Table.EMPTY;
        V4Ranges c4 = V4Ranges.EMPTY;
        V6Ranges c6 = V6Ranges.EMPTY;
        for (int t = 0; t < TABLES; t++) {
            Map<Object, Group> m = b.groups[t];
            List<Object> keys = new ArrayList<>(m.keySet());
            // The range tables need their keys sorted; the others keep insertion order.
            if (t == T_CIDR4) {
                keys.sort((x, y) -> Long.compare((Long) x, (Long) y));
            } else if (t == T_CIDR6) {
                keys.sort((x, y) -> {
                    V6Block p = (V6Block) x;
                    V6Block q = (V6Block) y;
                    return V6Ranges.compare(p.hi, p.lo, p.prefix, q.hi, q.lo, q.prefix);
                });
            }
            int[] from = new int[keys.size() + 1];
            for (int k = 0; k < keys.size(); k++) {
                from[k] = cursor;
                Group g = m.get(keys.get(k));
                for (int i = 0; i < g.size; i++) {
                    postProfile[cursor] = g.profiles[i];
                    postExpiry[cursor] = g.expiry[i];
                    if (postReference != null && g.references != null && g.references[i] != null) {
                        postReference[cursor] = references.computeIfAbsent(g.references[i], r -> r);
                    }
                    cursor++;
                }
            }
            from[keys.size()] = cursor;
            postFrom[t] = from;
            switch (t) {
                case T_IPV4 -> {
                    int[] a = new int[keys.size()];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = (Integer) keys.get(k);
                    }
                    v4 = new IntTable(a);
                }
                case T_IPV6 -> {
                    long[] hi = new long[keys.size()];
                    long[] lo = new long[keys.size()];
                    for (int k = 0; k < hi.length; k++) {
                        V6Block x = (V6Block) keys.get(k);
                        hi[k] = x.hi;
                        lo[k] = x.lo;
                    }
                    v6 = new V6Table(hi, lo);
                }
                case T_CIDR4 -> {
                    long[] a = new long[keys.size()];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = (Long) keys.get(k);
                    }
                    c4 = new V4Ranges(a);
                }
                case T_CIDR6 -> {
                    long[] hi = new long[keys.size()];
                    long[] lo = new long[keys.size()];
                    int[] p = new int[keys.size()];
                    for (int k = 0; k < hi.length; k++) {
                        V6Block x = (V6Block) keys.get(k);
                        hi[k] = x.hi;
                        lo[k] = x.lo;
                        p[k] = x.prefix;
                    }
                    c6 = new V6Ranges(hi, lo, p);
                }
                default -> {
                    List<byte[]> raw = new ArrayList<>(keys.size());
                    for (Object k : keys) {
                        raw.add(((ByteKey) k).bytes);
                    }
                    bytes[t] = KeyTable.build(raw);
                }
            }
        }
        ipv4 = v4;
        ipv6 = v6;
        cidr4 = c4;
        cidr6 = c6;
        profiles = b.profiles.keySet().toArray(new Profile[0]);
        for (int f = 0; f < 2; f++) {
            boolean fileHash = f == 1;
            profileSeverity[f] = new Severity[profiles.length];
            profileCategory[f] = new Category[profiles.length];
            for (int i = 0; i < profiles.length; i++) {
                Profile pr = profiles[i];
                profileSeverity[f][i] = IntelMatcher.severity(fileHash, pr.threatType(), pr.malwareFamily(), pr.confidence());
                profileCategory[f][i] = IntelMatcher.category(fileHash, pr.threatType(), pr.malwareFamily());
            }
        }
        indicators = b.indicators;
        allowed = b.allowed;
        rejected = b.rejected;
        anyIp = ipv4.size() + ipv6.size() + cidr4.size() + cidr6.size() > 0;
        anyDomain = !bytes[T_DOMAIN].isEmpty() || !bytes[T_SUFFIX].isEmpty();
    }

    public static IndicatorSnapshot empty() {
        return EMPTY;
    }

    /** A snapshot of these indicators and allowlist entries (an allowlist entry's tenant scopes it too). */
    public static IndicatorSnapshot of(Collection<Indicator> indicators, Collection<Indicator> allowlist) {
        Builder b = builder();
        indicators.forEach(b::add);
        allowlist.forEach(b::allow);
        return b.build();
    }

    public static IndicatorSnapshot of(Collection<Indicator> indicators) {
        return of(indicators, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Indicators kept (not counting allowlist entries or rejected values). */
    public int size() {
        return indicators;
    }

    public int allowlistSize() {
        return allowed;
    }

    /** Indicators and allowlist entries whose value did not parse for their type; not kept. */
    public int rejected() {
        return rejected;
    }

    /** Rough size of the arrays this snapshot holds, in bytes (the benchmark measures the real heap). */
    public long estimatedHeapBytes() {
        long n = ipv4.heapBytes() + ipv6.heapBytes() + cidr4.heapBytes() + cidr6.heapBytes();
        for (int t = 0; t < TABLES; t++) {
            if (bytes[t] != null) {
                n += bytes[t].heapBytes();
            }
            n += 16 + 4L * postFrom[t].length;
        }
        n += 2 * (16 + 4L * postProfile.length) + (postReference == null ? 0 : 16 + 4L * postReference.length);
        return n + 80L * profiles.length;
    }

    /**
     * The listed indicators (not allowlist entries) with exactly this type and value, rebuilt (without
     * first/last seen). For the API and tests; matching never calls it.
     */
    public List<Indicator> lookup(IndicatorType type, String value) {
        List<Indicator> out = new ArrayList<>();
        Builder probe = new Builder();
        int table = probe.table(type, value);
        Object key = table < 0 ? null : probe.key(table, type, value);
        if (key == null) {
            return out;
        }
        int k = switch (table) {
            case T_IPV4 -> ipv4.find((Integer) key);
            case T_IPV6 -> ipv6.find(((V6Block) key).hi, ((V6Block) key).lo);
            case T_CIDR4, T_CIDR6 -> findRange(table, key);
            default -> bytes[table].find(((ByteKey) key).bytes);
        };
        if (k < 0) {
            return out;
        }
        String text = valueText(table, k);
        for (int p = postFrom[table][k]; p < postFrom[table][k + 1]; p++) {
            Profile pr = profiles[postProfile[p]];
            if (!pr.allow()) {
                out.add(indicatorAt(table, text, p));
            }
        }
        return out;
    }

    private int findRange(int table, Object key) {
        if (table == T_CIDR4) {
            long enc = (Long) key;
            int addr = (int) (enc >>> 8);
            for (int k = cidr4.deepest(addr); k >= 0; k = cidr4.parent(k)) {
                if (cidr4.text(k).equals(Addr.v4Text(addr) + "/" + (enc & 0xFF))) {
                    return k;
                }
            }
            return -1;
        }
        V6Block b = (V6Block) key;
        String want = Addr.v6Text(b.hi, b.lo) + "/" + b.prefix;
        for (int k = cidr6.deepest(b.hi, b.lo); k >= 0; k = cidr6.parent(k)) {
            if (cidr6.text(k).equals(want)) {
                return k;
            }
        }
        return -1;
    }

    /** The indicator of posting p (value text given). */
    Indicator indicatorAt(int table, String value, int p) {
        Profile pr = profiles[postProfile[p]];
        int exp = postExpiry[p];
        Instant expires = exp == NEVER ? null : Instant.ofEpochSecond(EPOCH + exp);
        return new Indicator(TABLE_TYPE[table], value, pr.source(), pr.confidence(), pr.threatType(),
                pr.malwareFamily(), null, null, expires, pr.tenant(),
                postReference == null ? null : postReference[p]);
    }

    /** The canonical text of key k of a table (allocates; for hits only). */
    String valueText(int table, int k) {
        return switch (table) {
            case T_IPV4 -> Addr.v4Text(ipv4.key(k));
            case T_IPV6 -> ipv6.text(k);
            case T_CIDR4 -> cidr4.text(k);
            case T_CIDR6 -> cidr6.text(k);
            case T_MD5, T_SHA1, T_SHA256, T_TLS_SHA1, T_JA3 -> bytes[table].hex(k);
            default -> bytes[table].text(k);
        };
    }

    boolean anyIp() {
        return anyIp;
    }

    boolean anyDomain() {
        return anyDomain;
    }

    static int nowSeconds(Instant now) {
        return nowSeconds(now.getEpochSecond());
    }

    static int nowSeconds(long epochSecond) {
        long s = epochSecond - EPOCH;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(NEVER - 1, s));
    }

    static int expirySeconds(Instant expiresAt) {
        if (expiresAt == null) {
            return NEVER;
        }
        long s = expiresAt.getEpochSecond() - EPOCH + (expiresAt.getNano() > 0 ? 1 : 0);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(NEVER - 1, s));
    }

    /**
     * {@link #HIT} and/or {@link #ALLOW} for the postings of key k that are active at {@code now} and
     * visible to the tenant (null tenant: only provider-wide postings).
     */
    int scan(int table, int k, UUID tenant, int now) {
        int bits = 0;
        int[] from = postFrom[table];
        for (int p = from[k], end = from[k + 1]; p < end; p++) {
            if (postExpiry[p] <= now) {
                continue;
            }
            Profile pr = profiles[postProfile[p]];
            if (pr.tenant != null && !pr.tenant.equals(tenant)) {
                continue;
            }
            bits |= pr.allow ? ALLOW : HIT;
        }
        return bits;
    }

    // --- building ----------------------------------------------------------------------------------

    /** A 128-bit address or block (build-time key). */
    record V6Block(long hi, long lo, int prefix) {
    }

    /** A byte-string key (build-time). */
    static final class ByteKey {
        final byte[] bytes;
        private final int hash;

        ByteKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The postings of one key while building. */
    private static final class Group {
        int[] profiles = new int[1];
        int[] expiry = new int[1];
        String[] references;
        int size;

        void add(int profile, int exp, String reference) {
            if (size == profiles.length) {
                profiles = Arrays.copyOf(profiles, size * 2);
                expiry = Arrays.copyOf(expiry, size * 2);
                if (references != null) {
                    references = Arrays.copyOf(references, size * 2);
                }
            }
            if (reference != null && references == null) {
                references = new String[profiles.length];
            }
            profiles[size] = profile;
            expiry[size] = exp;
            if (references != null) {
                references[size] = reference;
            }
            size++;
        }
    }

    /** Collects indicators and allowlist entries; not thread-safe; {@link #build} once. */
    public static final class Builder {
        @SuppressWarnings("unchecked")
        private final Map<Object, Group>[] groups = new Map[TABLES];
        private final Map<Profile, Integer> profiles = new LinkedHashMap<>();
        private final Map<String, String> strings = new HashMap<>();
        private final Map<UUID, UUID> tenants = new HashMap<>();
        private int indicators;
        private int allowed;
        private int rejected;
        private boolean anyReference;

        private Builder() {
            for (int t = 0; t < TABLES; t++) {
                groups[t] = new HashMap<>();
            }
        }

        /** Adds a listed indicator; a value that does not parse for its type is counted and skipped. */
        public Builder add(Indicator indicator) {
            if (put(indicator, false)) {
                indicators++;
            }
            return this;
        }

        /** Adds an allowlist entry: values it covers never produce a detection (for its tenant, or all if null). */
        public Builder allow(Indicator entry) {
            if (put(entry, true)) {
                allowed++;
            }
            return this;
        }

        public IndicatorSnapshot build() {
            return new IndicatorSnapshot(this);
        }

        private boolean put(Indicator in, boolean allow) {
            Objects.requireNonNull(in, "indicator");
            int table = table(in.type(), in.value());
            Object key = table < 0 ? null : key(table, in.type(), in.value());
            if (key == null) {
                rejected++;
                return false;
            }
            Profile profile = new Profile(intern(in.source()), in.confidence(), intern(in.threatType()),
                    intern(in.malwareFamily()), in.tenant() == null ? null : tenants.computeIfAbsent(in.tenant(), u -> u),
                    allow);
            Integer id = profiles.get(profile);
            if (id == null) {
                id = profiles.size();
                profiles.put(profile, id);
            }
            if (in.reference() != null) {
                anyReference = true;
            }
            groups[table].computeIfAbsent(key, k -> new Group()).add(id, expirySeconds(in.expiresAt()), in.reference());
            return true;
        }

        private String intern(String s) {
            return s == null ? null : strings.computeIfAbsent(s, x -> x);
        }

        int table(IndicatorType type, String value) {
            return switch (type) {
                case IPV4 -> T_IPV4;
                case IPV6 -> T_IPV6;
                case CIDR -> value.indexOf(':') >= 0 ? T_CIDR6 : T_CIDR4;
                case DOMAIN -> T_DOMAIN;
                case DOMAIN_SUFFIX -> T_SUFFIX;
                case URL -> T_URL;
                case MD5 -> T_MD5;
                case SHA1 -> T_SHA1;
                case SHA256 -> T_SHA256;
                case TLS_SHA1 -> T_TLS_SHA1;
                case JA3 -> T_JA3;
                case EMAIL -> T_EMAIL;
                case EMAIL_DOMAIN -> T_EMAIL_DOMAIN;
            };
        }

        /** The build-time key of a value, or null if it does not parse. */
        Object key(int table, IndicatorType type, String raw) {
            String value = raw.strip();
            switch (table) {
                case T_IPV4: {
                    long v = Addr.v4(value);
                    return v < 0 ? null : Integer.valueOf((int) v);
                }
                case T_IPV6: {
                    if (Addr.v6(value, Addr.V6_VALID) == 0) {
                        return null;
                    }
                    return new V6Block(Addr.v6(value, Addr.V6_HI), Addr.v6(value, Addr.V6_LO), 128);
                }
                case T_CIDR4: {
                    int slash = value.indexOf('/');
                    long v = Addr.v4(value, 0, slash < 0 ? value.length() : slash);
                    int prefix = slash < 0 ? 32 : parsePrefix(value.substring(slash + 1), 32);
                    if (v < 0 || prefix < 0) {
                        return null;
                    }
                    int mask = prefix == 0 ? 0 : (-1 << (32 - prefix));
                    return V4Ranges.encode((int) v & mask, prefix);
                }
                case T_CIDR6: {
                    int slash = value.indexOf('/');
                    String addr = slash < 0 ? value : value.substring(0, slash);
                    int prefix = slash < 0 ? 128 : parsePrefix(value.substring(slash + 1), 128);
                    if (prefix < 0 || Addr.v6(addr, Addr.V6_VALID) == 0) {
                        return null;
                    }
                    long hi = Addr.v6(addr, Addr.V6_HI);
                    long lo = Addr.v6(addr, Addr.V6_LO);
                    long maskHi = prefix >= 64 ? -1L : (prefix == 0 ? 0 : (-1L << (64 - prefix)));
                    long maskLo = prefix <= 64 ? 0 : (prefix == 128 ? -1L : (-1L << (128 - prefix)));
                    return new V6Block(hi & maskHi, lo & maskLo, prefix);
                }
                case T_DOMAIN, T_SUFFIX, T_EMAIL_DOMAIN: {
                    String d = domain(value);
                    return d == null ? null : new ByteKey(d.getBytes(StandardCharsets.US_ASCII));
                }
                case T_EMAIL: {
                    int at = value.lastIndexOf('@');
                    String d = at <= 0 ? null : domain(value.substring(at + 1));
                    if (d == null) {
                        return null;
                    }
                    String local = value.substring(0, at).toLowerCase(Locale.ROOT);
                    return new ByteKey((local + "@" + d).getBytes(StandardCharsets.UTF_8));
                }
                case T_URL:
                    return value.isEmpty() ? null : new ByteKey(value.getBytes(StandardCharsets.UTF_8));
                default: {
                    int len = switch (table) {
                        case T_MD5, T_JA3 -> 16;
                        case T_SHA1, T_TLS_SHA1 -> 20;
                        default -> 32;
                    };
                    if (!KeyTable.hexValid(value, len)) {
                        return null;
                    }
                    byte[] b = new byte[len];
                    for (int i = 0; i < len; i++) {
                        b[i] = (byte) ((Character.digit(value.charAt(2 * i), 16) << 4)
                                | Character.digit(value.charAt(2 * i + 1), 16));
                    }
                    return new ByteKey(b);
                }
            }
        }

        private static int parsePrefix(String s, int max) {
            if (s.isEmpty() || s.length() > 3) {
                return -1;
            }
            int p = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                p = p * 10 + (c - '0');
            }
            return p > max ? -1 : p;
        }

        /** Lower-case ASCII without trailing dot; non-ASCII through {@link Normalize#domain}; null if invalid. */
        private static String domain(String value) {
            String d = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
            if (d.isEmpty()) {
                return null;
            }
            for (int i = 0; i < d.length(); i++) {
                if (d.charAt(i) >= 0x80) {
                    try {
                        return Normalize.domain(d);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
            return d.toLowerCase(Locale.ROOT);
        }
    }
}
