package jp.sukedachi.detect.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multi-literal substring search (Aho–Corasick) over a small alphabet: the ASCII characters that occur in
 * the literals get a class each (upper-case letters share their lower-case class, so values need no
 * lower-cased copy), every other character shares one. Non-ASCII literal characters share a class too, so a
 * scan may report a literal that is not there, never miss one that is: fine for a prefilter, whose hits are
 * checked by the real test. An automaton built {@link Builder#exactClasses() for lower-cased text} gives the
 * non-ASCII characters of its literals classes of their own (up to a bound), so that emoji or Cyrillic lists do not
 * report every literal at the first non-ASCII pair.
 *
 * <p>Laid out for the cache, in two tiers. The shallow states (breadth-first, up to a budget) get dense rows of
 * fully resolved transitions, so a step from them is one array read with no failure chase: a scan spends nearly
 * all its characters within a few characters of the root, so this is where the time goes. Every deeper state is a
 * compact record (failure link, output, sorted children) in one int array, as a full DFA table of tens of
 * thousands of states × classes would be tens of megabytes and miss the cache on almost every character; a miss
 * there falls back along failure links until it reaches a dense state.
 *
 * <p>A small set of long literals (the keyword rules' lists, searched in every field of every event) is scanned
 * without the automaton, by sampling: with {@code m} the shortest literal's length, every occurrence covers one of
 * the text positions {@code 0, m-2, 2(m-2), …} together with the next two, within its first {@code m} characters.
 * So only the class triple at those positions is tested, against a bitmap of the triples in the literals' prefixes;
 * a triple that passes names, by its first two classes, the literals and offsets to compare, class by class (same
 * classes, so the same hits as the automaton). Unlike a Horspool skip, each sample's position is known in advance,
 * so the samples do not wait on one another's lookups.
 * Hand-written rather than a library because the scan must allocate nothing and report straight into the
 * caller's candidate marks.
 */
final class AhoCorasick {
    /** Receives the ids attached to a literal found in the text; true stops the scan. */
    interface Marks {
        /**
         * {@code key} names the literal (or output set) found, unique among the automata of one engine once
         * {@link #keyBase(int)} has numbered them: the same key always brings the same {@code ids}.
         */
        boolean mark(int key, int[] ids);
    }

    /** This automaton's first key (see {@link Marks#mark}); 0 until its engine numbers it. */
    private int keyBase;

    /**
     * Dense tier budget in ints per automaton (16 KB): rows for the shallowest states only, where most steps of a
     * scan are. Measured with bench sigma (all Windows rules, one run each): 4 K ints ratio 0.563 with 38 MB of heap
     * for the compiled engine, 64 K ints the same 0.563 with 60 MB; the deeper rows cost memory and buy nothing.
     */
    static final int DENSE_BUDGET = 1 << 12;

    private final byte[] classOf;
    private final int nonAscii;
    /** Non-ASCII characters with a class of their own (sorted) and their classes; empty unless built exact. */
    private final char[] wide;
    private final byte[] wideClass;
    /**
     * Dense rows of {@code width} = classes + 1 ints: per class the resolved next state's code, then the row's
     * output index (or -1). A state's code is {@code -1 - rowStart} for a dense state, its offset in
     * {@link #node} for a compact one; the root is code -1.
     */
    private final int[] dense;
    private final int width;
    /**
     * The compact states in one array, so a step touches one or two cache lines: at offset p, {@code node[p]} is
     * the failure state's code, {@code node[p + 1]} the index of its id set in {@link #out} (or -1),
     * {@code node[p + 2]} the child count k, then k (class, child offset) pairs, classes ascending. Children of
     * compact states are compact (they are deeper).
     */
    private final int[] node;
    private final int[][] out;
    private final int states;
    /** The skip scan, when the literals allow it (else null): see {@link Skip}. */
    private final Skip skip;
    private final int minLength;

    private AhoCorasick(byte[] classOf, int nonAscii, char[] wide, byte[] wideClass, int[] dense, int width, int[] node,
            int[][] out, int states, Skip skip, int minLength) {
        this.classOf = classOf;
        this.nonAscii = nonAscii;
        this.wide = wide;
        this.wideClass = wideClass;
        this.dense = dense;
        this.width = width;
        this.node = node;
        this.out = out;
        this.states = states;
        this.skip = skip;
        this.minLength = minLength;
    }

    /** Literals at least this long (and not too many) are searched with the skip scan instead of the automaton. */
    static final int SKIP_MIN_LENGTH = 5;
    static final int SKIP_MAX_LITERALS = 64;
    /** Classes stay below this (bytes, and the skip table is classes squared); further non-ASCII characters share one. */
    static final int MAX_WIDE_CLASSES = 120;

    /**
     * Sampling over class triples: the text is sampled every {@code step} = shortest length - 2 positions;
     * {@code triples} has the bit {@link #triple} set for each triple at offsets {@code 0..step-1} of a literal (a
     * hashed bitmap of 8 KB: a collision only costs a look at {@code at}), and {@code at[a * classes + b]} lists, for
     * the pair of classes a, b, (literal, offset) pairs where a literal holds that pair at that offset (null when none).
     * Literals are kept as class sequences, compared with the text's classes. Why the third class: with pairs alone
     * (a step one longer) one sample in seven of bench sigma's Windows events named literals to compare, as common
     * pairs start many literals; with triples one in twenty-five, for 15 % more samples (counted once, with a
     * throw-away counter; bench sigma's match-only time fell with the rest of that change, not measured apart). The bitmaps add 8 KB per skip
     * automaton to the compiled engine (all Windows rules: 39.0 → 41.5 MB).
     */
    private record Skip(int step, int classes, long[] triples, int[][] at, byte[][] literals, int[][] ids) {
        static final int TRIPLE_BITS = 1 << 16;

        static int triple(int pair, int classes, int c) {
            return (pair * classes + c) & (TRIPLE_BITS - 1);
        }
    }

    int states() {
        return states;
    }

    /**
     * Numbers this automaton's keys from {@code base} (before the engine is published) and returns the next free key:
     * one per output set, then one per skip-scan literal.
     */
    int keyBase(int base) {
        keyBase = base;
        return base + out.length + (skip == null ? 0 : skip.literals.length);
    }

    /** This automaton's first key: distinct among the automata of one engine once numbered. */
    int keyBase() {
        return keyBase;
    }

    /** True when scans skip through the text (see {@link Skip}) rather than step the automaton. */
    boolean skips() {
        return skip != null;
    }

    /**
     * Reports every literal found in {@code s}; true when {@code marks} stopped the scan. Copies the text: for tests
     * and cold paths; matching scans a reused buffer with {@link #scan(char[], int, Marks)}.
     */
    boolean scan(String s, Marks marks) {
        return scan(s.toCharArray(), s.length(), marks);
    }

    /** The shortest literal's length: a shorter text holds none, and its caller need not copy it for a scan. */
    int minLength() {
        return minLength;
    }

    /**
     * Reports every literal found in the first {@code n} characters of {@code t}; true when {@code marks} stopped the
     * scan. A char array rather than the String: the loops then index a plain array. {@code String.charAt} checks the
     * String's coding and bounds per character: a skip scan reading the Strings in place spent a quarter of its time in
     * those checks (async-profiler over bench sigma), more than copying the values into the buffer had cost.
     */
    boolean scan(char[] t, int n, Marks marks) {
        if (skip != null) {
            return skipScan(t, n, marks);
        }
        int[] nd = node;
        int[] dn = dense;
        byte[] cl = classOf;
        int last = width - 1;
        int x = -1;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            int cls = c < 128 ? cl[c] : wide(c);
            int o;
            while (true) {
                if (x < 0) {
                    x = dn[-1 - x + cls];
                    o = x < 0 ? dn[-1 - x + last] : nd[x + 1];
                    break;
                }
                int u = child(nd, x, cls);
                if (u >= 0) {
                    x = u;
                    o = nd[u + 1];
                    break;
                }
                x = nd[x];
            }
            if (o >= 0 && marks.mark(keyBase + o, out[o])) {
                return true;
            }
        }
        return false;
    }

    private int wide(char c) {
        if (wide.length == 0) {
            return nonAscii;
        }
        int i = Arrays.binarySearch(wide, c);
        return i >= 0 ? wideClass[i] : nonAscii;
    }

    private boolean skipScan(char[] t, int n, Marks marks) {
        Skip k = skip;
        byte[] cl = classOf;
        int[][] at = k.at;
        long[] triples = k.triples;
        int classes = k.classes;
        int step = k.step;
        // An occurrence's sample has its two next characters within the occurrence, so the text's last two
        // positions are never a sample's start.
        for (int j = 0; j + 2 < n; j += step) {
            char c1 = t[j];
            char c2 = t[j + 1];
            char c3 = t[j + 2];
            int pair = (c1 < 128 ? cl[c1] : wide(c1)) * classes + (c2 < 128 ? cl[c2] : wide(c2));
            int h = Skip.triple(pair, classes, c3 < 128 ? cl[c3] : wide(c3));
            if ((triples[h >>> 6] & (1L << h)) != 0) {
                int[] hits = at[pair];
                if (hits != null && check(t, n, j, hits, marks)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Compares the literals {@code hits} names, each placed so that its pair falls on the sample at {@code j}. */
    private boolean check(char[] t, int n, int j, int[] hits, Marks marks) {
        for (int h = 0; h < hits.length; h += 2) {
            byte[] lit = skip.literals[hits[h]];
            int start = j - hits[h + 1];
            if (start >= 0 && start + lit.length <= n && sameClasses(t, start, lit, classOf)
                    && marks.mark(keyBase + out.length + hits[h], skip.ids[hits[h]])) {
                return true;
            }
        }
        return false;
    }

    private boolean sameClasses(char[] t, int start, byte[] lit, byte[] cl) {
        for (int q = 0; q < lit.length; q++) {
            char c = t[start + q];
            if ((c < 128 ? cl[c] : wide(c)) != lit[q]) {
                return false;
            }
        }
        return true;
    }

    private static int child(int[] nd, int p, int cls) {
        int k = nd[p + 2];
        int lo = p + 3;
        if (k > 8) {
            int a = 0;
            int b = k - 1;
            while (a <= b) {
                int m = (a + b) >>> 1;
                int l = nd[lo + 2 * m];
                if (l == cls) {
                    return nd[lo + 2 * m + 1];
                }
                if (l < cls) {
                    a = m + 1;
                } else {
                    b = m - 1;
                }
            }
            return -1;
        }
        for (int end = lo + 2 * k; lo < end; lo += 2) {
            int l = nd[lo];
            if (l == cls) {
                return nd[lo + 1];
            }
            if (l > cls) {
                return -1;
            }
        }
        return -1;
    }

    static final class Builder {
        private final List<String> literals = new ArrayList<>();
        private final List<Integer> ids = new ArrayList<>();
        private boolean exact;

        /**
         * For text that is already lower-cased: non-ASCII literal characters get classes of their own (a raw value's
         * upper-case non-ASCII letters would then be missed, hence only for lower-cased text).
         */
        Builder exactClasses() {
            exact = true;
            return this;
        }

        void add(String literal, int id) {
            if (!literal.isEmpty()) {
                literals.add(literal);
                ids.add(id);
            }
        }

        boolean isEmpty() {
            return literals.isEmpty();
        }

        /** Literal → ids (the skip scan compares distinct literals). */
        Map<String, List<Integer>> byLiteral() {
            Map<String, List<Integer>> m = new LinkedHashMap<>();
            for (int i = 0; i < literals.size(); i++) {
                m.computeIfAbsent(literals.get(i), k -> new ArrayList<>()).add(ids.get(i));
            }
            return m;
        }

        AhoCorasick build() {
            return build(DENSE_BUDGET);
        }

        /** With {@code denseBudget} ints for the dense tier (tests use a tiny one to exercise the compact tier). */
        AhoCorasick build(int denseBudget) {
            byte[] classOf = new byte[128];
            int classes = 1; // 0: characters in no literal
            for (String l : literals) {
                for (int i = 0; i < l.length(); i++) {
                    char c = l.charAt(i);
                    if (c < 128 && classOf[c] == 0) {
                        classOf[c] = (byte) classes++;
                    }
                }
            }
            for (char c = 'A'; c <= 'Z'; c++) {
                classOf[c] = classOf[c + 32];
            }
            TreeMap<Character, Byte> wideMap = new TreeMap<>();
            if (exact) {
                for (String l : literals) {
                    for (int i = 0; i < l.length(); i++) {
                        char c = l.charAt(i);
                        if (c >= 128 && !wideMap.containsKey(c) && classes < MAX_WIDE_CLASSES) {
                            wideMap.put(c, (byte) classes++);
                        }
                    }
                }
            }
            int nonAscii = classes++;
            char[] wide = new char[wideMap.size()];
            byte[] wideClass = new byte[wideMap.size()];
            int w = 0;
            for (Map.Entry<Character, Byte> e : wideMap.entrySet()) {
                wide[w] = e.getKey();
                wideClass[w++] = e.getValue();
            }
            // Trie with sorted child lists (class, state) per state.
            List<int[]> children = new ArrayList<>(); // flattened pairs per state
            List<int[]> outs = new ArrayList<>();
            children.add(new int[0]);
            outs.add(null);
            for (int k = 0; k < literals.size(); k++) {
                String l = literals.get(k);
                int st = 0;
                for (int i = 0; i < l.length(); i++) {
                    char c = l.charAt(i);
                    int cls = c < 128 ? classOf[c] : wideMap.getOrDefault(c, (byte) nonAscii);
                    int to = find(children.get(st), cls);
                    if (to < 0) {
                        to = children.size();
                        children.add(new int[0]);
                        outs.add(null);
                        children.set(st, insert(children.get(st), cls, to));
                    }
                    st = to;
                }
                outs.set(st, add(outs.get(st), ids.get(k)));
            }
            int states = children.size();
            int[] fail = new int[states];
            int[] rootNext = new int[classes];
            int[] bfs = new int[states];
            int queued = 0;
            int[] root = children.get(0);
            for (int k = 0; k < root.length; k += 2) {
                rootNext[root[k]] = root[k + 1];
                bfs[++queued] = root[k + 1];
            }
            for (int head = 1; head <= queued; head++) {
                int u = bfs[head];
                int[] ch = children.get(u);
                for (int k = 0; k < ch.length; k += 2) {
                    int cls = ch[k];
                    int v = ch[k + 1];
                    int f = fail[u];
                    int t;
                    while (true) {
                        t = f == 0 ? rootNext[cls] : find(children.get(f), cls);
                        if (t >= 0 && (f != 0 || t != 0)) {
                            break;
                        }
                        if (f == 0) {
                            t = 0;
                            break;
                        }
                        f = fail[f];
                    }
                    fail[v] = t == v ? 0 : t;
                    int[] inherited = outs.get(fail[v]);
                    if (inherited != null) {
                        int[] merged = outs.get(v);
                        for (int id : inherited) {
                            merged = add(merged, id);
                        }
                        outs.set(v, merged);
                    }
                    bfs[++queued] = v;
                }
            }
            // The dense tier: a breadth-first prefix, so a dense state's failure state is dense too (it is shallower)
            // and a compact state's children are compact (they are deeper).
            int width = classes + 1;
            int denseCount = Math.max(1, Math.min(states, denseBudget / width));
            int[] code = new int[states];
            int size = 0;
            for (int r = 0; r < states; r++) {
                int st = bfs[r];
                if (r < denseCount) {
                    code[st] = -1 - r * width;
                } else {
                    code[st] = size;
                    size += 3 + children.get(st).length;
                }
            }
            List<int[]> outList = new ArrayList<>();
            int[] node = new int[size];
            int[] dense = new int[denseCount * width];
            for (int r = 0; r < states; r++) {
                int st = bfs[r];
                int[] o = outs.get(st);
                int outIndex = o == null ? -1 : outList.size();
                if (o != null) {
                    outList.add(o);
                }
                int[] ch = children.get(st);
                if (r < denseCount) {
                    int row = r * width;
                    if (st == 0) {
                        Arrays.fill(dense, row, row + classes, code[0]);
                    } else {
                        // Resolved: the child if any, else what the failure state does (already filled: it is earlier).
                        System.arraycopy(dense, -1 - code[fail[st]], dense, row, classes);
                    }
                    for (int k = 0; k < ch.length; k += 2) {
                        dense[row + ch[k]] = code[ch[k + 1]];
                    }
                    dense[row + classes] = outIndex;
                } else {
                    int p = code[st];
                    node[p] = code[fail[st]];
                    node[p + 1] = outIndex;
                    node[p + 2] = ch.length / 2;
                    for (int k = 0; k < ch.length; k += 2) {
                        node[p + 3 + k] = ch[k];
                        node[p + 4 + k] = code[ch[k + 1]];
                    }
                }
            }
            return new AhoCorasick(classOf, nonAscii, wide, wideClass, dense, width, node, outList.toArray(new int[0][]), states,
                    skip(classOf, wideMap, classes, nonAscii), literals.stream().mapToInt(String::length).min().orElse(0));
        }

        private Skip skip(byte[] classOf, Map<Character, Byte> wideMap, int classes, int nonAscii) {
            Map<String, List<Integer>> byLit = byLiteral();
            int min = literals.stream().mapToInt(String::length).min().orElse(0);
            if (min < SKIP_MIN_LENGTH || byLit.size() > SKIP_MAX_LITERALS || classes > 127) {
                return null;
            }
            byte[][] lits = new byte[byLit.size()][];
            int[][] litIds = new int[byLit.size()][];
            int j = 0;
            for (Map.Entry<String, List<Integer>> e : byLit.entrySet()) {
                String l = e.getKey();
                lits[j] = new byte[l.length()];
                for (int q = 0; q < l.length(); q++) {
                    char c = l.charAt(q);
                    lits[j][q] = c < 128 ? classOf[c] : wideMap.getOrDefault(c, (byte) nonAscii);
                }
                litIds[j++] = e.getValue().stream().mapToInt(Integer::intValue).distinct().toArray();
            }
            int step = min - 2;
            List<List<Integer>> at = new ArrayList<>();
            for (int h = 0; h < classes * classes; h++) {
                at.add(null);
            }
            long[] triples = new long[Skip.TRIPLE_BITS / 64];
            for (j = 0; j < lits.length; j++) {
                for (int q = 0; q < step; q++) {
                    int h = lits[j][q] * classes + lits[j][q + 1];
                    if (at.get(h) == null) {
                        at.set(h, new ArrayList<>());
                    }
                    at.get(h).add(j);
                    at.get(h).add(q);
                    int t = Skip.triple(h, classes, lits[j][q + 2]);
                    triples[t >>> 6] |= 1L << t;
                }
            }
            int[][] atArr = at.stream().map(l -> l == null ? null : l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            return new Skip(step, classes, triples, atArr, lits, litIds);
        }

        private static int find(int[] pairs, int cls) {
            for (int k = 0; k < pairs.length; k += 2) {
                if (pairs[k] == cls) {
                    return pairs[k + 1];
                }
            }
            return -1;
        }

        /** Adds (cls, to) keeping the pairs sorted by class. */
        private static int[] insert(int[] pairs, int cls, int to) {
            int[] n = new int[pairs.length + 2];
            int i = 0;
            while (i < pairs.length && pairs[i] < cls) {
                i += 2;
            }
            System.arraycopy(pairs, 0, n, 0, i);
            n[i] = cls;
            n[i + 1] = to;
            System.arraycopy(pairs, i, n, i + 2, pairs.length - i);
            return n;
        }

        private static int[] add(int[] set, int id) {
            if (set == null) {
                return new int[] {id};
            }
            for (int x : set) {
                if (x == id) {
                    return set;
                }
            }
            int[] n = Arrays.copyOf(set, set.length + 1);
            n[set.length] = id;
            return n;
        }
    }
}
