package jp.sukedachi.detect.behaviour;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
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
 * Port and host scans: one source touching many ports of one target (<b>vertical</b>) or one port on many hosts
 * (<b>horizontal</b>) within a sliding window of event time: defaults of 10 minutes inside the LAN and 6 hours from the
 * Internet (see {@link #DEFAULT_INTERNET_WINDOW}).
 *
 * <p><b>What counts.</b> Connection records with source, destination and destination port: Zeek {@code conn},
 * Suricata {@code flow}, firewall traffic logs (FortiGate {@code type=traffic}, others with event.category
 * network) and Sysmon network connections. Attempts that were refused count as much as answered ones (scans are
 * mostly refused: FortiGate {@code action=deny}, Zeek {@code conn_state} S0/REJ/RSTO… without data both ways, Suricata flow state
 * {@code new}). A record whose source port is a well-known one (below 1024) and whose destination port is not is
 * a server's answer seen the wrong way round (Zeek orients a flow whose start it missed by the first packet) and
 * is not an attempt.
 *
 * <p><b>Origin.</b> A source with a public address is the Internet ({@code origin=internet}, LOW: triage counts
 * these rather than raising an alert); only its <em>unanswered</em> attempts count, so that a host with a public
 * address browsing many web servers is not taken for a scanner. The entity is the attacked local address (for a
 * horizontal scan, the first host touched in the window), {@code remote} the scanner. A private source touching
 * private targets is a worm or an attacker moving inside the LAN ({@code origin=lan}, HIGH), every attempt counts,
 * and the entity is the scanning host. A private source reaching out to public addresses is not judged here.
 *
 * <p><b>Once.</b> A scan is told once per (source, kind, target or port) and not again that event-day (UTC), so
 * triage grows one alert rather than thousands.
 *
 * <p><b>Bounded.</b> Per company at most {@code maxSources} sources are followed (the one not heard from the
 * longest is dropped first), each with at most {@link #MAX_PAIRS_PER_SOURCE} distinct (target, port) pairs (the
 * oldest dropped first), and at most {@link #MAX_TOLD} scans remembered as told for the day. Time is the newest
 * event time seen for the company; {@link #advance} expires windows and forgets sources gone quiet.
 */
public final class ScanDetector implements Detector {
    public static final String ID = "scan";
    public static final String VERTICAL = "vertical-scan";
    public static final String HORIZONTAL = "horizontal-scan";
    /** The window for a scan inside the LAN: a worm or an attacker sweeps fast. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    /**
     * The window for a scan from the Internet: Internet scanners are slow by design (they spread their probes over
     * the whole address space); on the labelled CTU-Normal-44 day none of the attackers of the host reached 15 ports
     * in 10 minutes, three reached it within 6 hours. These are counted, not alerted on, so the longer window costs
     * no one's attention.
     */
    public static final Duration DEFAULT_INTERNET_WINDOW = Duration.ofHours(6);
    public static final int DEFAULT_MIN_PORTS = 15;
    public static final int DEFAULT_MIN_HOSTS = 15;
    public static final int DEFAULT_MAX_SOURCES = 1024;
    public static final int MAX_PAIRS_PER_SOURCE = 512;
    public static final int MAX_TOLD = 4096;
    public static final int FORMAT_VERSION = 1;
    /** "SCAN". */
    private static final int MAGIC = 0x5343414e;
    private static final long DAY = 86_400_000L;
    private static final long MINUTE = 60_000L;

    private final long windowMillis;
    private final long internetWindowMillis;
    private final int minPorts;
    private final int minHosts;
    private final int maxSources;
    private final Map<TenantId, Company> companies = new HashMap<>();
    private byte[] last;
    /** Full sweeps and company parts encoded so far (read by tests: the work per event and per snapshot). */
    long sweeps;
    long encodedCompanies;

    /** One (target, port) a source touched, last at {@code at}. */
    private record Pair(String target, int port) {
    }

    /** What one source did within the window: distinct pairs in order of last touch, counted per target and port. */
    private static final class Source {
        final LinkedHashMap<Pair, Long> pairs = new LinkedHashMap<>(16, 0.75f, true);
        final Map<String, Integer> portsPerTarget = new HashMap<>();
        final Map<Integer, Integer> targetsPerPort = new HashMap<>();
        /** Whether the source is in the LAN (decided by its address; kept so restore needs no re-derivation). */
        boolean lan;
        /** This source's part of the snapshot while it was not touched nor expired (a batch touches few). */
        byte[] written;

        void touch(Pair p, long at) {
            written = null;
            Long before = pairs.get(p); // moves it to the end: the most recently touched
            pairs.put(p, before == null ? at : Math.max(before, at));
            if (before == null) {
                portsPerTarget.merge(p.target(), 1, Integer::sum);
                targetsPerPort.merge(p.port(), 1, Integer::sum);
                if (pairs.size() > MAX_PAIRS_PER_SOURCE) {
                    Iterator<Map.Entry<Pair, Long>> it = pairs.entrySet().iterator();
                    forget(it.next().getKey());
                    it.remove();
                }
            }
        }

        /** Drops pairs last touched before {@code from}; whether anything was dropped. */
        boolean expire(long from) {
            boolean changed = false;
            Iterator<Map.Entry<Pair, Long>> it = pairs.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Pair, Long> e = it.next();
                if (e.getValue() >= from) {
                    break;
                }
                forget(e.getKey());
                it.remove();
                changed = true;
            }
            if (changed) {
                written = null;
            }
            return changed;
        }

        private void forget(Pair p) {
            portsPerTarget.merge(p.target(), -1, (a, b) -> a + b == 0 ? null : a + b);
            targetsPerPort.merge(p.port(), -1, (a, b) -> a + b == 0 ? null : a + b);
        }

        /** The first target (in order of touch) reached on {@code port}. */
        String firstTargetOn(int port) {
            for (Pair p : pairs.keySet()) {
                if (p.port() == port) {
                    return p.target();
                }
            }
            return null;
        }
    }

    /** One company's sources (least recently heard first) and the scans told, with their event-day. */
    private static final class Company {
        final LinkedHashMap<String, Source> sources = new LinkedHashMap<>(16, 0.75f, true);
        final LinkedHashMap<String, Long> told = new LinkedHashMap<>();
        long now = Long.MIN_VALUE;
        /** When all sources and the told scans are looked at again: once per event-minute, not per event. */
        long nextSweep = Long.MIN_VALUE;
        /** This company's part of the snapshot after its time, while its sources and told scans did not change. */
        byte[] written;
    }

    public ScanDetector() {
        this(DEFAULT_WINDOW, DEFAULT_INTERNET_WINDOW, DEFAULT_MIN_PORTS, DEFAULT_MIN_HOSTS, DEFAULT_MAX_SOURCES);
    }

    /**
     * @param window         how long a scan inside the LAN may take to reach the thresholds
     * @param internetWindow how long a scan from the Internet may take to reach them
     * @param minPorts   distinct ports of one target that make a vertical scan
     * @param minHosts   distinct hosts on one port that make a horizontal scan
     * @param maxSources sources followed per company (the longest quiet dropped first)
     */
    public ScanDetector(Duration window, Duration internetWindow, int minPorts, int minHosts, int maxSources) {
        if (window.isNegative() || window.isZero() || internetWindow.isNegative() || internetWindow.isZero() || minPorts < 2 || minHosts < 2 || maxSources < 1
                || Math.max(minPorts, minHosts) > MAX_PAIRS_PER_SOURCE) {
            throw new IllegalArgumentException("window must be positive, thresholds 2–" + MAX_PAIRS_PER_SOURCE
                    + ", sources at least 1");
        }
        this.windowMillis = window.toMillis();
        this.internetWindowMillis = internetWindow.toMillis();
        this.minPorts = minPorts;
        this.minHosts = minHosts;
        this.maxSources = maxSources;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(SecurityEvent event, DetectionSink sink) {
        if (event.tenant() == null || !isConnection(event)) {
            return;
        }
        String src = event.get(Ecs.SOURCE_IP);
        String dst = event.get(Ecs.DESTINATION_IP);
        int port = port(event.get(Ecs.DESTINATION_PORT));
        if (src == null || dst == null || port < 0 || src.equals(dst)) {
            return;
        }
        int srcPort = port(event.get(Ecs.SOURCE_PORT));
        if (srcPort >= 0 && srcPort < 1024 && port >= 1024) {
            return; // a server's answer, oriented the wrong way round
        }
        boolean lan = isLan(src);
        if (lan ? !isLan(dst) : !refused(event)) {
            return;
        }
        src = src.toLowerCase(Locale.ROOT);
        dst = dst.toLowerCase(Locale.ROOT);
        long at = event.timestampMillis();
        Company c = companies.computeIfAbsent(event.tenant(), t -> new Company());
        last = null;
        if (at > c.now) {
            c.now = at;
            sweep(c);
        } else if (at < c.now - (lan ? windowMillis : internetWindowMillis)) {
            return; // older than the window: too late to belong to a scan still being watched
        }
        c.written = null;
        Source s = c.sources.get(src);
        if (s != null) {
            // The others wait for the sweep; this one is counted now, so its window is exact.
            s.expire(c.now - (s.lan ? windowMillis : internetWindowMillis));
        } else {
            s = new Source();
            s.lan = lan;
            c.sources.put(src, s);
            if (c.sources.size() > maxSources) {
                expire(c); // sources whose window ended go first, as if swept on every event
                c.sources.put(src, s); // swept with the rest, being still empty
            }
            if (c.sources.size() > maxSources) {
                Iterator<String> eldest = c.sources.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        s.touch(new Pair(dst, port), at);
        int ports = s.portsPerTarget.getOrDefault(dst, 0);
        if (ports >= minPorts) {
            tell(c, event, src, s, VERTICAL, dst, port, ports, sink);
        }
        int hosts = s.targetsPerPort.getOrDefault(port, 0);
        if (hosts >= minHosts) {
            tell(c, event, src, s, HORIZONTAL, dst, port, hosts, sink);
        }
    }

    private void tell(Company c, SecurityEvent event, String src, Source s, String kind, String dst, int port,
            int count, DetectionSink sink) {
        boolean vertical = kind.equals(VERTICAL);
        long day = Math.floorDiv(event.timestampMillis(), DAY);
        String key = src + '|' + kind + '|' + (vertical ? dst : Integer.toString(port));
        Long toldDay = c.told.get(key);
        if (toldDay != null && toldDay == day) {
            return;
        }
        c.told.remove(key);
        c.told.put(key, day);
        if (c.told.size() > MAX_TOLD) {
            long today = Math.floorDiv(c.now, DAY); // those of earlier days go first, as if swept on every event
            c.told.values().removeIf(d -> d < today);
        }
        if (c.told.size() > MAX_TOLD) {
            Iterator<String> eldest = c.told.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Map<String, String> ctx = new HashMap<>();
        String firstTarget = vertical ? dst : s.firstTargetOn(port);
        ctx.put("origin", s.lan ? "lan" : "internet");
        ctx.put("entity", s.lan ? src : firstTarget);
        if (!s.lan) {
            ctx.put("remote", src);
        }
        ctx.put("source", src);
        ctx.put("kind", vertical ? "vertical" : "horizontal");
        ctx.put("windowMinutes", Long.toString(Duration.ofMillis(s.lan ? windowMillis : internetWindowMillis).toMinutes()));
        String title;
        if (vertical) {
            ctx.put("target", dst);
            ctx.put("ports", Integer.toString(count));
            title = (s.lan ? "LAN host " : "Internet host ") + src + " tried " + count + " ports of " + dst
                    + " within " + ctx.get("windowMinutes") + " min";
        } else {
            ctx.put("port", Integer.toString(port));
            ctx.put("hosts", Integer.toString(count));
            title = (s.lan ? "LAN host " : "Internet host ") + src + " tried port " + port + " on " + count
                    + " hosts within " + ctx.get("windowMinutes") + " min";
        }
        sink.accept(new Detection(event.tenant(), event.device(), event.timestampMillis(), ID, kind, title,
                s.lan ? Severity.HIGH : Severity.LOW, Category.SCAN, event, ctx));
    }

    /**
     * {@link #expire} at most once per event-minute of the company: walking every source and told scan on every
     * event cost more than the detection itself. Counting stays exact (a source is expired when it is touched);
     * what waits up to a minute is only forgetting the others.
     */
    private void sweep(Company c) {
        if (c.now < c.nextSweep) {
            return;
        }
        c.nextSweep = (Math.floorDiv(c.now, MINUTE) + 1) * MINUTE;
        sweeps++;
        if (expire(c)) {
            c.written = null;
        }
    }

    /** Drops what left the window and the scans told on an earlier day; whether anything was dropped. */
    private boolean expire(Company c) {
        boolean changed = false;
        Iterator<Source> it = c.sources.values().iterator();
        while (it.hasNext()) {
            Source s = it.next();
            changed |= s.expire(c.now - (s.lan ? windowMillis : internetWindowMillis));
            if (s.pairs.isEmpty()) {
                it.remove();
                changed = true;
            }
        }
        long day = Math.floorDiv(c.now, DAY);
        return c.told.values().removeIf(d -> d < day) | changed;
    }

    @Override
    public void advance(long eventTimeMillis, DetectionSink sink) {
        for (Company c : companies.values()) {
            if (eventTimeMillis > c.now) {
                c.now = eventTimeMillis;
                sweep(c);
                last = null;
            }
        }
        if (companies.values().removeIf(c -> c.sources.isEmpty() && c.told.isEmpty())) {
            last = null;
        }
    }

    /** A connection record: Zeek conn, Suricata flow, a firewall's traffic log, a Sysmon network connection. */
    static boolean isConnection(SecurityEvent e) {
        String dataset = e.get(Ecs.EVENT_DATASET);
        return switch (e.format()) {
            case "zeek" -> "zeek.conn".equals(dataset);
            case "suricata-eve" -> dataset != null && dataset.endsWith("flow") && !dataset.endsWith("netflow");
            default -> "network".equals(e.get(Ecs.EVENT_CATEGORY));
        };
    }

    /**
     * Not answered: refused, dropped or never completed. A Zeek flow counts when its state says so (S0, REJ, the
     * resets, SH/SHR) and data did not flow both ways; OTH (no handshake seen: picked up mid-stream) does not.
     */
    static boolean refused(SecurityEvent e) {
        String state = e.original("conn_state");
        if (state != null) {
            boolean unanswered = switch (state) {
                case "S0", "REJ", "RSTO", "RSTOS0", "RSTR", "RSTRH", "SH", "SHR" -> true;
                default -> false;
            };
            return unanswered && !(positive(e.get(Ecs.SOURCE_BYTES)) && positive(e.get(Ecs.DESTINATION_BYTES)));
        }
        String flowState = e.original("flow.state");
        if (flowState != null && flowState.equals("new")) {
            return true;
        }
        if ("failure".equals(e.get(Ecs.EVENT_OUTCOME))) {
            return true;
        }
        String action = e.get(Ecs.EVENT_ACTION);
        if (action == null) {
            return false;
        }
        String a = action.toLowerCase(Locale.ROOT);
        return a.startsWith("deny") || a.startsWith("drop") || a.startsWith("block") || a.startsWith("reject")
                || a.equals("denied") || a.equals("dropped") || a.equals("blocked") || a.equals("rejected")
                || a.equals("server-rst") || a.equals("client-rst") || a.equals("timeout");
    }

    private static boolean positive(String bytes) {
        return bytes != null && !bytes.isEmpty() && !bytes.equals("0");
    }

    private static int port(String v) {
        if (v == null || v.isEmpty() || v.length() > 5) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n <= 65_535 ? n : -1;
    }

    /**
     * Whether an address is inside a LAN: IPv4 10/8, 172.16/12, 192.168/16, loopback, link-local; IPv6 unique
     * local (fc00::/7), link-local (fe80::/10), loopback. Documentation and shared (CGNAT) ranges are not.
     */
    static boolean isLan(String ip) {
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        if (ip.indexOf(':') >= 0) {
            String v = ip.toLowerCase(Locale.ROOT);
            return v.startsWith("fc") || v.startsWith("fd") || v.startsWith("fe8") || v.startsWith("fe9")
                    || v.startsWith("fea") || v.startsWith("feb") || v.equals("::1");
        }
        int dot = ip.indexOf('.');
        if (dot < 1) {
            return false;
        }
        int first = port(ip.substring(0, dot));
        int dot2 = ip.indexOf('.', dot + 1);
        int second = dot2 < 0 ? -1 : port(ip.substring(dot + 1, dot2));
        return first == 10 || first == 127 || first == 192 && second == 168 || first == 172 && second >= 16
                && second <= 31 || first == 169 && second == 254;
    }

    /**
     * Magic, {@value #FORMAT_VERSION}, the windows, then per company (ordered by id): its time, its sources in order
     * (LAN flag, pairs in order with their time) and the scans told with their day. The same array while nothing
     * changed.
     */
    @Override
    public byte[] snapshot() {
        if (last != null) {
            return last;
        }
        byte[] head = DetectorState.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeLong(windowMillis);
            out.writeLong(internetWindowMillis);
        });
        last = assemble(head, companies, c -> c.now, c -> c.written != null ? c.written
                : (c.written = StateIo.bytes(o -> {
                encodedCompanies++;
                o.writeInt(c.sources.size());
                for (Map.Entry<String, Source> se : c.sources.entrySet()) {
                    Source s = se.getValue();
                    if (s.written == null) {
                        s.written = StateIo.bytes(so -> {
                            so.writeUTF(se.getKey());
                            so.writeBoolean(s.lan);
                            so.writeInt(s.pairs.size());
                            for (Map.Entry<Pair, Long> pe : s.pairs.entrySet()) {
                                so.writeUTF(pe.getKey().target());
                                so.writeShort(pe.getKey().port());
                                so.writeLong(pe.getValue());
                            }
                        });
                    }
                    o.write(s.written);
                }
                writeTold(o, c.told);
            })));
        return last;
    }

    /**
     * Takes back what {@link #snapshot()} wrote ({@code null}: nothing yet).
     *
     * @throws IllegalArgumentException when it is not a scan state of this version, was written with another window,
     *                                  or is damaged; the detector then keeps what it had
     */
    @Override
    public void restore(byte[] state) {
        Map<TenantId, Company> read = state == null ? Map.of()
                : DetectorState.read(state, "Scan state", MAGIC, FORMAT_VERSION, in -> {
                    if (in.readLong() != windowMillis || in.readLong() != internetWindowMillis) {
                        throw new IOException("written with another window");
                    }
                    return readCompanies(in, i -> {
                        Company c = new Company();
                        c.now = i.readLong();
                        int sources = DetectorState.count(i);
                        if (sources > maxSources) {
                            throw new IOException("too many sources: " + sources);
                        }
                        for (int j = 0; j < sources; j++) {
                            String src = i.readUTF();
                            Source s = new Source();
                            s.lan = i.readBoolean();
                            int pairs = DetectorState.count(i);
                            if (pairs > MAX_PAIRS_PER_SOURCE) {
                                throw new IOException("too many pairs: " + pairs);
                            }
                            for (int k = 0; k < pairs; k++) {
                                s.touch(new Pair(i.readUTF(), i.readUnsignedShort()), i.readLong());
                            }
                            c.sources.put(src, s);
                        }
                        c.told.putAll(readTold(i, MAX_TOLD));
                        return c;
                    });
                });
        companies.clear();
        companies.putAll(read);
        last = null;
    }

    /** Reads one company's own state back. */
    @FunctionalInterface
    interface CompanyStateReader<C> {
        C read(DataInputStream in) throws IOException;
    }

    /**
     * The whole state from its head (magic, version, settings) and the companies ordered by id, each its id, its
     * time, then its own part ({@code rest}, which a detector keeps while the company does not change): the same
     * state gives the same bytes, and a snapshot costs one copy instead of encoding every company again.
     */
    static <C> byte[] assemble(byte[] head, Map<TenantId, C> companies, ToLongFunction<C> now,
            Function<C, byte[]> rest) {
        TreeMap<UUID, C> ordered = new TreeMap<>();
        companies.forEach((id, c) -> ordered.put(id.value(), c));
        List<byte[]> parts = new ArrayList<>(ordered.size());
        int size = head.length + 4;
        for (C c : ordered.values()) {
            byte[] part = rest.apply(c);
            parts.add(part);
            size = Math.addExact(size, 16 + 8 + part.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(head).putInt(ordered.size()); // big-endian, as DataInput
        int i = 0;
        for (Map.Entry<UUID, C> e : ordered.entrySet()) {
            out.putLong(e.getKey().getMostSignificantBits()).putLong(e.getKey().getLeastSignificantBits())
                    .putLong(now.applyAsLong(e.getValue())).put(parts.get(i++));
        }
        return out.array();
    }

    static <C> Map<TenantId, C> readCompanies(DataInputStream in, CompanyStateReader<C> body) throws IOException {
        Map<TenantId, C> out = new HashMap<>();
        int n = DetectorState.count(in);
        for (int i = 0; i < n; i++) {
            TenantId id = new TenantId(new UUID(in.readLong(), in.readLong()));
            out.put(id, body.read(in));
        }
        return out;
    }

    /** The scans (or guesses) told, with their event-day, in the order told. */
    static void writeTold(DataOutputStream out, LinkedHashMap<String, Long> told) throws IOException {
        out.writeInt(told.size());
        for (Map.Entry<String, Long> t : told.entrySet()) {
            out.writeUTF(t.getKey());
            out.writeLong(t.getValue());
        }
    }

    static LinkedHashMap<String, Long> readTold(DataInputStream in, int max) throws IOException {
        int n = DetectorState.count(in);
        if (n > max) {
            throw new IOException("too many told: " + n);
        }
        LinkedHashMap<String, Long> told = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            told.put(in.readUTF(), in.readLong());
        }
        return told;
    }
}
