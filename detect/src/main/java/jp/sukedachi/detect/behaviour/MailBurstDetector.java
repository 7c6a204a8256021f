package jp.sukedachi.detect.behaviour;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Mail bursts: a LAN host suddenly sending mail to many Internet mail servers or recipients, or an unusual number
 * of mail connections, as a hijacked PC does when malware mails the company's partners. Mail is any connection
 * from a private to a public address on port 25, 465 or 587 (or that a sensor names SMTP); Suricata's
 * {@code smtp} events add their recipients. The same connection logged by two sensors within two seconds counts
 * once.
 *
 * <p><b>The judgement, and its trade-off.</b> Per host, over the last {@code window} (30 minutes): the distinct
 * servers and recipients, and the connections. A burst is at least {@code minDistinct} distinct destinations or
 * {@code minConnections} connections, AND a level at least {@code factor} times the host's own highest level on
 * the previous {@value #BASELINE_DAYS} event days (a host with no history has baseline zero: a PC that never
 * mailed the Internet directly and now mails twenty servers is exactly the case). The company's own mail server
 * relays to many servers every day; its baseline carries it, and a host seen <em>receiving</em> mail (a
 * destination on a mail port) is treated as a mail server that is not judged before it has a day of history, so
 * starting to watch a busy relay does not raise an alarm. The price: a mail server's very first day is not
 * judged, and a host whose bursts are its daily habit is never told (its baseline is high), which is the point.
 * A burst that was told is not learned into the baseline (nor is the rest of that day).
 *
 * <p>Told as {@code mail-burst}/{@value #RULE} (category MAIL_BURST, HIGH, entity the sending host, {@code remote}
 * a few of the servers) once when a burst starts and again at most once per event day while it lasts; a burst
 * ends when the level falls below half the thresholds.
 *
 * <p><b>Bounded.</b> At most {@code maxHostsPerCompany} hosts per company (least recently active forgotten
 * first), {@value #ENTRIES_PER_HOST} recent connections and recipients per host (the oldest dropped first),
 * {@value #MAIL_SERVERS_PER_COMPANY} known mail servers per company; hosts silent for {@value #BASELINE_DAYS} days
 * are forgotten by {@link #advance}. {@link #snapshot()} returns the same array while nothing changed.
 */
public final class MailBurstDetector implements Detector {
    public static final String ID = "mail-burst";
    public static final String RULE = "smtp-burst";
    public static final int FORMAT_VERSION = 1;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    public static final int DEFAULT_MIN_DISTINCT = 20;
    public static final int DEFAULT_MIN_CONNECTIONS = 40;
    public static final double DEFAULT_FACTOR = 4.0;
    public static final int DEFAULT_MAX_HOSTS_PER_COMPANY = 2_000;

    static final int ENTRIES_PER_HOST = 1_000;
    static final int MAIL_SERVERS_PER_COMPANY = 64;
    static final int BASELINE_DAYS = 14;
    static final long SAME_CONNECTION_MILLIS = 2_000;
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** "MLBS". */
    private static final int MAGIC = 0x4d4c4253;

    /** A connection to a server or a recipient named on one. */
    private record Sent(long at, String key, boolean connection) {
    }

    private static final class Host {
        final List<Sent> recent = new ArrayList<>();
        /** Highest level per event day (day → level), the last {@value #BASELINE_DAYS} days. */
        final TreeMap<Long, Integer> days = new TreeMap<>();
        String name;
        boolean bursting;
        long toldDay = Long.MIN_VALUE;
        long lastSeen = Long.MIN_VALUE;
    }

    private final class Company {
        final LinkedHashMap<String, Host> hosts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Host> eldest) {
                return size() > maxHosts;
            }
        };
        final LinkedHashSet<String> mailServers = new LinkedHashSet<>();
        /** This company's part of the snapshot while it did not change. */
        byte[] written;
    }

    private final long windowMillis;
    private final int minDistinct;
    private final int minConnections;
    private final double factor;
    private final int maxHosts;
    private final Map<UUID, Company> companies = new TreeMap<>();
    private long nextSweep = Long.MIN_VALUE;
    private byte[] last;

    /** 30 minutes, 20 distinct servers or recipients or 40 connections, four times the host's baseline. */
    public MailBurstDetector() {
        this(DEFAULT_WINDOW, DEFAULT_MIN_DISTINCT, DEFAULT_MIN_CONNECTIONS, DEFAULT_FACTOR,
                DEFAULT_MAX_HOSTS_PER_COMPANY);
    }

    /**
     * @param window             how far back a host's mail is counted
     * @param minDistinct        distinct servers and recipients within the window that make a burst
     * @param minConnections     mail connections within the window that make a burst
     * @param factor             how far above the host's own highest level of the previous days a burst must be
     * @param maxHostsPerCompany hosts kept per company; the least recently active is forgotten first
     */
    public MailBurstDetector(Duration window, int minDistinct, int minConnections, double factor,
            int maxHostsPerCompany) {
        if (window.toMillis() < 60_000 || minDistinct < 2 || minConnections < 2 || !(factor >= 1)
                || maxHostsPerCompany < 1) {
            throw new IllegalArgumentException("window ≥ 1 min, thresholds ≥ 2, factor ≥ 1, hosts ≥ 1");
        }
        this.windowMillis = window.toMillis();
        this.minDistinct = minDistinct;
        this.minConnections = minConnections;
        this.factor = factor;
        this.maxHosts = maxHostsPerCompany;
    }

    @Override
    public String id() {
        return ID;
    }

    static boolean isMail(SecurityEvent e) {
        int port = Connections.port(e.get(Ecs.DESTINATION_PORT));
        if (port == 25 || port == 465 || port == 587 || "smtp".equals(e.get(Ecs.NETWORK_PROTOCOL))) {
            return true;
        }
        String service = e.original("service");
        return "SMTP".equalsIgnoreCase(service) || "SMTPS".equalsIgnoreCase(service);
    }

    @Override
    public void detect(SecurityEvent event, DetectionSink sink) {
        if (event.tenant() == null || !Connections.isConnection(event) || !isMail(event)) {
            return;
        }
        String src = event.get(Ecs.SOURCE_IP);
        String dst = event.get(Ecs.DESTINATION_IP);
        byte[] dstAddress = Addresses.parse(dst);
        if (Addresses.isPrivate(dstAddress)) {
            Company c = company(event.tenant());
            if (c.mailServers.remove(dst) || c.mailServers.size() < MAIL_SERVERS_PER_COMPANY) {
                c.mailServers.add(dst);
                c.written = null;
                last = null;
            }
            return;
        }
        if (!Addresses.isPrivate(Addresses.parse(src)) || !Addresses.isPublic(dstAddress)) {
            return;
        }
        Company c = company(event.tenant());
        c.written = null;
        last = null;
        Host h = c.hosts.computeIfAbsent(src, k -> new Host());
        long t = event.timestampMillis();
        h.lastSeen = Math.max(h.lastSeen, t);
        if (Connections.fromEndpoint(event) && event.get(Ecs.HOST_NAME) != null) {
            h.name = event.get(Ecs.HOST_NAME);
        }
        if (!add(h, t, dst, event.get(Ecs.EMAIL_TO_ADDRESS))) {
            return;
        }
        judge(event, src, c, h, sink);
    }

    /** Adds the connection (unless a sensor already logged it) and its recipients; false when nothing is new. */
    private boolean add(Host h, long t, String server, String recipients) {
        List<Sent> r = h.recent;
        boolean changed = false;
        boolean same = false;
        for (int i = r.size() - 1; i >= 0 && r.get(i).at() >= t - SAME_CONNECTION_MILLIS; i--) {
            Sent s = r.get(i);
            same |= s.connection() && s.key().equals(server) && s.at() <= t + SAME_CONNECTION_MILLIS;
        }
        if (!same) {
            insert(r, new Sent(t, server, true));
            changed = true;
        }
        if (recipients != null) {
            for (String to : recipients.split(",")) {
                String a = to.trim().toLowerCase(Locale.ROOT);
                if (!a.isEmpty()) {
                    insert(r, new Sent(t, a, false));
                    changed = true;
                }
            }
        }
        long newest = r.isEmpty() ? t : r.getLast().at();
        int drop = 0;
        while (drop < r.size() && (r.get(drop).at() <= newest - windowMillis || r.size() - drop > ENTRIES_PER_HOST)) {
            drop++;
        }
        r.subList(0, drop).clear();
        return changed;
    }

    private static void insert(List<Sent> r, Sent s) {
        int at = r.size();
        while (at > 0 && r.get(at - 1).at() > s.at()) {
            at--;
        }
        r.add(at, s);
    }

    private void judge(SecurityEvent event, String src, Company c, Host h, DetectionSink sink) {
        Set<String> distinct = new HashSet<>();
        Set<String> servers = new LinkedHashSet<>();
        int connections = 0;
        int recipients = 0;
        for (Sent s : h.recent) {
            if (distinct.add(s.key())) {
                if (s.connection()) {
                    servers.add(s.key());
                } else {
                    recipients++;
                }
            }
            if (s.connection()) {
                connections++;
            }
        }
        // Both measures on the scale of minDistinct, so one number can be compared with the days before.
        double level = Math.max(distinct.size(), connections * (double) minDistinct / minConnections);
        long t = event.timestampMillis();
        long day = Math.floorDiv(t, DAY);
        h.days.headMap(day - BASELINE_DAYS, true).clear();
        int baseline = 0;
        for (Map.Entry<Long, Integer> d : h.days.headMap(day, false).entrySet()) {
            baseline = Math.max(baseline, d.getValue());
        }
        boolean warmingUp = c.mailServers.contains(src) && h.days.headMap(day, false).isEmpty();
        boolean burst = level >= minDistinct && level >= factor * baseline && !warmingUp;
        if (!burst) {
            if (level < minDistinct / 2.0) {
                h.bursting = false;
            }
            if (!h.bursting) {
                h.days.merge(day, (int) Math.ceil(level), Math::max);
            }
            return;
        }
        boolean tell = !h.bursting || day > h.toldDay;
        h.bursting = true;
        if (!tell) {
            return;
        }
        h.toldDay = day;
        h.days.remove(day); // the ramp up to this burst is not the host's habit
        String entity = h.name != null ? h.name : src;
        List<String> some = servers.stream().limit(3).toList();
        // Not "remote": the servers change from day to day, and triage would key each day's burst apart.
        String named = String.join(", ", some) + (servers.size() > some.size() ? " …" : "");
        long minutes = windowMillis / 60_000;
        String title = entity + " sent mail to " + servers.size() + " servers" + (recipients > 0 ? " and "
                + recipients + " recipients" : "") + " in " + connections + " connections within " + minutes
                + " min (its usual highest: " + baseline + ")";
        Map<String, String> context = new HashMap<>();
        context.put("entity", entity);
        context.put("host.ip", src);
        context.put("servers", named);
        context.put("serverCount", Integer.toString(servers.size()));
        context.put("recipients", Integer.toString(recipients));
        context.put("connections", Integer.toString(connections));
        context.put("windowMinutes", Long.toString(minutes));
        context.put("baseline", Integer.toString(baseline));
        sink.accept(new Detection(event.tenant(), event.device(), t, ID, RULE, title, Severity.HIGH,
                Category.MAIL_BURST, event, context));
    }

    private Company company(TenantId tenant) {
        return companies.computeIfAbsent(tenant.value(), k -> new Company());
    }

    /** Forgets hosts silent for {@value #BASELINE_DAYS} days (looked at once an hour of event time). */
    @Override
    public void advance(long eventTimeMillis, DetectionSink sink) {
        if (eventTimeMillis < nextSweep) {
            return;
        }
        nextSweep = eventTimeMillis + HOUR;
        last = null;
        for (Company c : companies.values()) {
            if (c.hosts.values().removeIf(h -> h.lastSeen < eventTimeMillis - BASELINE_DAYS * DAY)) {
                c.written = null;
            }
        }
        companies.values().removeIf(c -> c.hosts.isEmpty() && c.mailServers.isEmpty());
    }

    /**
     * Magic, {@value #FORMAT_VERSION}, the next sweep, then per company (by id) its mail servers and its hosts from
     * least to most recently active: name, burst flags, daily levels and the recent connections and recipients.
     */
    @Override
    public byte[] snapshot() {
        if (last != null) {
            return last;
        }
        last = StateIo.write(MAGIC, FORMAT_VERSION, nextSweep, companies,
                c -> c.written != null ? c.written : (c.written = StateIo.bytes(out -> writeCompany(out, c))));
        return last;
    }

    private static void writeCompany(DataOutputStream out, Company c) throws IOException {
        out.writeInt(c.mailServers.size());
        for (String s : c.mailServers) {
            out.writeUTF(s);
        }
        out.writeInt(c.hosts.size());
        for (Map.Entry<String, Host> he : c.hosts.entrySet()) {
            Host h = he.getValue();
            out.writeUTF(he.getKey());
            StateIo.writeNullable(out, h.name);
            out.writeBoolean(h.bursting);
            out.writeLong(h.toldDay);
            out.writeLong(h.lastSeen);
            out.writeInt(h.days.size());
            for (Map.Entry<Long, Integer> d : h.days.entrySet()) {
                out.writeLong(d.getKey());
                out.writeInt(d.getValue());
            }
            out.writeInt(h.recent.size());
            long prev = 0;
            for (int i = 0; i < h.recent.size(); i++) {
                Sent s = h.recent.get(i);
                if (i == 0) {
                    out.writeLong(s.at());
                } else {
                    StateIo.writeVarLong(out, s.at() - prev);
                }
                prev = s.at();
                out.writeUTF(s.key());
                out.writeBoolean(s.connection());
            }
        }
    }

    /**
     * Takes back what {@link #snapshot()} wrote ({@code null}: nothing seen yet).
     *
     * @throws IllegalArgumentException when it is not a mail-burst state of this version or is damaged; the
     *                                  detector then keeps what it had
     */
    @Override
    public void restore(byte[] state) {
        Map<UUID, Company> read = new TreeMap<>();
        long sweep = state == null ? Long.MIN_VALUE
                : StateIo.read(state, "Mail-burst state", MAGIC, FORMAT_VERSION, read, this::readCompany);
        companies.clear();
        companies.putAll(read);
        nextSweep = sweep;
        last = null;
    }

    private Company readCompany(DataInputStream in) throws IOException {
        Company c = new Company();
        int ns = StateIo.count(in, MAIL_SERVERS_PER_COMPANY);
        for (int j = 0; j < ns; j++) {
            c.mailServers.add(in.readUTF());
        }
        int nh = DetectorState.count(in);
        for (int j = 0; j < nh; j++) {
            String ip = in.readUTF();
            Host h = new Host();
            h.name = StateIo.readNullable(in);
            h.bursting = in.readBoolean();
            h.toldDay = in.readLong();
            h.lastSeen = in.readLong();
            int nd = StateIo.count(in, 64);
            for (int k = 0; k < nd; k++) {
                h.days.put(in.readLong(), in.readInt());
            }
            int nr = StateIo.count(in, ENTRIES_PER_HOST + 64);
            long at = 0;
            for (int k = 0; k < nr; k++) {
                at = k == 0 ? in.readLong() : at + StateIo.readVarLong(in);
                h.recent.add(new Sent(at, in.readUTF(), in.readBoolean()));
            }
            c.hosts.put(ip, h);
        }
        return c;
    }
}
