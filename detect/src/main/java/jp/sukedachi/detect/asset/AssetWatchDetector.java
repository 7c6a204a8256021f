package jp.sukedachi.detect.asset;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorState;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/**
 * {@code asset-watch}: learns each company's devices from {@link HostObservations} and tells two things.
 * <ul>
 * <li><b>A device never seen before joins the LAN</b> ({@link Category#UNKNOWN_DEVICE}, rule {@value #RULE_NEW},
 * MEDIUM), once per device, but only after the company's learning period: {@code learning} of event time from the
 * company's first observation (7 days by default), in which every device is learnt silently. A device is its MAC;
 * an observation without a MAC is a known device when its address is known: every address seen in the last
 * {@value #EXPIRY_DAYS} days is remembered with the device last seen at it, also after that device moved on (a
 * DHCP move leaves its old address known). An address first seen without a MAC and then with one is the same
 * device (its MAC is learnt, nothing is told); a known MAC seen at an address that so far was a device of its own
 * absorbs that device. Only a new MAC or a new <em>IPv4</em> address without a MAC is told: an IPv6 address
 * without a MAC (unique-local privacy addresses change daily) is learnt, never told. Link-local addresses
 * (169.254/16, fe80::/10) name no device and are ignored ({@link HostObservation}).
 * <li><b>A host runs an end-of-life OS</b> ({@link EndOfLife}: Windows XP, Vista, 7, Server 2003/2008, SMBv1 …;
 * {@link Category#OUTDATED_OS}, rule {@value #RULE_EOL}, MEDIUM), also during learning, at most once per host per
 * event day (Japan time) while it is seen.
 * </ul>
 * The alert's {@code entity} is the device's MAC, or its address when no MAC is known; the context names the
 * address, MAC, host name, device type and OS when known. A device the company marked as its own
 * ({@link HostMarks}) is never told about.
 *
 * <p>State per company: when its learning began, per device its MAC, address, end-of-life OS, the day that was
 * told and the event day it was last seen, and per address the device last seen at it and that day. A device or
 * address not seen for {@value #EXPIRY_DAYS} days of event time is forgotten (checked at a company's first
 * observation of each event day): a device back after that is new again and told (after learning) like any
 * stranger. At most {@value #MAX_HOSTS} devices per company and twice as many addresses: beyond that a new device
 * or address is neither learnt nor told (an office of that size is not this service's customer; the number
 * dropped is counted). Snapshot/restore through {@link DetectorState}; the same array while nothing changed.
 * Event time only.
 */
public final class AssetWatchDetector implements Detector {
    public static final String ID = "asset-watch";
    public static final String RULE_NEW = "new-device";
    public static final String RULE_EOL = "outdated-os";
    public static final Duration DEFAULT_LEARNING = Duration.ofDays(7);
    public static final int MAX_HOSTS = 10_000;
    /** Days of event time after which a device or address not seen is forgotten. */
    public static final int EXPIRY_DAYS = 90;
    public static final int FORMAT_VERSION = 2;
    /** "ASST". */
    private static final int MAGIC = 0x41535354;
    private static final long DAY = 86_400_000L;
    private static final long JST = 9 * 3_600_000L;

    /** What the company said about its devices. */
    @FunctionalInterface
    public interface HostMarks {
        /** Whether the company marked the device with this MAC or (no MAC) address as its own. */
        boolean ours(TenantId tenant, String mac, String ip);

        HostMarks NONE = (t, m, i) -> false;
    }

    private static final class Host {
        String mac;
        String ip;
        String eolOs;
        long eolDayTold = Long.MIN_VALUE;
        long seenDay;

        Host(String mac, String ip) {
            this.mac = mac;
            this.ip = ip;
        }

        String key() {
            return mac != null ? mac : "ip:" + ip;
        }
    }

    /** An address and the device last seen at it. */
    private static final class Addr {
        Host host;
        long seenDay;

        Addr(Host host, long seenDay) {
            this.host = host;
            this.seenDay = seenDay;
        }
    }

    private static final class Company {
        final long learningFrom;
        /** By {@link Host#key()}. */
        final Map<String, Host> hosts = new LinkedHashMap<>();
        /** Address → the device last seen with it. */
        final Map<String, Addr> byIp = new HashMap<>();
        long dropped;
        /** The event day expired devices were last forgotten (not kept: sweeping again the same day forgets nothing). */
        long sweptDay = Long.MIN_VALUE;

        Company(long learningFrom) {
            this.learningFrom = learningFrom;
        }

        Host atIp(String ip) {
            Addr a = ip == null ? null : byIp.get(ip);
            return a == null ? null : a.host;
        }
    }

    private final long learningMillis;
    private final int maxHosts;
    private final HostMarks marks;
    private final Map<TenantId, Company> companies = new HashMap<>();
    private byte[] last;

    public AssetWatchDetector() {
        this(DEFAULT_LEARNING, MAX_HOSTS, HostMarks.NONE);
    }

    /**
     * @param learning how long after a company's first observation devices are learnt silently
     * @param maxHosts devices kept per company
     * @param marks    the devices companies marked as theirs (never told about)
     */
    public AssetWatchDetector(Duration learning, int maxHosts, HostMarks marks) {
        this.learningMillis = learning.toMillis();
        this.maxHosts = maxHosts;
        this.marks = marks;
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
        for (HostObservation o : HostObservations.from(event)) {
            observe(event, o, sink);
        }
    }

    private void observe(SecurityEvent event, HostObservation o, DetectionSink sink) {
        Company c = companies.get(o.tenant());
        if (c == null) {
            c = new Company(o.timeMillis());
            companies.put(o.tenant(), c);
            last = null;
        }
        long day = Math.floorDiv(o.timeMillis() + JST, DAY);
        if (day > c.sweptDay) {
            sweep(c, day);
        }
        Host h = find(c, o);
        boolean isNew = false;
        if (h == null) {
            if (c.hosts.size() >= maxHosts) {
                c.dropped++;
                return;
            }
            h = new Host(o.mac(), o.ip());
            h.seenDay = day;
            c.hosts.put(h.key(), h);
            isNew = true;
            last = null;
        } else {
            if (h.mac == null && o.mac() != null) {
                c.hosts.remove(h.key());
                h.mac = o.mac();
                c.hosts.put(h.key(), h);
                last = null;
            }
            if (o.ip() != null && !o.ip().equals(h.ip)) {
                h.ip = o.ip();
                last = null;
            }
            if (h.seenDay != day) {
                h.seenDay = day;
                last = null;
            }
        }
        if (o.ip() != null) {
            at(c, o.ip(), h, day);
        }
        if (o.endOfLife() && !o.osGuess().equals(h.eolOs)) {
            h.eolOs = o.osGuess();
            last = null;
        }
        boolean learning = o.timeMillis() < c.learningFrom + learningMillis;
        boolean tellable = h.mac != null || LanAddress.isIpv4(h.ip);
        if (isNew && tellable && !learning && !marks.ours(o.tenant(), h.mac, h.ip)) {
            sink.accept(detection(event, o, h, RULE_NEW));
        }
        if (h.eolOs != null && day > h.eolDayTold && !marks.ours(o.tenant(), h.mac, h.ip)) {
            h.eolDayTold = day;
            last = null;
            sink.accept(detection(event, o, h, RULE_EOL));
        }
    }

    /** The address is now {@code h}'s; a device of its own there without a MAC is folded into {@code h}. */
    private void at(Company c, String ip, Host h, long day) {
        Addr a = c.byIp.get(ip);
        if (a == null) {
            if (c.byIp.size() >= 2L * maxHosts) {
                c.dropped++;
                return;
            }
            c.byIp.put(ip, new Addr(h, day));
            last = null;
            return;
        }
        if (a.host != h) {
            Host old = a.host;
            if (old.mac == null && h.mac != null && c.hosts.get(old.key()) == old) {
                c.hosts.remove(old.key());
                c.byIp.values().forEach(x -> x.host = x.host == old ? h : x.host);
                if (h.eolOs == null) {
                    h.eolOs = old.eolOs;
                }
            }
            a.host = h;
            last = null;
        }
        if (a.seenDay != day) {
            a.seenDay = day;
            last = null;
        }
    }

    /** Forgets the devices and addresses not seen for {@value #EXPIRY_DAYS} days before {@code day}. */
    private void sweep(Company c, long day) {
        c.sweptDay = day;
        long oldest = day - EXPIRY_DAYS;
        if (c.hosts.values().removeIf(h -> h.seenDay < oldest)) {
            last = null;
        }
        if (c.byIp.values().removeIf(a -> a.seenDay < oldest || c.hosts.get(a.host.key()) != a.host)) {
            last = null;
        }
    }

    /** The known device of this observation: by MAC; else (no MAC) by address; an address alone never re-keys a MAC. */
    private static Host find(Company c, HostObservation o) {
        if (o.mac() != null) {
            Host h = c.hosts.get(o.mac());
            if (h != null) {
                return h;
            }
            Host byIp = c.atIp(o.ip());
            return byIp != null && byIp.mac == null ? byIp : null;
        }
        return c.atIp(o.ip());
    }

    private static Detection detection(SecurityEvent event, HostObservation o, Host h, String rule) {
        Map<String, String> context = new LinkedHashMap<>();
        String entity = h.mac != null ? h.mac : h.ip;
        context.put("entity", entity);
        if (h.mac != null) {
            context.put("mac", h.mac);
        }
        if (h.ip != null) {
            context.put("ip", h.ip);
        }
        if (o.hostname() != null) {
            context.put("hostname", o.hostname());
        }
        if (o.kind() != null) {
            context.put("devtype", o.kind());
        }
        String os = rule.equals(RULE_EOL) ? h.eolOs : o.osGuess();
        if (os != null) {
            context.put("os", os);
        }
        if (rule.equals(RULE_EOL) && o.osEvidence() != null && o.endOfLife()) {
            context.put("osEvidence", o.osEvidence());
        }
        context.put("source", o.source());
        String who = (o.hostname() != null ? o.hostname() + " " : "") + "(" + entity
                + (h.mac != null && h.ip != null ? ", " + h.ip : "") + ")";
        String title = rule.equals(RULE_NEW)
                ? "A device never seen before joined the LAN: " + who
                        + (o.kind() != null ? ", " + o.kind() : "") + (o.osGuess() != null ? ", " + o.osGuess() : "")
                : "A host runs an operating system without security fixes (" + h.eolOs + "): " + who;
        Category category = rule.equals(RULE_NEW) ? Category.UNKNOWN_DEVICE : Category.OUTDATED_OS;
        return new Detection(event.tenant(), event.device(), o.timeMillis(), ID, rule, title, Severity.MEDIUM, category,
                event, context);
    }

    /** Devices kept for a company (tests, figures). */
    public int hostCount(TenantId tenant) {
        Company c = companies.get(tenant);
        return c == null ? 0 : c.hosts.size();
    }

    /** New devices neither learnt nor told because the company's table was full. */
    public long dropped(TenantId tenant) {
        Company c = companies.get(tenant);
        return c == null ? 0 : c.dropped;
    }

    /**
     * Magic, {@value #FORMAT_VERSION}, then per company (ordered by id) when learning began, its devices in the
     * order learnt (MAC, address, end-of-life OS, the day told, the day last seen) and its addresses (ordered: the
     * address, its device's index, the day last seen). The dropped count is not kept.
     */
    @Override
    public byte[] snapshot() {
        if (last != null) {
            return last;
        }
        TreeMap<UUID, TenantId> ids = new TreeMap<>();
        companies.keySet().forEach(t -> ids.put(t.value(), t));
        last = DetectorState.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeInt(ids.size());
            for (TenantId t : ids.values()) {
                Company c = companies.get(t);
                out.writeLong(t.value().getMostSignificantBits());
                out.writeLong(t.value().getLeastSignificantBits());
                out.writeLong(c.learningFrom);
                out.writeInt(c.hosts.size());
                Map<Host, Integer> index = new HashMap<>();
                for (Host h : c.hosts.values()) {
                    index.put(h, index.size());
                    writeNullable(out, h.mac);
                    writeNullable(out, h.ip);
                    writeNullable(out, h.eolOs);
                    out.writeLong(h.eolDayTold);
                    out.writeLong(h.seenDay);
                }
                TreeMap<String, Addr> byIp = new TreeMap<>(c.byIp);
                out.writeInt(byIp.size());
                for (Map.Entry<String, Addr> e : byIp.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(index.get(e.getValue().host));
                    out.writeLong(e.getValue().seenDay);
                }
            }
        });
        return last;
    }

    @Override
    public void restore(byte[] state) {
        Map<TenantId, Company> read = new HashMap<>();
        if (state != null) {
            DetectorState.read(state, "Asset-watch state", MAGIC, FORMAT_VERSION, in -> {
                int n = DetectorState.count(in);
                for (int i = 0; i < n; i++) {
                    TenantId t = new TenantId(new UUID(in.readLong(), in.readLong()));
                    Company c = new Company(in.readLong());
                    int hosts = DetectorState.count(in);
                    java.util.List<Host> list = new java.util.ArrayList<>();
                    for (int k = 0; k < hosts; k++) {
                        Host h = new Host(readNullable(in), readNullable(in));
                        h.eolOs = readNullable(in);
                        h.eolDayTold = in.readLong();
                        h.seenDay = in.readLong();
                        if (h.mac == null && h.ip == null) {
                            throw new IOException("a device without MAC and address");
                        }
                        c.hosts.put(h.key(), h);
                        list.add(h);
                    }
                    int ips = DetectorState.count(in);
                    for (int k = 0; k < ips; k++) {
                        String ip = in.readUTF();
                        int at = in.readInt();
                        if (at < 0 || at >= list.size()) {
                            throw new IOException("bad device index " + at);
                        }
                        c.byIp.put(ip, new Addr(list.get(at), in.readLong()));
                    }
                    read.put(t, c);
                }
                return null;
            });
        }
        companies.clear();
        companies.putAll(read);
        last = null;
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
