package jp.sukedachi.detect.sigma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.event.SecurityEvent;

/**
 * Sigma correlation rules (event_count, value_count, temporal, temporal_ordered) over the matches of their
 * base rules, grouped by the {@code group-by} fields within the {@code timespan}. Time is the events' own
 * time, plus {@link #advance(long)} for conditions that can only be decided when a window closes
 * ({@code lt}/{@code lte}); callers pass their clock, tests a fixed one. Groups are capped per rule (oldest
 * dropped), so memory stays bounded. Synchronized: one instance may be fed from several threads.
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
     * first, on the next match or {@link #advance}. Counted in {@link #evictedGroups()}.
     */
    public void maxGroups(int max) {
        maxGroups = Math.max(1, max);
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
            total--;
        }
    }

    /** Base rule ids the correlations need matches of. */
    public java.util.Set<String> baseRuleIds() {
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
