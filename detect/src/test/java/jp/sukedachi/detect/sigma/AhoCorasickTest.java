package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton against the obvious check (indexOf per literal), on overlapping and random literals. */
class AhoCorasickTest {
    private static TreeSet<Integer> scan(AhoCorasick ac, String text) {
        TreeSet<Integer> found = new TreeSet<>();
        ac.scan(text, ids -> {
            for (int id : ids) {
                found.add(id);
            }
        });
        return found;
    }

    @Test
    void findsOverlappingLiteralsInEitherCase() {
        AhoCorasick.Builder b = new AhoCorasick.Builder();
        String[] lits = {"he", "she", "his", "hers", "\\cmd.exe", "cmd"};
        for (int i = 0; i < lits.length; i++) {
            b.add(lits[i], i);
        }
        AhoCorasick ac = b.build();
        assertThat(scan(ac, "USHERS")).containsExactly(0, 1, 3);
        assertThat(scan(ac, "c:\\windows\\CMD.EXE /c")).containsExactly(4, 5);
        assertThat(scan(ac, "nothing here?")).containsExactly(0);
        assertThat(scan(ac, "")).isEmpty();
    }

    @Test
    void agreesWithIndexOfOnRandomInput() {
        agreesWithIndexOf(AhoCorasick.DENSE_BUDGET);
    }

    /** Only the root (or the root and a few states) dense: most steps go through the compact tier's failure links. */
    @Test
    void agreesWithIndexOfWhenMostStatesAreCompact() {
        agreesWithIndexOf(1);
        agreesWithIndexOf(20);
    }

    private static void agreesWithIndexOf(int denseBudget) {
        Random r = new Random(7);
        String alphabet = "ab\\.c";
        for (int round = 0; round < 200; round++) {
            AhoCorasick.Builder b = new AhoCorasick.Builder();
            String[] lits = new String[1 + r.nextInt(12)];
            for (int i = 0; i < lits.length; i++) {
                lits[i] = random(r, alphabet, 1 + r.nextInt(5));
                b.add(lits[i], i);
            }
            AhoCorasick ac = b.build(denseBudget);
            String text = random(r, alphabet + "X\u00e9", r.nextInt(40));
            TreeSet<Integer> expected = new TreeSet<>();
            for (int i = 0; i < lits.length; i++) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains(lits[i])) {
                    expected.add(i);
                }
            }
            assertThat(scan(ac, text)).as(text + " " + String.join(",", lits)).containsAll(expected);
            assertThat(scan(ac, text)).as("no false hits on ASCII literals").isEqualTo(expected);
        }
    }

    private static String random(Random r, String alphabet, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
