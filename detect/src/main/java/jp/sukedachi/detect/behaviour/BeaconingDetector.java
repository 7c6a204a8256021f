package jp.sukedachi.detect.behaviour;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorState;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/**
 * Beaconing: one LAN host connecting to one Internet destination (address and port) at a regular rhythm, as
 * remote-controlled malware calls its server. Every connection the parsers report (UTM traffic let through, Zeek
 * {@code conn}, Suricata {@code flow}/{@code tls}, Sysmon network connects) from a private address to a public
 * one is a beat of its (company, host, destination, port) pair; the same connection logged by two sensors within
 * two seconds is one beat.
 *
 * <p><b>The judgement, and its trade-off.</b> A pair is judged on its last {@value #RING} beats once it has lasted
 * the minimum duration since its first connection and has at least the minimum number of beats. The period is the
 * median interval, refined once as the median of every interval divided by its multiple; an interval is regular
 * when it lies within {@value #TOLERANCE_PERCENT}% of the period of a whole multiple of it (up to
 * {@value #MAX_MULTIPLE}), so missed beats do not break the rhythm and ±20% jitter stays inside. Random browsing
 * also lands near some multiple of its own median now and then (about a third of its intervals), so the test is
 * statistical: the number of regular intervals must be one that such traffic reaches with probability below one in
 * a million (binomial tail at a chance share of {@value #CHANCE_PERCENT}%), and at least a third of the intervals
 * must be single ones. Short windows therefore need every interval regular and longer ones tolerate misses: a
 * gappy beacon is found later, in exchange for random traffic practically never being called periodic. Malware
 * that connects twice per cycle (retry, then wait) is judged again on every second connection, without gaps (sums
 * of two random intervals are less dispersed, and whole multiples would let them pass). Regular sizes are
 * supporting evidence only: they raise the severity, never decide.
 *
 * <p>Destinations on the maintained {@link Allowlist} (updates, time servers, the office suite; by address or by
 * name, names coming from the UTM's host name, TLS SNI, Sysmon's destination name or DNS answers seen before)
 * are ignored. A pair is told as a detection {@code beaconing}/{@value #RULE} (category BEACONING, entity the
 * local host: its name when an endpoint event named it, else its address; {@code remote} the destination's name
 * when known, else its address) when it first judges periodic, and again at most once per event day (UTC) while
 * it stays so, so triage grows one alert. MEDIUM; HIGH when both the rhythm and the sizes are very regular.
 *
 * <p><b>Bounded.</b> At most {@code maxPairsPerCompany} pairs per company (the least recently seen is forgotten
 * first), {@value #NAMES_PER_COMPANY} learned destination names per company, {@value #RING} beats per pair; a pair
 * silent for three days is forgotten by {@link #advance}. {@link #snapshot()} returns the same array while nothing
 * changed. Not thread-safe: the runtime calls it from one thread.
 */
public final class BeaconingDetector implements Detector {
    public static final String ID = "beaconing";
    public static final String RULE = "periodic-connections";
    public static final int FORMAT_VERSION = 1;
    public static final Duration DEFAULT_MIN_DURATION = Duration.ofHours(2);
    public static final int DEFAULT_MIN_BEATS = 8;
    public static final int DEFAULT_MAX_PAIRS_PER_COMPANY = 2_000;

    /** Beats kept per pair. */
    static final int RING = 32;
    static final int NAMES_PER_COMPANY = 4_096;
    static final int TOLERANCE_PERCENT = 25;
    static final int MAX_MULTIPLE = 4;
    static final int CHANCE_PERCENT = 35;
    /** Chance of random traffic passing, per judgement (split over the two ways of reading the rhythm). */
    static final double FALSE_ALARM = 1e-6;
    static final long SAME_CONNECTION_MILLIS = 2_000;
    /** Faster than this is a stream or a retry loop, not a call-home rhythm. */
    static final long MIN_PERIOD_MILLIS = 5_000;
    static final long MAX_IDLE_MILLIS = Duration.ofDays(3).toMillis();
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** "BCNG". */
    private static final int MAGIC = 0x42434e47;

    private record Key(String host, String destination, int port) {
    }

    /** One pair's beats, oldest first. */
    static final class Pair {
        long[] times;
        /** Per beat its size on a log scale ({@link #sizeStep}), 0 when unknown: one byte each in memory and state. */
        byte[] sizes;
        int n;
        String hostName;
        String domain;
        boolean allowed;
        long toldDay = Long.MIN_VALUE;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        /** This pair's part of the snapshot while it was not touched (a batch touches few of a company's pairs). */
        byte[] written;

        /**
         * Adds a beat (its time to the second, its size step) in time order; false when it is the same connection
         * as a neighbour or older than all kept.
         */
        boolean add(long t, byte size) {
            if (times == null) {
                times = new long[RING];
                sizes = new byte[RING];
            }
            int at = n;
            while (at > 0 && times[at - 1] > t) {
                at--;
            }
            for (int i = Math.max(0, at - 1); i <= Math.min(n - 1, at); i++) {
                if (Math.abs(times[i] - t) <= SAME_CONNECTION_MILLIS) {
                    if (sizes[i] == 0) {
                        sizes[i] = size;
                    }
                    return false;
                }
            }
            if (n == RING) {
                if (at == 0) {
                    return false;
                }
                System.arraycopy(times, 1, times, 0, at - 1);
                System.arraycopy(sizes, 1, sizes, 0, at - 1);
                at--;
                n--;
            } else {
                System.arraycopy(times, at, times, at + 1, n - at);
                System.arraycopy(sizes, at, sizes, at + 1, n - at);
            }
            times[at] = t;
            sizes[at] = size;
            n++;
            return true;
        }

        void forgetBeats() {
            times = null;
            sizes = null;
            n = 0;
        }
    }

    /**
     * What makes a pair periodic: its period (of one cycle), the reading ({@code lag} connections per cycle: every
     * connection or every second one) and the fit.
     */
    record Rhythm(long periodMillis, int lag, int regular, int intervals, double spread, boolean sizeRegular) {
        boolean veryRegular() {
            return spread <= 0.02 && sizeRegular;
        }
    }

    private final class Company {
        final LinkedHashMap<Key, Pair> pairs = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Pair> eldest) {
                return size() > maxPairs;
            }
        };
        final LinkedHashMap<String, String> names = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > NAMES_PER_COMPANY;
            }
        };
        /** This company's part of the snapshot while it did not change (most batches touch few companies). */
        byte[] written;
        /** The learned names' part of it while they were neither learned nor looked up (which reorders them). */
        byte[] namesWritten;

        /** The name learned for an address (a lookup makes it the most recent: its part is written again). */
        String name(String address) {
            String name = names.get(address);
            if (name != null) {
                namesWritten = null;
            }
            return name;
        }

        void learn(String address, String name) {
            names.put(address, name);
            namesWritten = null;
        }
    }

    private final Allowlist allowlist;
    private final long minDurationMillis;
    private final int minBeats;
    private final int maxPairs;
    /** Per number of intervals, the fewest regular ones that random traffic reaches with chance below the limit. */
    private final int[] leastRegular = new int[RING];
    private final Map<UUID, Company> companies = new TreeMap<>();
    private long nextSweep = Long.MIN_VALUE;
    private byte[] last;
    /** Working arrays of {@link #rhythm} (one thread at a time: no allocation per judgement). */
    private final long[] intervals = new long[RING];
    private final long[] sorted = new long[RING];
    private final double[] residuals = new double[RING];

    /** The maintained allowlist and the default thresholds (two hours and eight beats; 2,000 pairs a company). */
    public BeaconingDetector() {
        this(Allowlist.standard(), DEFAULT_MIN_DURATION, DEFAULT_MIN_BEATS, DEFAULT_MAX_PAIRS_PER_COMPANY);
    }

    /**
     * @param allowlist          destinations never judged
     * @param minDuration        how long a rhythm must have lasted before it is told
     * @param minBeats           how many beats at least (the statistical test usually wants more)
     * @param maxPairsPerCompany pairs kept per company; the least recently seen is forgotten first
     */
    public BeaconingDetector(Allowlist allowlist, Duration minDuration, int minBeats, int maxPairsPerCompany) {
        if (minBeats < 3 || minBeats > RING) {
            throw new IllegalArgumentException("minBeats must be 3–" + RING + ", got " + minBeats);
        }
        if (maxPairsPerCompany < 1 || minDuration.isNegative()) {
            throw new IllegalArgumentException("maxPairsPerCompany must be positive and minDuration not negative");
        }
        this.allowlist = allowlist;
        this.minDurationMillis = minDuration.toMillis();
        this.minBeats = minBeats;
        this.maxPairs = maxPairsPerCompany;
        for (int m = 1; m < RING; m++) {
            leastRegular[m] = leastSurprising(m, CHANCE_PERCENT / 100.0, FALSE_ALARM / 2);
        }
    }

    /** The smallest k with P(Binomial(m, p) ≥ k) ≤ alpha, or m + 1 when even m is not rare enough. */
    static int leastSurprising(int m, double p, double alpha) {
        double[] pmf = new double[m + 1];
        pmf[0] = Math.pow(1 - p, m);
        for (int k = 0; k < m; k++) {
            pmf[k + 1] = pmf[k] * (m - k) / (k + 1) * p / (1 - p);
        }
        double tail = 0;
        for (int k = m; k >= 0; k--) {
            tail += pmf[k];
            if (tail > alpha) {
                return k + 1;
            }
        }
        return 0;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(SecurityEvent event, DetectionSink sink) {
        if (event.tenant() == null) {
            return;
        }
        String qname = event.get(Ecs.DNS_QUESTION_NAME);
        String answers = qname == null ? null : event.get(Ecs.DNS_ANSWERS_DATA);
        if (answers != null) {
            learnAnswers(company(event.tenant()), qname, answers);
            return;
        }
        if (!Connections.isConnection(event)) {
            return;
        }
        String src = event.get(Ecs.SOURCE_IP);
        String dst = event.get(Ecs.DESTINATION_IP);
        if (!Addresses.isPrivate(Addresses.parse(src))) {
            return;
        }
        byte[] dstAddress = Addresses.parse(dst);
        if (!Addresses.isPublic(dstAddress)) {
            return;
        }
        Company c = company(event.tenant());
        last = null;
        c.written = null;
        String name = Connections.destinationName(event);
        if (name != null) {
            c.learn(dst, name);
        }
        Key key = new Key(src, dst, Connections.port(event.get(Ecs.DESTINATION_PORT)));
        Pair p = c.pairs.get(key);
        if (p == null) {
            p = new Pair();
            p.allowed = allowlist.allowsAddress(dstAddress);
            c.pairs.put(key, p);
        }
        p.written = null;
        long t = event.timestampMillis();
        p.lastSeen = Math.max(p.lastSeen, t);
        p.firstSeen = Math.min(p.firstSeen, t);
        if (p.allowed) {
            return;
        }
        String domain = name != null ? name : p.domain == null ? c.name(dst) : null;
        if (domain != null && !domain.equals(p.domain)) {
            p.domain = domain;
            if (allowlist.allowsDomain(domain)) {
                p.allowed = true;
                p.forgetBeats();
                return;
            }
        }
        if (Connections.fromEndpoint(event) && event.get(Ecs.HOST_NAME) != null) {
            p.hostName = event.get(Ecs.HOST_NAME);
        }
        if (!p.add(Math.floorDiv(t, 1000) * 1000, sizeStep(Connections.size(event))) || p.n < minBeats || p.lastSeen - p.firstSeen < minDurationMillis) {
            return;
        }
        Rhythm r = rhythm(p);
        long day = Math.floorDiv(t, DAY);
        if (r != null && day > p.toldDay) {
            p.toldDay = day;
            sink.accept(detection(event, key, p, r));
        }
    }

    private void learnAnswers(Company c, String qname, String answers) {
        int from = 0;
        while (from < answers.length()) {
            int comma = answers.indexOf(',', from);
            int to = comma < 0 ? answers.length() : comma;
            String a = answers.substring(from, to).trim();
            if (Addresses.isPublic(Addresses.parse(a)) && !qname.equals(c.name(a))) {
                c.learn(a, qname);
                c.written = null;
                last = null;
            }
            from = to + 1;
        }
    }

    private Company company(TenantId tenant) {
        return companies.computeIfAbsent(tenant.value(), k -> new Company());
    }

    /** The pair's rhythm, or null when its beats are not periodic enough. */
    Rhythm rhythm(Pair p) {
        for (int lag = 1; lag <= 2; lag++) {
            int m = (p.n - 1) / lag;
            if (m < 2) {
                continue;
            }
            long[] d = intervals;
            for (int i = 0; i < m; i++) {
                d[i] = p.times[(i + 1) * lag] - p.times[i * lag];
            }
            System.arraycopy(d, 0, sorted, 0, m);
            Arrays.sort(sorted, 0, m);
            long period = sorted[m / 2];
            if (period < MIN_PERIOD_MILLIS) {
                continue;
            }
            // With many missed beats the median sits high in the single intervals: refine it once as the median of
            // every interval divided by its multiple of the first estimate.
            for (int i = 0; i < m; i++) {
                long k = Math.max(1, Math.min(MAX_MULTIPLE, Math.round((double) d[i] / period)));
                sorted[i] = d[i] / k;
            }
            Arrays.sort(sorted, 0, m);
            period = sorted[m / 2];
            if (period < MIN_PERIOD_MILLIS) {
                continue;
            }
            int regular = 0;
            int single = 0;
            for (int i = 0; i < m; i++) {
                long x = d[i];
                long k = Math.round((double) x / period);
                double off = Math.abs(x - k * (double) period) / period;
                if (k >= 1 && k <= (lag == 1 ? MAX_MULTIPLE : 1) && off <= TOLERANCE_PERCENT / 100.0) {
                    residuals[regular++] = off;
                    if (k == 1) {
                        single++;
                    }
                }
            }
            if (regular >= leastRegular[m] && single * 3 >= m) {
                Arrays.sort(residuals, 0, regular);
                return new Rhythm(period, lag, regular, m, residuals[regular / 2], sizesRegular(p));
            }
        }
        return null;
    }

    /** A size on a log scale, eighth-powers of two (each step about 9%): 1–255, 0 when unknown. */
    static byte sizeStep(long size) {
        if (size < 0) {
            return 0;
        }
        long step = 1 + Math.round(8 * Math.log(size + 1.0) / Math.log(2));
        return (byte) Math.min(255, step);
    }

    /** Three quarters of the beats have a size, and half of them lie within one step (about 9%) of the median. */
    private boolean sizesRegular(Pair p) {
        long[] s = sorted;
        int k = 0;
        for (int i = 0; i < p.n; i++) {
            if (p.sizes[i] != 0) {
                s[k++] = p.sizes[i] & 0xff;
            }
        }
        if (k * 4 < p.n * 3) {
            return false;
        }
        Arrays.sort(s, 0, k);
        long median = s[k / 2];
        for (int i = 0; i < k; i++) {
            s[i] = Math.abs(s[i] - median);
        }
        Arrays.sort(s, 0, k);
        return s[k / 2] <= 1;
    }

    private static Detection detection(SecurityEvent e, Key key, Pair p, Rhythm r) {
        String entity = p.hostName != null ? p.hostName : key.host();
        // The address is the remote party (triage's connection key, the same as intelligence and the IDS use for
        // this flow); the name, when known, is told beside it.
        String remote = key.destination();
        String shown = p.domain != null ? p.domain : remote;
        String every = every(r.periodMillis());
        long spanMinutes = (p.lastSeen - p.firstSeen) / 60_000;
        String title = entity + " connects to " + shown + (key.port() >= 0 ? ":" + key.port() : "") + " about every "
                + every + (r.lag() > 1 ? " (" + r.lag() + " connections each time; " : " (") + r.regular() + " of " + r.intervals() + " intervals regular, over "
                + String.format(Locale.ROOT, "%.1f", spanMinutes / 60.0) + " h)";
        Map<String, String> context = new HashMap<>();
        context.put("entity", entity);
        context.put("remote", remote);
        if (p.domain != null) {
            context.put("remoteName", p.domain);
        }
        context.put("host.ip", key.host());
        context.put("destination.ip", key.destination());
        if (key.port() >= 0) {
            context.put("destination.port", Integer.toString(key.port()));
        }
        context.put("periodSeconds", String.format(Locale.ROOT, "%.1f", r.periodMillis() / 1000.0));
        context.put("regularIntervals", r.regular() + "/" + r.intervals());
        context.put("connectionsPerBeat", Integer.toString(r.lag()));
        context.put("spreadPercent", String.format(Locale.ROOT, "%.1f", r.spread() * 100));
        context.put("sizeRegular", Boolean.toString(r.sizeRegular()));
        context.put("beats", Integer.toString(p.n));
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), ID, RULE, title,
                r.veryRegular() ? Severity.HIGH : Severity.MEDIUM, Category.BEACONING, e, context);
    }

    private static String every(long millis) {
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.0f s", millis / 1000.0);
        }
        if (millis < 2 * HOUR) {
            return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
        }
        return String.format(Locale.ROOT, "%.1f h", millis / (double) HOUR);
    }

    /** Forgets pairs silent for three days (looked at once an hour of event time). */
    @Override
    public void advance(long eventTimeMillis, DetectionSink sink) {
        if (eventTimeMillis < nextSweep) {
            return;
        }
        nextSweep = eventTimeMillis + HOUR;
        last = null;
        for (Company c : companies.values()) {
            if (c.pairs.values().removeIf(p -> p.lastSeen < eventTimeMillis - MAX_IDLE_MILLIS)) {
                c.written = null;
            }
        }
        companies.values().removeIf(c -> c.pairs.isEmpty() && c.names.isEmpty());
    }

    /**
     * Magic, {@value #FORMAT_VERSION}, the next sweep, then per company (by id) its pairs from least to most
     * recently seen (beats as the first time in seconds, varint deltas in seconds and a size step byte) and its learned names.
     */
    @Override
    public byte[] snapshot() {
        if (last != null) {
            return last;
        }
        last = StateIo.write(MAGIC, FORMAT_VERSION, nextSweep, companies, c -> {
            if (c.written == null) {
                c.written = StateIo.bytes(body -> writeCompany(body, c));
            }
            return c.written;
        });
        return last;
    }

    private static void writeCompany(DataOutputStream out, Company c) throws IOException {
        out.writeInt(c.pairs.size());
        for (Map.Entry<Key, Pair> pe : c.pairs.entrySet()) {
            Pair p = pe.getValue();
            if (p.written == null) {
                p.written = StateIo.bytes(body -> writePair(body, pe.getKey(), p));
            }
            out.write(p.written);
        }
        if (c.namesWritten == null) {
            c.namesWritten = StateIo.bytes(body -> {
                body.writeInt(c.names.size());
                for (Map.Entry<String, String> ne : c.names.entrySet()) {
                    body.writeUTF(ne.getKey());
                    body.writeUTF(ne.getValue());
                }
            });
        }
        out.write(c.namesWritten);
    }

    private static void writePair(DataOutputStream out, Key k, Pair p) throws IOException {
        out.writeUTF(k.host());
        out.writeUTF(k.destination());
        out.writeInt(k.port());
        out.writeBoolean(p.allowed);
        StateIo.writeNullable(out, p.hostName);
        StateIo.writeNullable(out, p.domain);
        out.writeLong(p.toldDay);
        out.writeLong(p.firstSeen);
        out.writeLong(p.lastSeen);
        out.writeByte(p.n);
        for (int i = 0; i < p.n; i++) {
            if (i == 0) {
                out.writeLong(p.times[0] / 1000);
            } else {
                StateIo.writeVarLong(out, (p.times[i] - p.times[i - 1]) / 1000);
            }
            out.writeByte(p.sizes[i]);
        }
    }

    /**
     * Takes back what {@link #snapshot()} wrote ({@code null}: nothing seen yet).
     *
     * @throws IllegalArgumentException when it is not a beaconing state of this version or is damaged; the detector
     *                                  then keeps what it had
     */
    @Override
    public void restore(byte[] state) {
        Map<UUID, Company> read = new TreeMap<>();
        long sweep = state == null ? Long.MIN_VALUE
                : StateIo.read(state, "Beaconing state", MAGIC, FORMAT_VERSION, read, this::readCompany);
        companies.clear();
        companies.putAll(read);
        nextSweep = sweep;
        last = null;
    }

    private Company readCompany(DataInputStream in) throws IOException {
        Company c = new Company();
        int np = DetectorState.count(in);
        for (int j = 0; j < np; j++) {
            Key k = new Key(in.readUTF(), in.readUTF(), in.readInt());
            if (k.port() < -1 || k.port() > 65_535) {
                throw new IOException("bad port " + k.port());
            }
            c.pairs.put(k, readPair(in));
        }
        int nn = DetectorState.count(in);
        for (int j = 0; j < nn; j++) {
            c.names.put(in.readUTF(), in.readUTF());
        }
        return c;
    }

    private static Pair readPair(DataInputStream in) throws IOException {
        Pair p = new Pair();
        p.allowed = in.readBoolean();
        p.hostName = StateIo.readNullable(in);
        p.domain = StateIo.readNullable(in);
        p.toldDay = in.readLong();
        p.firstSeen = in.readLong();
        p.lastSeen = in.readLong();
        int n = in.readUnsignedByte();
        if (n > RING) {
            throw new IOException("bad beat count " + n);
        }
        if (n > 0) {
            p.times = new long[RING];
            p.sizes = new byte[RING];
        }
        for (int i = 0; i < n; i++) {
            p.times[i] = i == 0 ? in.readLong() * 1000 : p.times[i - 1] + StateIo.readVarLong(in) * 1000;
            p.sizes[i] = in.readByte();
        }
        p.n = n;
        return p;
    }
}
