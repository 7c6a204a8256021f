package jp.sukedachi.detect.sigma;

import static jp.sukedachi.detect.sigma.SigmaTestRules.matches;
import static jp.sukedachi.detect.sigma.SigmaTestRules.reject;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Condition forms, and refusals with their reason category. */
class SigmaConditionTest {
    private static final String SEARCHES = """
                sel_a:
                    CommandLine|contains: 'alpha'
                sel_b:
                    CommandLine|contains: 'beta'
                filter_x:
                    Image|endswith: '\\x.exe'
                _private:
                    CommandLine|contains: 'zzz'
            """;

    private static boolean when(String condition, String commandLine, String image) {
        return matches(SEARCHES + "    condition: " + condition + "\n", "CommandLine", commandLine, "Image", image);
    }

    @Test
    void andOrNotAndPrecedence() {
        assertThat(when("sel_a and sel_b", "alpha beta", "y.exe")).isTrue();
        assertThat(when("sel_a and sel_b", "alpha", "y.exe")).isFalse();
        assertThat(when("sel_a or sel_b", "beta", "y.exe")).isTrue();
        assertThat(when("sel_a and not filter_x", "alpha", "C:\\x.exe")).isFalse();
        assertThat(when("sel_a and not filter_x", "alpha", "C:\\y.exe")).isTrue();
        // and binds tighter than or: alpha or (beta and x)
        assertThat(when("sel_a or sel_b and filter_x", "alpha", "y.exe")).isTrue();
        assertThat(when("(sel_a or sel_b) and filter_x", "alpha", "y.exe")).isFalse();
        assertThat(when("not (sel_a or sel_b)", "gamma", "y.exe")).isTrue();
        assertThat(when("not not sel_a", "alpha", "y.exe")).isTrue();
    }

    @Test
    void oneOfAndAllOfPatternsAndThem() {
        assertThat(when("1 of sel_*", "beta", "y.exe")).isTrue();
        assertThat(when("all of sel_*", "beta", "y.exe")).isFalse();
        assertThat(when("all of sel_*", "alpha beta", "y.exe")).isTrue();
        assertThat(when("any of sel_*", "alpha", "y.exe")).isTrue();
        assertThat(when("1 of them", "none", "C:\\x.exe")).isTrue();
        assertThat(when("all of them", "alpha beta", "C:\\x.exe")).as("them skips _private").isTrue();
        assertThat(when("sel_a and not 1 of filter*", "alpha", "C:\\x.exe")).isFalse();
    }

    @Test
    void aListOfConditionsIsOr() {
        String d = SEARCHES + "    condition:\n        - sel_a\n        - sel_b\n";
        assertThat(matches(d, "CommandLine", "beta")).isTrue();
        assertThat(matches(d, "CommandLine", "gamma")).isFalse();
    }

    @Test
    void listOfMapsIsOrAndMapIsAnd() {
        String d = """
                    sel:
                        - Image|endswith: '\\a.exe'
                          CommandLine|contains: 'one'
                        - Image|endswith: '\\b.exe'
                    condition: sel
                """;
        assertThat(matches(d, "Image", "C:\\a.exe", "CommandLine", "one")).isTrue();
        assertThat(matches(d, "Image", "C:\\a.exe", "CommandLine", "two")).isFalse();
        assertThat(matches(d, "Image", "C:\\b.exe")).isTrue();
    }

    @Test
    void refusalsNameTheirReason() {
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image|sideways: x\n    condition: sel\n")).category())
                .isEqualTo("unknown modifier");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image: x\n    condition: sel and nothing\n")).getMessage())
                .contains("unknown search identifier nothing");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image: x\n    condition: sel and\n")).category())
                .isEqualTo("condition");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image: x\n    condition: (sel\n")).getMessage())
                .contains("missing )");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image: x\n    condition: sel | count() > 5\n")).getMessage())
                .contains("aggregation");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image|re: '(['\n    condition: sel\n")).category())
                .isEqualTo("regex");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image|cidr: 'x/99'\n    condition: sel\n")).category())
                .isEqualTo("cidr");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image: x\n")).getMessage()).contains("no condition");
        assertThat(reject("title: t\nlogsource: {product: windows}\ndetection: {sel: {a: b}, condition: sel}\n").getMessage())
                .contains("no id");
        assertThat(reject("title: [unclosed\n").category()).isEqualTo("yaml");
        assertThat(reject(SigmaTestRules.processRule("    sel:\n        Image: x\n    condition: 1 of nope*\n")).getMessage())
                .contains("no search identifier matches nope*");
    }

    @Test
    void scalarsStayAsWritten() {
        SigmaRule r = SigmaTestRules.parse("""
                title: t
                id: 0123
                date: 2024-01-01
                logsource: {product: windows, service: security}
                detection:
                    sel:
                        Answer: no
                        EventID: 4624
                    condition: sel
                """);
        assertThat(r.id()).isEqualTo("0123");
        assertThat(SigmaTestRules.matchesEvent("""
                title: t
                id: x
                logsource: {product: windows, service: security}
                detection:
                    sel:
                        Answer: no
                        EventID: 4624
                    condition: sel
                """, SigmaTestRules.windows("Security", 4624, "Answer", "No"))).isTrue();
    }
}
