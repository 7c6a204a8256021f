package jp.sukedachi.detect.sigma;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.sukedachi.event.SecurityEvent;

/**
 * Sigma correlation rules (event_count, value_count, temporal, temporal_ordered) over the matches of their
 * base rules, grouped by the {@code group-by} fields within the {@code timespan}. Time is the events' own
 * time, plus {@link #advance(long)} for conditions that can only be decided when a window closes
 * ({@code lt}/{@code lte}); callers pass their clock, tests a fixed one. Groups are capped per rule (oldest
 * dropped), so memory stays bounded. Synchronized: one instance may be fed from several threads.
 *
 * <p>The open windows can be written out ({@link #writeState}) and read back into a correlator of the same or a
 * newer rule set ({@link #readState}): a rule's state is taken back only when a rule of that id with the same
 * correlation is loaded, the rest is dropped.
 */
public final class SigmaCorrelator {
    /** Groups kept per correlation rule. */
    static final int MAX_GROUPS = 100_000;

    /** A correlation rule that fired: the group's values and the count that met the condition. */
    public record Fired(SigmaRule rule, Map<String, String> group, long count, long timestampMillis) {
    }

    private final List<Compiled> compiled = new ArrayList<>();
    /** Groups this correlator may hold over all its rules: the application shares one total among companies. */
    private volatile int maxGroups = MAX_GROUPS;
    private long evictedGroups;
    /** Counts every change of the windows, so that an unchanged state need not be written again. */
    private long changes;
    private final Map<String, List<Compiled>> byBase = new HashMap<>();

    private static final class Compiled {
        final SigmaRule rule;
        final List<String> refs;
        final Map<String, State> groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > MAX_GROUPS;
            }
        };

        Compiled(SigmaRule rule, List<String> refs) {
            this.rule = rule;
            this.refs = refs;
        }

        /**
         * What the state of this rule means: the correlation and the base rules its references resolved to. Written
         * with the state; a rule of the same id whose correlation changed starts afresh.
         */
        String fingerprint() {
            SigmaRule.Correlation c = rule.correlation();
            return c.type() + '\u0001' + refs + '\u0001' + c.groupBy() + '\u0001' + c.timespanMillis() + '\u0001'
                    + (c.condition() == null ? "" : new TreeMap<>(c.condition())) + '\u0001' + c.valueField();
        }

        boolean decidedAtClose() {
            Map<String, Long> c = rule.correlation().condition();
            return !c.isEmpty() && c.keySet().stream().allMatch(k -> k.equals("lt") || k.equals("lte"));
        }
    }

    private static final class State {
        final Map<String, String> group;
        final ArrayDeque<long[]> times = new ArrayDeque<>();
        final LinkedHashMap<String, Long> values = new LinkedHashMap<>();
        final Map<String, Long> lastByRef = new HashMap<>();
        long first = Long.MIN_VALUE;

        State(Map<String, String> group) {
            this.group = group;
        }
    }

    /**
     * @param correlations correlation rules
     * @param baseRules    the detection rules they may refer to (by id or {@code name})
     */
    public SigmaCorrelator(List<SigmaRule> correlations, List<SigmaRule> baseRules) {
        Map<String, String> nameToId = new HashMap<>();
        for (SigmaRule r : baseRules) {
            nameToId.put(r.id(), r.id());
            if (r.name() != null) {
                nameToId.put(r.name(), r.id());
            }
        }
        for (SigmaRule c : correlations) {
            List<String> refs = new ArrayList<>();
            for (String ref : c.correlation().rules()) {
                refs.add(nameToId.getOrDefault(ref, ref));
            }
            Compiled x = new Compiled(c, List.copyOf(refs));
            compiled.add(x);
            for (String id : refs) {
                byBase.computeIfAbsent(id, k -> new ArrayList<>()).add(x);
            }
        }
    }

    /**
     * Sets how many groups (over all rules) this correlator may keep; above it the least recently used groups go
     * first, at once. Counted in {@link #evictedGroups()}.
     */
    public synchronized void maxGroups(int max) {
        maxGroups = Math.max(1, max);
        trim();
    }

    /** Groups held now, over all rules. */
    public synchronized int groups() {
        int n = 0;
        for (Compiled c : compiled) {
            n += c.groups.size();
        }
        return n;
    }

    /** Groups dropped to stay within {@link #maxGroups(int)} (their windows were forgotten early). */
    public synchronized long evictedGroups() {
        return evictedGroups;
    }

    /** Drops least recently used groups of the fullest rule until the total fits (caller holds the lock). */
    private void trim() {
        int total = groups();
        while (total > maxGroups) {
            Compiled fullest = compiled.getFirst();
            for (Compiled c : compiled) {
                if (c.groups.size() > fullest.groups.size()) {
                    fullest = c;
                }
            }
            Iterator<State> eldest = fullest.groups.values().iterator();
            eldest.next();
            eldest.remove();
            evictedGroups++;
            changes++;
            total--;
        }
    }

    /** Base rule ids the correlations need matches of. */
    public Set<String> baseRuleIds() {
        return byBase.keySet();
    }

    /** Feeds one base-rule match; returns the correlation rules it completes (usually none). */
    public synchronized List<Fired> onMatch(SigmaRule base, SecurityEvent e) {
        List<Compiled> cs = byBase.get(base.id());
        if (cs == null) {
            return List.of();
        }
        List<Fired> out = new ArrayList<>(0);
        long ts = e.timestampMillis();
        changes++;

        for (Compiled c : cs) {
            SigmaRule.Correlation spec = c.rule.correlation();
            Map<String, String> group = new LinkedHashMap<>();
            StringBuilder key = new StringBuilder();
            for (String f : spec.groupBy()) {
                String v = e.original(f);
                if (v == null) {
                    v = e.get(f);
                }
                group.put(f, v == null ? "" : v);
                key.append(v == null ? "" : v).append('\u0001');
            }
            State s = c.groups.computeIfAbsent(key.toString(), k -> new State(Map.copyOf(group)));
            if (s.first == Long.MIN_VALUE || ts - s.first > spec.timespanMillis()) {
                if (c.decidedAtClose() && s.first != Long.MIN_VALUE) {
                    closeWindow(c, s, out);
                }
                s.first = ts;
            }
            long from = ts - spec.timespanMillis();
            long count;
            switch (spec.type()) {
                case "event_count" -> {
                    s.times.addLast(new long[] {ts});
                    while (!s.times.isEmpty() && s.times.peekFirst()[0] < from) {
                        s.times.pollFirst();
                    }
                    count = s.times.size();
                }
                case "value_count" -> {
                    String v = e.original(spec.valueField());
                    if (v == null) {
                        v = e.get(spec.valueField());
                    }
                    if (v != null) {
                        s.values.remove(v);
                        s.values.put(v, ts);
                    }
                    s.values.values().removeIf(t -> t < from);
                    count = s.values.size();
                }
                default -> {
                    s.lastByRef.put(base.id(), ts);
                    s.lastByRef.values().removeIf(t -> t < from);
                    count = s.lastByRef.size();
                    boolean all = s.lastByRef.keySet().containsAll(c.refs);
                    if (all && spec.type().equals("temporal_ordered")) {
                        long prev = Long.MIN_VALUE;
                        for (String r : c.refs) {
                            long t = s.lastByRef.get(r);
                            if (t < prev) {
                                all = false;
                                break;
                            }
                            prev = t;
                        }
                    }
                    if (all) {
                        out.add(new Fired(c.rule, s.group, count, ts));
                        c.groups.remove(key.toString());
                    }
                    continue;
                }
            }
            if (!c.decidedAtClose() && holds(spec.condition(), count)) {
                out.add(new Fired(c.rule, s.group, count, ts));
                c.groups.remove(key.toString());
            }
        }
        trim();
        return out;
    }

    /** Changes of the windows so far: equal counts mean an equal state. */
    public synchronized long changes() {
        return changes;
    }

    /** Whether no window is open. */
    public synchronized boolean isEmpty() {
        for (Compiled c : compiled) {
            if (!c.groups.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the open windows: per rule with any (id, fingerprint, groups), per group in least recently used
     * order its key, values, window start, event times, counted values and last match per referenced rule.
     */
    public synchronized void writeState(DataOutput out) throws IOException {
        int withGroups = 0;
        for (Compiled c : compiled) {
            withGroups += c.groups.isEmpty() ? 0 : 1;
        }
        out.writeInt(withGroups);
        for (Compiled c : compiled) {
            if (c.groups.isEmpty()) {
                continue;
            }
            writeString(out, c.rule.id());
            writeString(out, c.fingerprint());
            out.writeInt(c.groups.size());
            for (Map.Entry<String, State> g : c.groups.entrySet()) {
                State s = g.getValue();
                writeString(out, g.getKey());
                out.writeInt(s.group.size());
                for (String f : c.rule.correlation().groupBy()) {
                    writeString(out, f);
                    writeString(out, s.group.getOrDefault(f, ""));
                }
                out.writeLong(s.first);
                out.writeInt(s.times.size());
                for (long[] t : s.times) {
                    out.writeLong(t[0]);
                }
                writeTimes(out, s.values);
                writeTimes(out, s.lastByRef);
            }
        }
    }

    /**
     * Replaces the open windows with those {@link #writeState} wrote (possibly with another rule set): a rule's
     * windows are taken back when a rule of that id and the same correlation is loaded here, others are dropped.
     * Then trims to the group budget.
     *
     * @return the rules whose windows were dropped
     * @throws IOException when the data is cut short or not what {@code writeState} writes
     */
    public synchronized int readState(DataInput in) throws IOException {
        Map<String, Compiled> byId = new HashMap<>();
        for (Compiled c : compiled) {
            c.groups.clear();
            byId.put(c.rule.id(), c);
        }
        changes++;
        int dropped = 0;
        int rules = count(in);
        for (int r = 0; r < rules; r++) {
            String id = readString(in);
            String fingerprint = readString(in);
            Compiled c = byId.get(id);
            if (c != null && !c.fingerprint().equals(fingerprint)) {
                c = null;
            }
            dropped += c == null ? 1 : 0;
            int groups = count(in);
            for (int g = 0; g < groups; g++) {
                String key = readString(in);
                int fields = count(in);
                Map<String, String> group = new LinkedHashMap<>();
                for (int i = 0; i < fields; i++) {
                    group.put(readString(in), readString(in));
                }
                State s = new State(Map.copyOf(group));
                s.first = in.readLong();
                int times = count(in);
                for (int i = 0; i < times; i++) {
                    s.times.addLast(new long[] {in.readLong()});
                }
                readTimes(in, s.values);
                readTimes(in, s.lastByRef);
                if (c != null) {
                    c.groups.put(key, s);
                }
            }
        }
        trim();
        return dropped;
    }

    private static void writeTimes(DataOutput out, Map<String, Long> times) throws IOException {
        out.writeInt(times.size());
        for (Map.Entry<String, Long> e : times.entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readTimes(DataInput in, Map<String, Long> into) throws IOException {
        int n = count(in);
        for (int i = 0; i < n; i++) {
            into.put(readString(in), in.readLong());
        }
    }

    /** Longest string read back: a group-by value is a field value, far below this. */
    private static final int MAX_STRING_BYTES = 1 << 20;

    /** Length-prefixed UTF-8 (writeUTF stops at 64 KiB). */
    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING_BYTES) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    /**
     * Closes every window that ended by {@code nowMillis}: fires the lt/lte correlations whose count stayed
     * under the bound and forgets expired groups.
     */
    public synchronized List<Fired> advance(long nowMillis) {
        List<Fired> out = new ArrayList<>(0);
        for (Compiled c : compiled) {
            long span = c.rule.correlation().timespanMillis();
            for (Iterator<State> it = c.groups.values().iterator(); it.hasNext();) {
                State s = it.next();
                if (nowMillis - s.first > span) {
                    if (c.decidedAtClose()) {
                        closeWindow(c, s, out);
                    }
                    it.remove();
                    changes++;
                }
            }
        }
        trim();
        return out;
    }

    private static void closeWindow(Compiled c, State s, List<Fired> out) {
        SigmaRule.Correlation spec = c.rule.correlation();
        long count = spec.type().equals("value_count") ? s.values.size() : s.times.size();
        if (holds(spec.condition(), count)) {
            out.add(new Fired(c.rule, s.group, count, s.first + spec.timespanMillis()));
        }
        s.times.clear();
        s.values.clear();
    }

    static boolean holds(Map<String, Long> cond, long n) {
        for (Map.Entry<String, Long> e : cond.entrySet()) {
            long b = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "gt" -> n > b;
                case "gte" -> n >= b;
                case "lt" -> n < b;
                case "lte" -> n <= b;
                default -> n == b;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
