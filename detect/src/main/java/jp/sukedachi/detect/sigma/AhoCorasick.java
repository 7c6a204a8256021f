package jp.sukedachi.detect.sigma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-literal substring search (Aho–Corasick) as a dense DFA over a small alphabet: the ASCII characters
 * that occur in the literals get a class each, every other character shares one. Non-ASCII literal
 * characters share a class too, so a scan may report a literal that is not there, never miss one that is:
 * fine for a prefilter, whose hits are checked by the real test. ASCII letters match either case. Hand-written rather than a library
 * because the scan must allocate nothing and report straight into the caller's candidate marks.
 */
final class AhoCorasick {
    /** Receives the ids attached to a literal found in the text. */
    interface Marks {
        void mark(int[] ids);
    }

    private final byte[] classOf;
    private final int nonAscii;
    private final int classes;
    private final int[] next;
    private final int[][] out;

    private AhoCorasick(byte[] classOf, int nonAscii, int classes, int[] next, int[][] out) {
        this.classOf = classOf;
        this.nonAscii = nonAscii;
        this.classes = classes;
        this.next = next;
        this.out = out;
    }

    int states() {
        return out.length;
    }

    void scan(String s, Marks marks) {
        int st = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            st = next[st * classes + (c < 128 ? classOf[c] : nonAscii)];
            int[] o = out[st];
            if (o != null) {
                marks.mark(o);
            }
        }
    }

    static final class Builder {
        private final List<String> literals = new ArrayList<>();
        private final List<Integer> ids = new ArrayList<>();

        void add(String literal, int id) {
            if (!literal.isEmpty()) {
                literals.add(literal);
                ids.add(id);
            }
        }

        boolean isEmpty() {
            return literals.isEmpty();
        }

        AhoCorasick build() {
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
            // ASCII case folding: literals are lower case, so upper-case letters share their class and a
            // scan needs no lower-cased copy of the value.
            for (char c = 'A'; c <= 'Z'; c++) {
                classOf[c] = classOf[c + 32];
            }
            int nonAscii = classes++;
            int cap = 1;
            for (String l : literals) {
                cap += l.length();
            }
            int[] go = new int[cap * classes];
            Arrays.fill(go, -1);
            List<int[]> outs = new ArrayList<>();
            outs.add(null);
            int states = 1;
            for (int k = 0; k < literals.size(); k++) {
                String l = literals.get(k);
                int st = 0;
                for (int i = 0; i < l.length(); i++) {
                    char c = l.charAt(i);
                    int cls = c < 128 ? classOf[c] : nonAscii;
                    int to = go[st * classes + cls];
                    if (to < 0) {
                        to = states++;
                        go[st * classes + cls] = to;
                        outs.add(null);
                    }
                    st = to;
                }
                outs.set(st, add(outs.get(st), ids.get(k)));
            }
            int[] fail = new int[states];
            int[] next = Arrays.copyOf(go, states * classes);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int c = 0; c < classes; c++) {
                int v = next[c];
                if (v < 0) {
                    next[c] = 0;
                } else {
                    fail[v] = 0;
                    queue.add(v);
                }
            }
            while (!queue.isEmpty()) {
                int u = queue.poll();
                for (int c = 0; c < classes; c++) {
                    int v = next[u * classes + c];
                    if (v < 0) {
                        next[u * classes + c] = next[fail[u] * classes + c];
                    } else {
                        fail[v] = next[fail[u] * classes + c];
                        int[] inherited = outs.get(fail[v]);
                        if (inherited != null) {
                            int[] merged = outs.get(v);
                            for (int id : inherited) {
                                merged = add(merged, id);
                            }
                            outs.set(v, merged);
                        }
                        queue.add(v);
                    }
                }
            }
            return new AhoCorasick(classOf, nonAscii, classes, next, outs.toArray(new int[0][]));
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
