package jp.sukedachi.detect.behaviour;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Password guessing: many failed logons within a window, per source and per account, and a success after them.
 *
 * <p><b>What counts.</b> Windows Security 4625 (failed) and 4771 (Kerberos pre-authentication failed), 4624
 * (success), 4776 (NTLM validation: {@code Status} 0x0 a success, anything else a failure); OpenSSH's
 * {@code Failed <method> for …} lines (the {@code Invalid user} and PAM lines of the same attempt are not counted
 * again) and {@code Accepted …}; Zeek {@code ssh.log} ({@code auth_attempts} with {@code auth_success}: a success
 * after n attempts is n−1 failures then the success); FortiGate admin and SSL-VPN logins (the client address from
 * {@code ui=https(…)} or {@code remip=}); any other event with event.category authentication and an outcome.
 *
 * <p><b>Told.</b> {@code minFailures} failures within the window from one source or against one account:
 * {@code password-guessing}, LOW with {@code origin=internet} when the source has a public address (triage counts
 * those), MEDIUM with {@code origin=lan} otherwise. A success from that source or for that account while the
 * failures are within the window: {@code password-guessed}, HIGH, {@code succeeded=true} ("a guessed password
 * worked"). Each is told once per source or account and event-day (UTC). {@code entity} is the targeted
 * {@code account@host} (or the host, or the account), {@code remote} the source.
 *
 * <p><b>Bounded.</b> Per company at most {@code maxTracks} sources and accounts are followed (the longest quiet
 * dropped first), each keeping only its last {@code minFailures} failure times, and at most
 * {@link ScanDetector#MAX_TOLD} told keys per day. Time is the events' own.
 */
public final class BruteForceDetector implements Detector {
    public static final String ID = "brute-force";
    public static final String GUESSING = "password-guessing";
    public static final String GUESSED = "password-guessed";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_MIN_FAILURES = 10;
    public static final int DEFAULT_MAX_TRACKS = 2048;
    public static final int FORMAT_VERSION = 1;
    /** "BRUT". */
    private static final int MAGIC = 0x42525554;
    private static final long DAY = 86_400_000L;
    private static final long MINUTE = 60_000L;
    /** Failures one record may stand for (Zeek's auth_attempts is the client's word). */
    private static final int MAX_FAILURES_PER_RECORD = 100;

    private final long windowMillis;
    private final int minFailures;
    private final int maxTracks;
    private final Map<TenantId, Company> companies = new HashMap<>();
    private byte[] last;
    /** Company parts encoded so far (read by tests: the work per snapshot). */
    long encodedCompanies;

    /** One logon record read: its outcome, how many failures it stands for, who, where and from where. */
    record Logon(boolean success, int failures, String account, String host, String source) {
    }

    /** One company's failure times per key ({@code s|source}, {@code a|account@host}) and the keys told today. */
    private static final class Company {
        final LinkedHashMap<String, ArrayDeque<Long>> tracks = new LinkedHashMap<>(16, 0.75f, true);
        final LinkedHashMap<String, Long> told = new LinkedHashMap<>();
        long now = Long.MIN_VALUE;
        /** When all tracks and told keys are looked at again: once per event-minute, not per event. */
        long nextSweep = Long.MIN_VALUE;
        /** This company's part of the snapshot after its time, while its tracks and told keys did not change. */
        byte[] written;
    }

    public BruteForceDetector() {
        this(DEFAULT_WINDOW, DEFAULT_MIN_FAILURES, DEFAULT_MAX_TRACKS);
    }

    /**
     * @param window      how long the guessing may take to reach the threshold
     * @param minFailures failures within the window that make guessing
     * @param maxTracks   sources and accounts followed per company (the longest quiet dropped first)
     */
    public BruteForceDetector(Duration window, int minFailures, int maxTracks) {
        if (window.isNegative() || window.isZero() || minFailures < 2 || minFailures > 10_000 || maxTracks < 1) {
            throw new IllegalArgumentException("window must be positive, failures 2–10000, tracks at least 1");
        }
        this.windowMillis = window.toMillis();
        this.minFailures = minFailures;
        this.maxTracks = maxTracks;
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
        Logon logon = logon(event);
        if (logon == null || logon.source() == null && logon.account() == null) {
            return;
        }
        long at = event.timestampMillis();
        Company c = logon.failures() > 0 ? companies.computeIfAbsent(event.tenant(), t -> new Company())
                : companies.get(event.tenant());
        if (c == null) {
            return; // a success where nothing failed: nothing to count, nothing to tell
        }
        last = null;
        c.written = null;
        if (at > c.now) {
            c.now = at;
            sweep(c);
        }
        List<String> keys = new ArrayList<>(2);
        if (logon.account() != null) {
            keys.add("a|" + logon.account() + '@' + (logon.host() == null ? "" : logon.host()));
        }
        if (logon.source() != null) {
            keys.add("s|" + logon.source());
        }
        long from = c.now - windowMillis;
        for (String key : keys) {
            ArrayDeque<Long> times = c.tracks.get(key);
            if (times != null && (times.isEmpty() || times.peekLast() < from)) {
                c.tracks.remove(key); // its window ended: what the sweep would have dropped
                times = null;
            }
            for (int i = 0; i < logon.failures(); i++) {
                if (times == null) {
                    times = new ArrayDeque<>();
                    c.tracks.put(key, times);
                }
                times.addLast(at);
                if (times.size() > minFailures) {
                    times.removeFirst();
                }
            }
        }
        if (c.tracks.size() > maxTracks) {
            expire(c); // tracks whose window ended go first, as if swept on every event
        }
        if (c.tracks.size() > maxTracks) {
            Iterator<String> eldest = c.tracks.keySet().iterator();
            while (c.tracks.size() > maxTracks) {
                eldest.next();
                eldest.remove();
            }
        }
        String rule = logon.success() ? GUESSED : GUESSING;
        long day = Math.floorDiv(at, DAY);
        List<String> due = new ArrayList<>(2);
        int failures = 0;
        for (String key : keys) {
            int n = failuresWithin(c.tracks.get(key), at);
            Long told = c.told.get(key + '|' + rule);
            if (n >= minFailures && (told == null || told != day)) {
                due.add(key);
                failures = Math.max(failures, n);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        for (String key : keys) {
            // One detection per record: both the source and the account are told by it.
            String k = key + '|' + rule;
            c.told.remove(k);
            c.told.put(k, day);
        }
        if (c.told.size() > ScanDetector.MAX_TOLD) {
            long today = Math.floorDiv(c.now, DAY);
            c.told.values().removeIf(d -> d < today);
        }
        while (c.told.size() > ScanDetector.MAX_TOLD) {
            Iterator<String> eldest = c.told.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        sink.accept(detection(event, logon, rule, failures, due.getFirst().startsWith("a|") ? "account" : "source"));
    }

    private Detection detection(SecurityEvent event, Logon logon, String rule, int failures, String by) {
        boolean internet = logon.source() != null && isAddress(logon.source()) && !ScanDetector.isLan(logon.source());
        String entity = logon.account() != null && logon.host() != null ? logon.account() + '@' + logon.host()
                : logon.host() != null ? logon.host() : logon.account();
        Map<String, String> ctx = new HashMap<>();
        ctx.put("origin", internet ? "internet" : "lan");
        ctx.put("entity", entity);
        if (logon.source() != null) {
            ctx.put("remote", logon.source());
        }
        if (logon.account() != null) {
            ctx.put("account", logon.account());
        }
        if (logon.host() != null) {
            ctx.put("host", logon.host());
        }
        ctx.put("failures", Integer.toString(failures));
        ctx.put("by", by);
        ctx.put("windowMinutes", Long.toString(Duration.ofMillis(windowMillis).toMinutes()));
        ctx.put("succeeded", Boolean.toString(logon.success()));
        boolean success = logon.success();
        String title = success
                ? "A logon to " + entity + " succeeded after " + failures + " failed attempts"
                        + (logon.source() != null ? " from " + logon.source() : "") + ": a guessed password worked"
                : failures + " failed logons within " + ctx.get("windowMinutes") + " min "
                        + ("source".equals(by) && logon.source() != null ? "from " + logon.source() : "against " + entity)
                        + ": someone is guessing passwords";
        Severity severity = success ? Severity.HIGH : internet ? Severity.LOW : Severity.MEDIUM;
        return new Detection(event.tenant(), event.device(), event.timestampMillis(), ID, rule, title, severity,
                Category.PASSWORD_GUESSING, event, ctx);
    }

    private int failuresWithin(ArrayDeque<Long> times, long at) {
        if (times == null) {
            return 0;
        }
        int n = 0;
        for (long t : times) {
            if (t >= at - windowMillis && t <= at) {
                n++;
            }
        }
        return n;
    }

    /** {@link #expire} at most once per event-minute of the company (the touched tracks are expired at once). */
    private void sweep(Company c) {
        if (c.now < c.nextSweep) {
            return;
        }
        c.nextSweep = (Math.floorDiv(c.now, MINUTE) + 1) * MINUTE;
        if (expire(c)) {
            c.written = null;
        }
    }

    /** Drops tracks whose window ended and keys told on an earlier day; whether anything was dropped. */
    private boolean expire(Company c) {
        long from = c.now - windowMillis;
        boolean changed = c.tracks.values().removeIf(times -> times.isEmpty() || times.peekLast() < from);
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
        if (companies.values().removeIf(c -> c.tracks.isEmpty() && c.told.isEmpty())) {
            last = null;
        }
    }

    /** The logon an event records, or null when it is not one. */
    static Logon logon(SecurityEvent e) {
        String source = e.get(Ecs.SOURCE_IP);
        String account = clean(e.get(Ecs.USER_NAME));
        String host = e.get(Ecs.HOST_NAME);
        String outcome = e.get(Ecs.EVENT_OUTCOME);
        switch (e.format()) {
            case "windows" -> {
                String id = e.get(Ecs.WINLOG_EVENT_ID);
                if (id == null) {
                    return null;
                }
                boolean success;
                switch (id) {
                    case "4624" -> success = true;
                    case "4625", "4771" -> success = false;
                    case "4776" -> {
                        String status = e.original("Status");
                        if (status == null) {
                            return null;
                        }
                        success = status.equalsIgnoreCase("0x0") || status.equals("0");
                        if (source == null) {
                            source = clean(e.original("Workstation"));
                        }
                    }
                    default -> {
                        return null;
                    }
                }
                if (source != null && (source.equals("127.0.0.1") || source.equals("::1"))) {
                    source = null; // a logon at the machine itself
                }
                return new Logon(success, success ? 0 : 1, account, host, source);
            }
            case "zeek" -> {
                if (!"zeek.ssh".equals(e.get(Ecs.EVENT_DATASET)) || outcome == null) {
                    return null;
                }
                boolean success = outcome.equals("success");
                int attempts = Math.min(MAX_FAILURES_PER_RECORD, Math.max(1, count(e.original("auth_attempts"))));
                return new Logon(success, success ? attempts - 1 : attempts, account,
                        e.get(Ecs.DESTINATION_IP), source);
            }
            default -> {
                if (!"authentication".equals(e.get(Ecs.EVENT_CATEGORY)) || outcome == null
                        || !outcome.equals("success") && !outcome.equals("failure")) {
                    return null;
                }
                boolean success = outcome.equals("success");
                if ("sshd".equals(e.get(Ecs.PROCESS_NAME)) && !success) {
                    String msg = e.get(Ecs.MESSAGE);
                    // One attempt is logged as "Invalid user", PAM's failure and "Failed password": count the last.
                    if (msg == null || !msg.startsWith("Failed ") && !msg.contains(": Failed ")) {
                        return null;
                    }
                }
                if (source == null) {
                    source = addressIn(e.original("ui"));
                }
                if (source == null) {
                    source = clean(e.original("remip"));
                }
                if (host == null) {
                    host = e.get(Ecs.OBSERVER_HOSTNAME);
                }
                if (host == null) {
                    host = e.get(Ecs.DESTINATION_IP);
                }
                return new Logon(success, success ? 0 : 1, account, host, source);
            }
        }
    }

    /** The address in FortiGate's {@code ui=https(192.0.2.7)}. */
    private static String addressIn(String ui) {
        if (ui == null) {
            return null;
        }
        int open = ui.indexOf('(');
        int close = ui.lastIndexOf(')');
        return open >= 0 && close > open + 1 ? clean(ui.substring(open + 1, close)) : null;
    }

    private static String clean(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        return s.isEmpty() || s.equals("-") || s.equals("(null)") || s.equalsIgnoreCase("N/A") ? null
                : s.toLowerCase(Locale.ROOT);
    }

    private static boolean isAddress(String s) {
        return s.indexOf(':') >= 0 || !s.isEmpty() && Character.isDigit(s.charAt(0)) && s.indexOf('.') > 0
                && Character.isDigit(s.charAt(s.length() - 1));
    }

    private static int count(String v) {
        if (v == null) {
            return 1;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException ex) {
            return 1;
        }
    }

    /**
     * Magic, {@value #FORMAT_VERSION}, the window and threshold, then per company (ordered by id): its time, its
     * tracks in order with their failure times, and the keys told with their day. The same array while nothing
     * changed.
     */
    @Override
    public byte[] snapshot() {
        if (last != null) {
            return last;
        }
        byte[] head = DetectorState.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeLong(windowMillis);
            out.writeInt(minFailures);
        });
        last = ScanDetector.assemble(head, companies, c -> c.now, c -> c.written != null ? c.written
                : (c.written = StateIo.bytes(o -> {
                encodedCompanies++;
                o.writeInt(c.tracks.size());
                for (Map.Entry<String, ArrayDeque<Long>> t : c.tracks.entrySet()) {
                    o.writeUTF(t.getKey());
                    o.writeInt(t.getValue().size());
                    for (long time : t.getValue()) {
                        o.writeLong(time);
                    }
                }
                ScanDetector.writeTold(o, c.told);
            })));
        return last;
    }

    /**
     * Takes back what {@link #snapshot()} wrote ({@code null}: nothing yet).
     *
     * @throws IllegalArgumentException when it is not a brute-force state of this version, was written with another
     *                                  window or threshold, or is damaged; the detector then keeps what it had
     */
    @Override
    public void restore(byte[] state) {
        Map<TenantId, Company> read = state == null ? Map.of()
                : DetectorState.read(state, "Brute-force state", MAGIC, FORMAT_VERSION, in -> {
                    if (in.readLong() != windowMillis || in.readInt() != minFailures) {
                        throw new IOException("written with another window or threshold");
                    }
                    return ScanDetector.readCompanies(in, i -> {
                        Company c = new Company();
                        c.now = i.readLong();
                        int tracks = DetectorState.count(i);
                        if (tracks > maxTracks) {
                            throw new IOException("too many tracks: " + tracks);
                        }
                        for (int j = 0; j < tracks; j++) {
                            String key = i.readUTF();
                            int times = DetectorState.count(i);
                            if (times > minFailures) {
                                throw new IOException("too many failure times: " + times);
                            }
                            ArrayDeque<Long> d = new ArrayDeque<>(times);
                            for (int k = 0; k < times; k++) {
                                d.addLast(i.readLong());
                            }
                            c.tracks.put(key, d);
                        }
                        c.told.putAll(ScanDetector.readTold(i, ScanDetector.MAX_TOLD));
                        return c;
                    });
                });
        companies.clear();
        companies.putAll(read);
        last = null;
    }
}
