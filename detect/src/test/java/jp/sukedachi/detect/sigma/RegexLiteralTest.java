package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The literal the prefilter may require of a regular expression: only what every match contains, else none. */
class RegexLiteralTest {
    private static String lit(String re) {
        return RegexLiteral.required(Pattern.compile(re));
    }

    @Test
    void takesTheLongestPlainRunAtTheTopLevel() {
        assertThat(lit("\\$PSHome\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$PSHome\\[")).isEqualTo("$pshome[");
        assertThat(lit("\\$VerbosePreference\\.ToString\\(")).isEqualTo("$verbosepreference.tostring(");
        assertThat(lit("(?i)echo.*clip.*&&.*(Clipboard|i`?n`?v`?o`?k`?e`?)")).isEqualTo("echo");
        assertThat(lit("cmd.{0,5}(?:/c|/r).+clip(?:\\.exe)?.{0,4}&&")).isEqualTo("clip");
        assertThat(lit("\\*mdr\\*\\W\\s*\\)\\.Name")).isEqualTo(").name");
    }

    @Test
    void dropsWhatAQuantifierMakesOptionalButKeepsWhatPlusRepeats() {
        assertThat(lit("abcdX?efg")).isEqualTo("abcd");
        assertThat(lit("abcd*efg")).isEqualTo("abc");
        assertThat(lit("wxyz{0,2}q")).isEqualTo("wxy");
        assertThat(lit("abcd+efg")).isEqualTo("abcd");
    }

    @Test
    void givesUpOnWhatItDoesNotFullyRead() {
        assertThat(lit("abcdef|ghijkl")).isNull();
        assertThat(lit("\\Qabc.def\\E")).isNull();
        assertThat(lit("\\x41bcdef")).isNull();
        assertThat(lit("(abc)\\1defgh")).isNull();
        assertThat(lit("(?x)abc def")).isNull();
        assertThat(lit("[]abc]defgh")).isNull();
        assertThat(RegexLiteral.required(Pattern.compile("abc def", Pattern.COMMENTS))).isNull();
        assertThat(lit("ab.cd")).isNull();
    }

    @Test
    void underUnicodeCaseFoldingLettersWithNonAsciiTwinsBreakTheRun() {
        Pattern p = Pattern.compile("powershell", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        assertThat(p.matcher("power\u017Fhell").find()).as("the long s matches s").isTrue();
        assertThat(RegexLiteral.required(p)).isEqualTo("power");
        assertThat(RegexLiteral.required(Pattern.compile("powershell", Pattern.CASE_INSENSITIVE))).isEqualTo("powershell");
    }

    @Test
    void theLiteralIsInEveryMatchOfTheLowerCasedValue() {
        String[] res = {"\\$env:ComSpec\\[(\\s*\\d{1,3}\\s*,){2}", "(?i)Set-ItemProperty.+-Name\\s+ABC", "[A-Z]{3}-Invoke\\(x+y\\)"};
        String[] values = {"$env:ComSpec[ 4, 24, 25]", "x sET-itemproperty -path h -Name  ABC", "QQQ-Invoke(xxy)"};
        for (int i = 0; i < res.length; i++) {
            Pattern p = Pattern.compile(res[i]);
            assertThat(p.matcher(values[i]).find()).as(res[i]).isTrue();
            assertThat(values[i].toLowerCase(Locale.ROOT)).contains(RegexLiteral.required(p));
        }
    }
}
