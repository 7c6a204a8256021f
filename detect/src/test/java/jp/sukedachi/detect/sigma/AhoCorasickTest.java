package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton against the obvious check (indexOf per literal), on overlapping and random literals. */
class AhoCorasickTest {
    private static TreeSet<Integer> scan(AhoCorasick ac, String text) {
        TreeSet<Integer> found = new TreeSet<>();
        ac.scan(text, (key, ids) -> {
            for (int id : ids) {
                found.add(id);
            }
            return false;
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

    /** Long literals (the keyword lists): the skip scan, on texts dense with near-misses, against indexOf. */
    @Test
    void agreesWithIndexOfWhenItSkipsThroughTheText() {
        agreesWithIndexOf(AhoCorasick.DENSE_BUDGET, AhoCorasick.SKIP_MIN_LENGTH, 4, true);
        agreesWithIndexOf(AhoCorasick.DENSE_BUDGET, AhoCorasick.SKIP_MIN_LENGTH + 3, 2, true);
    }

    @Test
    void mimikatzKeywordsAreFoundInAnyCaseAndPosition() {
        AhoCorasick.Builder b = new AhoCorasick.Builder();
        String[] lits = {"sekurlsa::", "lsadump::", "\\mimilib.dll", "kiwi legit printer"};
        for (int i = 0; i < lits.length; i++) {
            b.add(lits[i], i);
        }
        AhoCorasick ac = b.build();
        assertThat(ac.skips()).isTrue();
        assertThat(scan(ac, "SEKURLSA::logonpasswords")).containsExactly(0);
        assertThat(scan(ac, "x lsadump::sam C:\\Temp\\MimiLib.DLL")).containsExactly(1, 2);
        assertThat(scan(ac, "Kiwi Legit Printer")).containsExactly(3);
        assertThat(scan(ac, "lsadump:")).isEmpty();
        assertThat(scan(ac, "kiwi")).isEmpty();
    }

    /**
     * The skip scan samples three characters every {@code m - 2} positions: a literal must be found wherever it starts
     * relative to the samples, flush against the text's start or end, and in a text exactly as long as itself — while
     * the same text one character short of it, at either end, reports nothing.
     */
    @Test
    void theSkipScanFindsALiteralAtEveryOffsetAndNothingWhenOneCharacterIsCut() {
        String[] lits = {"sekurlsa::", "lsadump::", "\\mimilib.dll", "kiwi legit printer", "event::drop"};
        AhoCorasick.Builder b = new AhoCorasick.Builder();
        for (int i = 0; i < lits.length; i++) {
            b.add(lits[i], i);
        }
        AhoCorasick ac = b.build();
        assertThat(ac.skips()).isTrue();
        String filler = "x:\\users\\public\\kiwi legit lsadump: sekurlsa:";
        for (int i = 0; i < lits.length; i++) {
            String lit = lits[i].toUpperCase(Locale.ROOT);
            for (int before = 0; before <= 12; before++) {
                for (int after = 0; after <= 3; after++) {
                    String text = filler.substring(0, before) + lit + filler.substring(0, after);
                    assertThat(scan(ac, text)).as(text).contains(i);
                }
            }
            assertThat(scan(ac, lit.substring(1))).as("cut at the start").doesNotContain(i);
            assertThat(scan(ac, lit.substring(0, lit.length() - 1))).as("cut at the end").doesNotContain(i);
        }
        assertThat(scan(ac, filler)).as("near misses only").isEmpty();
    }

    private static void agreesWithIndexOf(int denseBudget) {
        agreesWithIndexOf(denseBudget, 1, 5, false);
    }

    private static void agreesWithIndexOf(int denseBudget, int minLength, int spread, boolean skips) {
        Random r = new Random(7);
        String alphabet = "ab\\.c";
        for (int round = 0; round < 300; round++) {
            AhoCorasick.Builder b = new AhoCorasick.Builder();
            String[] lits = new String[1 + r.nextInt(12)];
            for (int i = 0; i < lits.length; i++) {
                lits[i] = random(r, alphabet, minLength + r.nextInt(spread));
                b.add(lits[i], i);
            }
            AhoCorasick ac = b.build(denseBudget);
            if (skips) {
                assertThat(ac.skips()).isTrue();
            }
            String text = random(r, alphabet + "X\u00e9", r.nextInt(skips ? 120 : 40));
            if (skips && r.nextBoolean()) {
                // Plant a literal (in upper case) so that hits are frequent, not only chance.
                int at = r.nextInt(text.length() + 1);
                text = text.substring(0, at) + lits[r.nextInt(lits.length)].toUpperCase(Locale.ROOT) + text.substring(at);
            }
            TreeSet<Integer> expected = new TreeSet<>();
            for (int i = 0; i < lits.length; i++) {
                if (text.toLowerCase(Locale.ROOT).contains(lits[i])) {
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

    /**
     * The matcher marks a literal's rules once per event by its key, so two automata of one engine must never share a
     * key, and a literal must bring the same ids under the same key wherever it is found, by either scan.
     */
    @Test
    void numberedKeysAreDistinctAcrossAutomataAndStableAcrossScans() {
        AhoCorasick.Builder small = new AhoCorasick.Builder();
        small.add("cmd", 0);
        small.add("powershell", 1);
        AhoCorasick automaton = small.build();
        AhoCorasick.Builder longOnes = new AhoCorasick.Builder();
        longOnes.add("mimikatz", 0);
        longOnes.add("sekurlsa", 1);
        AhoCorasick skipping = longOnes.build();
        assertThat(skipping.skips()).isTrue();
        int next = automaton.keyBase(10);
        int end = skipping.keyBase(next);
        assertThat(end).isGreaterThan(next).isGreaterThan(10);

        java.util.Map<Integer, int[]> keys = new java.util.HashMap<>();
        AhoCorasick.Marks record = (key, ids) -> {
            int[] before = keys.putIfAbsent(key, ids);
            assertThat(before == null || before == ids).as("key %d brings one id set", key).isTrue();
            return false;
        };
        for (String text : new String[] {"cmd /c powershell; CMD", "mimikatz sekurlsa::logonpasswords MIMIKATZ"}) {
            automaton.scan(text, record);
            skipping.scan(text, record);
        }
        assertThat(keys.keySet()).hasSize(4).allSatisfy(k -> assertThat(k).isBetween(10, end - 1));
        assertThat(keys.keySet().stream().filter(k -> k < next)).hasSize(2);
    }
}
