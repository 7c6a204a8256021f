package jp.sukedachi.detect.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.event.SecurityEvent;

/**
 * Sigma rules compiled into an evaluation plan. Events are dispatched on their format and the mapping's key
 * fields (for Windows: Channel, EventID) to a bucket holding only the rules of that log source. In a bucket
 * each rule is reduced to literals one of which any matching event must carry in one field (the most
 * selective branch of its and/or tree): exact values go into one hash map per field, substrings into one
 * Aho–Corasick automaton per field, so one pass over a field value finds the candidates of every rule at
 * once. Only candidates run their full logic (regular expressions included). Immutable and thread-safe;
 * each thread matches through its own {@link #newMatcher()}.
 */
public final class SigmaEngine {
    /** A loaded rule no event source of ours carries (e.g. cloud audit logs), with the reason. */
    public record Unmapped(SigmaRule rule, String reason) {
    }

    private final List<SigmaRule> active;
    private final List<Unmapped> unmapped;
    private final Map<String, List<Dispatch>> byFormat;
    private final Map<String, Integer> originalSlots;
    private final Map<String, Integer> ecsSlots;
    private final int slots;
    private final int entries;
    private final int maxBucket;
    /** Literal keys of all the buckets' automata (see {@link AhoCorasick.Marks#mark}). */
    private final int keys;

    private SigmaEngine(Compiler c) {
        this.active = List.copyOf(c.active);
        this.unmapped = List.copyOf(c.unmapped);
        // HashMap, not Map.copyOf: its lookups compare hashes before equals, which the per-field lookup of every event needs.
        this.originalSlots = new HashMap<>(c.originalSlots);
        this.ecsSlots = new HashMap<>(c.ecsSlots);
        this.slots = c.originalSlots.size() + c.ecsSlots.size();
        Map<String, List<Dispatch>> plans = new HashMap<>();
        int[] counters = new int[3];
        c.byFormat.forEach((format, list) -> {
            List<Dispatch> built = new ArrayList<>();
            for (DispatchBuilder d : list) {
                built.add(d.build(counters));
            }
            plans.put(format, List.copyOf(built));
        });
        this.byFormat = plans;
        this.entries = counters[0];
        this.maxBucket = counters[1];
        this.keys = counters[2];
    }

    /** Compiles the detection rules among {@code rules} (correlation rules are handled by {@link SigmaCorrelator}). */
    public static SigmaEngine compile(Collection<SigmaRule> rules, LogsourceMappings mappings) {
        return compile(rules, mappings, true);
    }

    /**
     * Without prefilters every rule of a bucket runs in full, and every field test value by value: the reference the
     * fast plan is tested against.
     */
    static SigmaEngine compile(Collection<SigmaRule> rules, LogsourceMappings mappings, boolean prefilter) {
        Compiler c = new Compiler();
        c.prefilter = prefilter;
        for (SigmaRule r : rules) {
            if (!r.isCorrelation()) {
                c.add(r, mappings);
            }
        }
        return new SigmaEngine(c);
    }

    /** Rules that take part in matching. */
    public List<SigmaRule> activeRules() {
        return active;
    }

    public List<Unmapped> unmapped() {
        return unmapped;
    }

    /** Compiled (rule, log source alternative) entries across all buckets. */
    public int entries() {
        return entries;
    }

    /** One line per bucket: key path, rules, rules without a prefilter, hashed and scanned fields (for tuning). */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        byFormat.forEach((f, ds) -> {
            for (Dispatch d : ds) {
                describe(f, d.root, out);
            }
        });
        return out;
    }

    private void describe(String path, Node0 n, List<String> out) {
        if (n.bucket != null) {
            Bucket b = n.bucket;
            List<String> always = new ArrayList<>();
            for (int i : b.always) {
                always.add(active.get(b.entries[i].ruleIndex()).title());
            }
            out.add(path + " rules=" + b.entries.length + " always=" + b.always.length + " eq=" + b.eqSlots.length + " ac="
                    + b.acSlots.length + " states=" + Arrays.stream(b.automata).mapToInt(AhoCorasick::states).sum()
                    + " keywordStates=" + (b.anyField == null ? 0 : b.anyField.states()) + " " + always);
        }
        n.children.forEach((k, c) -> describe(path + "/" + k, c, out));
    }

    public Matcher newMatcher() {
        return new Matcher();
    }

    // --- compiled nodes ---------------------------------------------------------------------------

    /** A compiled condition over the slots of one event. */
    abstract static class Node {
        abstract boolean eval(Matcher m);
    }

    private static final class And extends Node {
        final Node[] items;

        And(Node[] items) {
            this.items = items;
        }

        @Override
        boolean eval(Matcher m) {
            for (Node n : items) {
                if (!n.eval(m)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Or extends Node {
        final Node[] items;

        Or(Node[] items) {
            this.items = items;
        }

        @Override
        boolean eval(Matcher m) {
            for (Node n : items) {
                if (n.eval(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Not extends Node {
        final Node item;

        Not(Node item) {
            this.item = item;
        }

        @Override
        boolean eval(Matcher m) {
            return !item.eval(m);
        }
    }

    private static final class Const extends Node {
        final boolean value;

        Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean eval(Matcher m) {
            return value;
        }
    }

    /**
     * One field against a list of values. A long any-of list of case-insensitive literals (hundreds of DLL names,
     * emoji) is not tried value by value: one automaton scan over the lower-cased value finds the few whose literal
     * occurs, and only those run their real test; the list's other tests (regular expressions, globs) run as usual.
     */
    private static final class FieldNode extends Node {
        final int slot;
        final ValueTest[] tests;
        final boolean all;
        /** Over the literals of {@link #indexed} (ids are indexes into it); null for short or all-of lists. */
        final AhoCorasick index;
        final ValueTest[] indexed;
        final ValueTest[] rest;

        FieldNode(int slot, ValueTest[] tests, boolean all, boolean indexed) {
            this.slot = slot;
            this.tests = tests;
            this.all = all;
            List<ValueTest> withLiteral = new ArrayList<>();
            List<ValueTest> others = new ArrayList<>();
            for (ValueTest t : tests) {
                (!all && t.requiredLiteral() != null && !t.cased() ? withLiteral : others).add(t);
            }
            if (indexed && withLiteral.size() >= INDEXED_TESTS) {
                AhoCorasick.Builder b = new AhoCorasick.Builder().exactClasses();
                for (int i = 0; i < withLiteral.size(); i++) {
                    b.add(withLiteral.get(i).requiredLiteral(), i);
                }
                this.index = b.build();
                this.indexed = withLiteral.toArray(new ValueTest[0]);
                this.rest = others.toArray(new ValueTest[0]);
            } else {
                this.index = null;
                this.indexed = null;
                this.rest = null;
            }
        }

        @Override
        boolean eval(Matcher m) {
            String raw = m.raw(slot);
            if (raw == null) {
                return false;
            }
            String lower = m.lower(slot);
            if (index != null) {
                if (m.testHits.any(m, index, indexed, raw, lower)) {
                    return true;
                }
                for (ValueTest t : rest) {
                    if (t.matches(raw, lower)) {
                        return true;
                    }
                }
                return false;
            }
            for (ValueTest t : tests) {
                if (t.matches(raw, lower) != all) {
                    return !all;
                }
            }
            return all;
        }
    }

    private static final class NullNode extends Node {
        final int slot;

        NullNode(int slot) {
            this.slot = slot;
        }

        @Override
        boolean eval(Matcher m) {
            return m.raw(slot) == null;
        }
    }

    private static final class ExistsNode extends Node {
        final int slot;
        final boolean present;

        ExistsNode(int slot, boolean present) {
            this.slot = slot;
            this.present = present;
        }

        @Override
        boolean eval(Matcher m) {
            return (m.raw(slot) != null) == present;
        }
    }

    private static final class FieldRefNode extends Node {
        final int slot;
        final int other;
        final String how;
        final boolean cased;

        FieldRefNode(int slot, int other, String how, boolean cased) {
            this.slot = slot;
            this.other = other;
            this.how = how == null ? "" : how;
            this.cased = cased;
        }

        @Override
        boolean eval(Matcher m) {
            String a = cased ? m.raw(slot) : m.lower(slot);
            String b = cased ? m.raw(other) : m.lower(other);
            if (a == null || b == null) {
                return false;
            }
            return switch (how) {
                case "contains" -> a.contains(b);
                case "startswith" -> a.startsWith(b);
                case "endswith" -> a.endsWith(b);
                default -> a.equals(b);
            };
        }
    }

    private static final class KeywordsNode extends Node {
        final ValueTest[] tests;
        final boolean all;

        KeywordsNode(ValueTest[] tests, boolean all) {
            this.tests = tests;
            this.all = all;
        }

        @Override
        boolean eval(Matcher m) {
            String[] values = m.allValues();
            for (ValueTest t : tests) {
                boolean hit = false;
                for (int i = 0; i < values.length && !hit; i += 2) {
                    hit = t.matches(values[i], values[i + 1]);
                }
                if (hit != all) {
                    return hit;
                }
            }
            return all;
        }
    }

    // --- plan ---------------------------------------------------------------------------------------

    /** One rule in one bucket. */
    private record Entry(int ruleIndex, Node root) {
    }

    /** The rules of one log source value combination, with their prefilter indexes. */
    private static final class Bucket {
        final int base;
        final Entry[] entries;
        final int[] always;
        final int[] eqSlots;
        final Map<String, int[]>[] eqMaps;
        /**
         * The longest key per exact-value map: lower-casing never shortens a string, so a longer raw value (a command
         * line, a call trace) cannot be a key and is neither lower-cased nor hashed for the lookup.
         */
        final int[] eqMaxLength;
        final int[] acSlots;
        final AhoCorasick[] automata;
        /** Keyword literals, scanned over every field value; null when the bucket has no keyword rule. */
        final AhoCorasick anyField;

        @SuppressWarnings("unchecked")
        Bucket(int base, List<Entry> entries, List<List<Lit>> reqs) {
            this.base = base;
            this.entries = entries.toArray(new Entry[0]);
            List<Integer> alwaysList = new ArrayList<>();
            Map<Integer, Map<String, List<Integer>>> eq = new LinkedHashMap<>();
            Map<Integer, AhoCorasick.Builder> ac = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                List<Lit> req = reqs.get(i);
                if (req == null) {
                    alwaysList.add(i);
                    continue;
                }
                for (Lit l : req) {
                    if (l.slot == ANY_SLOT) {
                        ac.computeIfAbsent(ANY_SLOT, k -> new AhoCorasick.Builder()).add(l.text, i);
                    } else if (l.exact) {
                        eq.computeIfAbsent(l.slot, k -> new HashMap<>()).computeIfAbsent(l.text, k -> new ArrayList<>()).add(i);
                    } else {
                        ac.computeIfAbsent(l.slot, k -> new AhoCorasick.Builder()).add(l.text, i);
                    }
                }
            }
            this.always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
            this.eqSlots = eq.keySet().stream().mapToInt(Integer::intValue).toArray();
            this.eqMaps = new Map[eqSlots.length];
            this.eqMaxLength = eq.values().stream().mapToInt(m -> m.keySet().stream().mapToInt(String::length).max().orElse(0))
                    .toArray();
            int k = 0;
            for (Map<String, List<Integer>> m : eq.values()) {
                Map<String, int[]> frozen = new HashMap<>();
                m.forEach((s, ids) -> frozen.put(s, ids.stream().mapToInt(Integer::intValue).distinct().toArray()));
                eqMaps[k++] = frozen;
            }
            AhoCorasick.Builder any = ac.remove(ANY_SLOT);
            this.anyField = any == null ? null : any.build();
            // Every field with substring literals gets an automaton, however few its literals: scanning the raw value's
            // characters once (case folded by the classes) beat lower-casing it and one String.contains per literal
            // for fields of up to 16 literals, 5-12 % of matching time in bench sigma's match-only pass.
            this.acSlots = ac.keySet().stream().mapToInt(Integer::intValue).toArray();
            this.automata = ac.values().stream().map(AhoCorasick.Builder::build).toArray(AhoCorasick[]::new);
        }

        /** Numbers the keys of this bucket's automata from {@code next}; returns the next free key. */
        int numberKeys(int next) {
            for (AhoCorasick a : automata) {
                next = a.keyBase(next);
            }
            return anyField == null ? next : anyField.keyBase(next);
        }
    }

    /** Dispatch on the key fields' values (lower case); a bucket at depth d holds rules that fix only d keys. */
    private static final class Dispatch {
        final int[] keySlots;
        final Node0 root;
        final boolean needsEcs;

        Dispatch(int[] keySlots, Node0 root, boolean needsEcs) {
            this.keySlots = keySlots;
            this.root = root;
            this.needsEcs = needsEcs;
        }
    }

    private static final class Node0 {
        final Map<String, Node0> children;
        final Bucket bucket;

        Node0(Map<String, Node0> children, Bucket bucket) {
            this.children = children;
            this.bucket = bucket;
        }
    }

    private record Lit(int slot, String text, boolean exact) {
    }

    /** From this many case-insensitive literal tests on, an any-of field list is searched with an automaton. */
    static final int INDEXED_TESTS = 16;

    /** Lines of a matcher's field-name identity table (a power of two; Windows events carry a few hundred names). */
    private static final int NAME_CACHE = 1024;

    /** Pseudo slot of keyword literals: searched in every field value of the event. */
    private static final int ANY_SLOT = Integer.MIN_VALUE;

    // --- compiler -----------------------------------------------------------------------------------

    private static final class DispatchBuilder {
        final int[] keySlots;
        final NodeBuilder root = new NodeBuilder();
        boolean needsEcs;

        DispatchBuilder(int[] keySlots) {
            this.keySlots = keySlots;
        }

        Dispatch build(int[] counters) {
            return new Dispatch(keySlots, root.build(counters), needsEcs);
        }
    }

    private static final class NodeBuilder {
        final Map<String, NodeBuilder> children = new HashMap<>();
        final List<Entry> entries = new ArrayList<>();
        final List<List<Lit>> reqs = new ArrayList<>();

        Node0 build(int[] counters) {
            Map<String, Node0> built = new HashMap<>();
            children.forEach((k, v) -> built.put(k, v.build(counters)));
            Bucket b = null;
            if (!entries.isEmpty()) {
                b = new Bucket(counters[0], entries, reqs);
                counters[2] = b.numberKeys(counters[2]);
                counters[0] += entries.size();
                counters[1] = Math.max(counters[1], entries.size());
            }
            return new Node0(built, b);
        }
    }

    private static final class Compiler {
        final List<SigmaRule> active = new ArrayList<>();
        final List<Unmapped> unmapped = new ArrayList<>();
        final Map<String, Integer> originalSlots = new HashMap<>();
        final Map<String, Integer> ecsSlots = new HashMap<>();
        final Map<String, List<DispatchBuilder>> byFormat = new HashMap<>();
        final Map<LogsourceMappings.Source, Map<String, DispatchBuilder>> dispatchBySource = new HashMap<>();
        boolean prefilter = true;

        int slot(String field) {
            if (field.startsWith(LogsourceMappings.ECS_PREFIX)) {
                String n = field.substring(LogsourceMappings.ECS_PREFIX.length());
                return ecsSlots.computeIfAbsent(n, k -> -2 - ecsSlots.size());
            }
            return originalSlots.computeIfAbsent(field, k -> originalSlots.size());
        }

        void add(SigmaRule r, LogsourceMappings mappings) {
            List<LogsourceMappings.Resolved> resolved = mappings.resolve(r.logsource());
            if (resolved.isEmpty()) {
                unmapped.add(new Unmapped(r, "no event source for log source " + r.logsource()));
                return;
            }
            int index = active.size();
            active.add(r);
            for (LogsourceMappings.Resolved res : resolved) {
                for (LogsourceMappings.Alternative alt : res.alternatives()) {
                    addAlternative(r, index, res.source(), alt);
                }
            }
        }

        private void addAlternative(SigmaRule r, int index, LogsourceMappings.Source src, LogsourceMappings.Alternative alt) {
            // Which key fields this alternative fixes (a prefix of the key); the other `when` fields are tests.
            List<List<String>> keyValues = new ArrayList<>();
            for (String k : src.key()) {
                List<String> v = alt.when().get(k);
                if (v == null) {
                    break;
                }
                keyValues.add(v);
            }
            List<Node> extra = new ArrayList<>();
            int[] keySlotIds = new int[src.key().size()];
            for (int i = 0; i < keySlotIds.length; i++) {
                keySlotIds[i] = slot(src.key().get(i));
            }
            for (Map.Entry<String, List<String>> w : alt.when().entrySet()) {
                int pos = src.key().indexOf(w.getKey());
                if (pos >= 0 && pos < keyValues.size()) {
                    continue;
                }
                List<ValueTest> t = new ArrayList<>();
                for (String v : w.getValue()) {
                    t.add(ValueTest.of(SigmaPattern.literal(v), false));
                }
                extra.add(new FieldNode(slot(w.getKey()), t.toArray(new ValueTest[0]), false, prefilter));
            }
            Node body = node(r.detection(), alt.fields());
            Node root = extra.isEmpty() ? body : new And(concat(extra, body));
            // Only the key fields this alternative fixes are decided by the dispatch; a deeper key (EventID under a
            // service-only rule) is still a good exact prefilter.
            List<Lit> req = prefilter ? prefilter(root, Arrays.copyOf(keySlotIds, keyValues.size())) : null;
            boolean ecs = usesEcs(alt);
            for (String format : src.formats()) {
                DispatchBuilder d = dispatchBySource.computeIfAbsent(src, s -> new HashMap<>()).computeIfAbsent(format, f -> {
                    DispatchBuilder nb = new DispatchBuilder(keySlotIds);
                    byFormat.computeIfAbsent(f, x -> new ArrayList<>()).add(nb);
                    return nb;
                });
                d.needsEcs |= ecs || src.key().stream().anyMatch(k -> k.startsWith(LogsourceMappings.ECS_PREFIX));
                placeAll(d.root, keyValues, 0, new Entry(index, root), req);
            }
        }

        private boolean usesEcs(LogsourceMappings.Alternative alt) {
            return alt.fields().values().stream().anyMatch(v -> v.startsWith(LogsourceMappings.ECS_PREFIX))
                    || alt.when().keySet().stream().anyMatch(v -> v.startsWith(LogsourceMappings.ECS_PREFIX));
        }

        private static Node[] concat(List<Node> a, Node b) {
            Node[] out = a.toArray(new Node[a.size() + 1]);
            out[a.size()] = b;
            return out;
        }

        private void placeAll(NodeBuilder at, List<List<String>> keyValues, int depth, Entry e, List<Lit> req) {
            if (depth == keyValues.size()) {
                at.entries.add(e);
                at.reqs.add(req);
                return;
            }
            for (String v : keyValues.get(depth)) {
                placeAll(at.children.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new NodeBuilder()), keyValues, depth + 1, e, req);
            }
        }

        private Node node(Expr x, Map<String, String> rename) {
            return switch (x) {
                case Expr.And a -> new And(a.items().stream().map(i -> node(i, rename)).toArray(Node[]::new));
                case Expr.Or o -> new Or(o.items().stream().map(i -> node(i, rename)).toArray(Node[]::new));
                case Expr.Not n -> new Not(node(n.item(), rename));
                case Expr.Const c -> new Const(c.value());
                case Expr.Field f -> new FieldNode(slot(rename.getOrDefault(f.field(), f.field())),
                        f.tests().toArray(new ValueTest[0]), f.all(), prefilter);
                case Expr.Null n -> new NullNode(slot(rename.getOrDefault(n.field(), n.field())));
                case Expr.Exists e -> new ExistsNode(slot(rename.getOrDefault(e.field(), e.field())), e.present());
                case Expr.FieldRef f -> new FieldRefNode(slot(rename.getOrDefault(f.field(), f.field())),
                        slot(rename.getOrDefault(f.other(), f.other())), f.how(), f.cased());
                case Expr.Keywords k -> new KeywordsNode(k.tests().toArray(new ValueTest[0]), k.all());
            };
        }

        /** Scored literal set: any match carries one of them. */
        private record Req(List<Lit> lits, int score) {
        }

        private List<Lit> prefilter(Node root, int[] keySlots) {
            Req r = req(root, keySlots);
            return r == null || r.score < 3 ? null : r.lits;
        }

        private Req req(Node n, int[] keySlots) {
            if (n instanceof FieldNode f) {
                for (int k : keySlots) {
                    if (k == f.slot) {
                        return null; // the dispatch already decided this field
                    }
                }
                List<Lit> lits = new ArrayList<>();
                int score = Integer.MAX_VALUE;
                for (ValueTest t : f.tests) {
                    String lit = t.requiredLiteral();
                    if (lit == null) {
                        if (!f.all) {
                            return null;
                        }
                        continue;
                    }
                    int s = (t.exact() ? 50 + lit.length() : lit.length());
                    if (f.all) {
                        // all: any single one is necessary; keep the best
                        if (lits.isEmpty() || s > score) {
                            lits = new ArrayList<>(List.of(new Lit(f.slot, lit, t.exact())));
                            score = s;
                        }
                    } else {
                        lits.add(new Lit(f.slot, lit, t.exact()));
                        score = Math.min(score, s);
                    }
                }
                return lits.isEmpty() ? null : new Req(lits, score);
            }
            if (n instanceof KeywordsNode k) {
                List<Lit> lits = new ArrayList<>();
                int score = Integer.MAX_VALUE;
                for (ValueTest t : k.tests) {
                    String lit = t.requiredLiteral();
                    if (lit == null) {
                        return null;
                    }
                    lits.add(new Lit(ANY_SLOT, lit, false));
                    score = Math.min(score, lit.length());
                }
                return lits.isEmpty() || k.all ? null : new Req(lits, score);
            }
            if (n instanceof And a) {
                Req best = null;
                for (Node i : a.items) {
                    Req r = req(i, keySlots);
                    if (r != null && (best == null || r.score > best.score
                            || (r.score == best.score && r.lits.size() < best.lits.size()))) {
                        best = r;
                    }
                }
                return best;
            }
            if (n instanceof Or o) {
                List<Lit> lits = new ArrayList<>();
                int score = Integer.MAX_VALUE;
                for (Node i : o.items) {
                    Req r = req(i, keySlots);
                    if (r == null) {
                        return null;
                    }
                    lits.addAll(r.lits);
                    score = Math.min(score, r.score);
                }
                return lits.isEmpty() ? null : new Req(lits, score);
            }
            return null;
        }
    }

    // --- matching -----------------------------------------------------------------------------------

    /** Runs the real tests of the literals an index scan reports, stopping at the first that holds. */
    private static final class TestHits implements AhoCorasick.Marks {
        private ValueTest[] tests;
        private String raw;
        private String lower;

        boolean any(Matcher m, AhoCorasick index, ValueTest[] tests, String raw, String lower) {
            this.tests = tests;
            this.raw = raw;
            this.lower = lower;
            boolean hit = m.scan(index, lower, this);
            this.tests = null;
            this.raw = null;
            this.lower = null;
            return hit;
        }

        @Override
        public boolean mark(int key, int[] ids) {
            for (int i : ids) {
                if (tests[i].matches(raw, lower)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Field keys of the keyword text's two values that are not original fields (any int will do: see CleanValues). */
    private static final int MESSAGE_FIELD = "message".hashCode() + 1;
    private static final int RAW_FIELD = "raw".hashCode() + 1;

    /**
     * Values an automaton found nothing in, remembered across events: consecutive events of one source repeat most
     * values (host, channel, provider, user, image paths), and the keyword rules search every value of every event. Over
     * bench sigma's Windows events (counted once, with a throw-away counter) 76 % of the values the keyword scan reads
     * equal the same field's value in the event before (51 % of its characters); an equals is a fraction of a scan. Exact whatever the hit rate: the answer
     * depends only on the automaton and the value's characters, so the field is only where to look for an equal value,
     * and a value with a hit is never remembered (its marks must be made again for every event). Direct-mapped, a
     * line per (automaton, field), replaced on collision; long values are not kept, so a matcher holds at most
     * {@code LINES * MAX_CHARS} characters of old events.
     */
    private static final class CleanValues {
        private static final int LINES = 1024;
        private static final int MAX_CHARS = 1024;
        private final AhoCorasick[] index = new AhoCorasick[LINES];
        private final int[] field = new int[LINES];
        private final String[] value = new String[LINES];

        boolean has(AhoCorasick a, int f, String v) {
            int h = line(a, f);
            return index[h] == a && field[h] == f && v.equals(value[h]);
        }

        void put(AhoCorasick a, int f, String v) {
            if (v.length() <= MAX_CHARS) {
                int h = line(a, f);
                index[h] = a;
                field[h] = f;
                value[h] = v;
            }
        }

        private static int line(AhoCorasick a, int f) {
            int x = a.keyBase() * 0x9E3779B9 + f * 0x85EBCA6B;
            return (x ^ (x >>> 15)) & (LINES - 1);
        }
    }

    /** Matches events one at a time; one per thread. Reuses its buffers, so matching allocates almost nothing. */
    public final class Matcher implements AhoCorasick.Marks {
        private final String[] raw = new String[slots];
        private final String[] lower = new String[slots];
        private final int[] rawStamp = new int[slots];
        private final int[] lowerStamp = new int[slots];
        private final int[] entryStamp = new int[entries];
        private final int[] ruleStamp = new int[active.size()];
        private final int[] keyStamp = new int[keys];
        private final int[] candidates = new int[Math.max(1, maxBucket)];
        private int candidateCount;
        /** Full rule evaluations so far (the prefilters' misses plus the matches): for tests and tuning. */
        long evaluated;
        /** Field and keyword values scanned for candidates so far (not those {@link #clean} answered): for tests. */
        long scanned;
        /** Calls of {@link #mark}: a scan that adds none found nothing. */
        private int markCalls;
        private final CleanValues clean = new CleanValues();
        private int bucketBase;
        private int epoch;
        private SecurityEvent event;
        private String[] allValues;
        private final SecurityEvent.FieldVisitor ecs = this::ecsField;
        private final Bucket[] found = new Bucket[16];
        private int[] matched = new int[16];
        /** A field value copied for one automaton scan (see {@link AhoCorasick#scan(char[], int, Marks)}). */
        private char[] fieldChars = new char[1024];
        /** Checks the tests a field's index reports (one at a time: a field's evaluation never nests another). */
        private final TestHits testHits = new TestHits();
        private final String[] nameKeys = new String[NAME_CACHE];
        private final int[] nameSlots = new int[NAME_CACHE];
        /**
         * Per slot the last value lower-cased and its lower-case copy, across events: consecutive events of one
         * source repeat most values (channel, image paths, user), and a repeat then costs one equals instead of a
         * copy, and the copy's hash is already cached for the exact-value maps. Holds one value per slot.
         */
        private final String[] memoRaw = new String[slots];
        private final String[] memoLower = new String[slots];

        private Matcher() {
        }

        /** The rules the event matches, in rule order; an empty list when none (no allocation). */
        public List<SigmaRule> match(SecurityEvent e) {
            List<Dispatch> plans = byFormat.get(e.format());
            if (plans == null) {
                return List.of();
            }
            if (++epoch == Integer.MAX_VALUE) {
                resetStamps();
            }
            event = e;
            allValues = null;
            for (int i = 0, n = e.originalFieldCount(); i < n; i++) {
                original(e.originalName(i), e.originalValue(i));
            }
            List<SigmaRule> out = null;
            for (Dispatch d : plans) {
                if (d.needsEcs) {
                    e.forEachEcs(ecs);
                }
                int nFound = 0;
                Node0 at = d.root;
                for (int depth = 0; at != null; depth++) {
                    if (at.bucket != null && nFound < found.length) {
                        found[nFound++] = at.bucket;
                    }
                    if (depth == d.keySlots.length) {
                        break;
                    }
                    String v = lower(d.keySlots[depth]);
                    at = v == null ? null : at.children.get(v);
                }
                for (int b = 0; b < nFound; b++) {
                    out = runBucket(found[b], out);
                    found[b] = null;
                }
            }
            event = null;
            if (out == null) {
                return List.of();
            }
            if (out.size() > 1) {
                // Rule order, by index (SigmaRule's record equals would compare whole detection trees).
                Arrays.sort(matched, 0, out.size());
                for (int i = 0; i < out.size(); i++) {
                    out.set(i, active.get(matched[i]));
                }
            }
            return out;
        }

        private List<SigmaRule> runBucket(Bucket b, List<SigmaRule> out) {
            candidateCount = 0;
            bucketBase = b.base;
            for (int i : b.always) {
                markOne(i);
            }
            for (int k = 0; k < b.eqSlots.length; k++) {
                String r = raw(b.eqSlots[k]);
                String v = r == null || r.length() > b.eqMaxLength[k] ? null : lower(b.eqSlots[k]);
                if (v != null) {
                    int[] ids = b.eqMaps[k].get(v);
                    if (ids != null) {
                        for (int i : ids) {
                            markOne(i);
                        }
                    }
                }
            }
            for (int k = 0; k < b.acSlots.length; k++) {
                String v = raw(b.acSlots[k]);
                if (v != null) {
                    scanForCandidates(b.automata[k], b.acSlots[k], v);
                }
            }
            if (b.anyField != null) {
                scanKeywords(b.anyField);
            }
            evaluated += candidateCount;
            for (int c = 0; c < candidateCount; c++) {
                Entry en = b.entries[candidates[c]];
                if (ruleStamp[en.ruleIndex] != epoch && en.root.eval(this)) {
                    ruleStamp[en.ruleIndex] = epoch;
                    if (out == null) {
                        out = new ArrayList<>(4);
                    }
                    if (out.size() == matched.length) {
                        matched = Arrays.copyOf(matched, matched.length * 2);
                    }
                    matched[out.size()] = en.ruleIndex;
                    out.add(active.get(en.ruleIndex));
                }
            }
            return out;
        }

        /**
         * Marks the literal's rules as candidates, once per event: a literal found again (a keyword in several fields, a
         * backslash all along a path) names the same rules. JFR put a fifth of bench sigma's match-only time in
         * re-walking their ids; with the stamp, match-only read 3,495 against 3,561-3,691 ns per event in short runs
         * ({@code bench sigma --events 600000 --rounds 3}), and no difference the full bench could resolve.
         */
        @Override
        public boolean mark(int key, int[] ids) {
            markCalls++;
            if (keyStamp[key] == epoch) {
                return false;
            }
            keyStamp[key] = epoch;
            for (int i : ids) {
                markOne(i);
            }
            return false;
        }

        /**
         * Marks the rules whose literals {@code index} finds in {@code v}, the value of {@code field} (a slot, or a keyword
         * field's name hash). Skipped when this automaton found nothing in an equal value of the same field before: see
         * {@link CleanValues}.
         */
        private void scanForCandidates(AhoCorasick index, int field, String v) {
            if (v.length() < index.minLength() || clean.has(index, field, v)) {
                return;
            }
            scanned++;
            int before = markCalls;
            scan(index, v, this);
            if (markCalls == before) {
                clean.put(index, field, v);
            }
        }

        /**
         * Reports the literals of {@code index} in {@code v}, copied into the reused buffer; a value shorter than every
         * literal (most field values: numbers, flags, short names) is neither copied nor scanned.
         */
        boolean scan(AhoCorasick index, String v, AhoCorasick.Marks marks) {
            return v.length() >= index.minLength() && index.scan(chars(v), v.length(), marks);
        }

        /** {@code v} in the reused field buffer. */
        private char[] chars(String v) {
            int n = v.length();
            if (fieldChars.length < n) {
                fieldChars = new char[Math.max(n, fieldChars.length * 2)];
            }
            v.getChars(0, n, fieldChars, 0);
            return fieldChars;
        }

        /**
         * Scans the values allValues() would give (every original value and the message, else the raw record), value by
         * value. The values are not lower-cased: the automaton folds case itself. Value by value rather than joined into
         * one text per event, as before: a value shorter than every literal is then not even copied, and one already
         * found clean is not scanned again (see {@link CleanValues}); the join had been 12 % of match-only time
         * (async-profiler over bench sigma, the Mimikatz keywords that every Windows event is searched for).
         */
        private void scanKeywords(AhoCorasick index) {
            for (int i = 0, n = event.originalFieldCount(); i < n; i++) {
                scanForCandidates(index, event.originalName(i).hashCode(), event.originalValue(i));
            }
            String msg = event.get("message");
            if (msg != null) {
                scanForCandidates(index, MESSAGE_FIELD, msg);
            } else if (event.originalFieldCount() == 0 && event.raw() != null) {
                scanForCandidates(index, RAW_FIELD, event.raw());
            }
        }

        private void markOne(int local) {
            int g = bucketBase + local;
            if (entryStamp[g] != epoch) {
                entryStamp[g] = epoch;
                candidates[candidateCount++] = local;
            }
        }

        private void original(String name, String value) {
            // Parsers hand out canonical field-name instances (Jackson's symbol table), so a direct-mapped identity
            // table answers nearly every name without the HashMap's equals; a name seen for the first time, or one
            // that shares its table line, takes the map and replaces the line.
            int h = name.hashCode() & (NAME_CACHE - 1);
            int s;
            if (nameKeys[h] == name) {
                s = nameSlots[h];
            } else {
                Integer x = originalSlots.get(name);
                s = x == null ? -1 : x;
                nameKeys[h] = name;
                nameSlots[h] = s;
            }
            if (s >= 0 && rawStamp[s] != epoch) {
                rawStamp[s] = epoch;
                raw[s] = value;
            }
        }

        private void ecsField(String name, String value) {
            Integer s = ecsSlots.get(name);
            if (s != null) {
                int i = originalSlots.size() + (-2 - s);
                rawStamp[i] = epoch;
                raw[i] = value;
            }
        }

        String raw(int slot) {
            int i = slot >= 0 ? slot : originalSlots.size() + (-2 - slot);
            return rawStamp[i] == epoch ? raw[i] : null;
        }

        String lower(int slot) {
            int i = slot >= 0 ? slot : originalSlots.size() + (-2 - slot);
            if (rawStamp[i] != epoch) {
                return null;
            }
            if (lowerStamp[i] != epoch) {
                lowerStamp[i] = epoch;
                String r = raw[i];
                if (!r.equals(memoRaw[i])) {
                    memoRaw[i] = r;
                    memoLower[i] = r.toLowerCase(Locale.ROOT);
                }
                lower[i] = memoLower[i];
            }
            return lower[i];
        }

        /** Raw/lower pairs of every original field and the message, for keyword searches. */
        String[] allValues() {
            if (allValues == null) {
                List<String> l = new ArrayList<>();
                event.forEachOriginal((n, v) -> {
                    l.add(v);
                    l.add(v.toLowerCase(Locale.ROOT));
                });
                String msg = event.get("message");
                if (msg != null) {
                    l.add(msg);
                    l.add(msg.toLowerCase(Locale.ROOT));
                }
                if (l.isEmpty() && event.raw() != null) {
                    l.add(event.raw());
                    l.add(event.raw().toLowerCase(Locale.ROOT));
                }
                allValues = l.toArray(new String[0]);
            }
            return allValues;
        }

        private void resetStamps() {
            Arrays.fill(rawStamp, 0);
            Arrays.fill(lowerStamp, 0);
            Arrays.fill(entryStamp, 0);
            Arrays.fill(ruleStamp, 0);
            Arrays.fill(keyStamp, 0);
            epoch = 1;
        }
    }
}
