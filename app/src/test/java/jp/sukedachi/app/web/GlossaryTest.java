package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One word for one thing in everything an SME reads: both message bundles and the self-check lesson data. Each
 * rule names the word the product uses and the synonyms or translated-sounding phrases it must not; a failure
 * names the file, the key (or line) and the text.
 */
class GlossaryTest {
    /** A banned phrase, the word to use instead, and why. Matching ignores case (for the English rules). */
    record Rule(String banned, String use, String why) {
    }

    static final List<Rule> JAPANESE = List.of(
            new Rule("セルフチェック", "自社診断", "IPA's name for the 25-item check; one name for it and its pages"),
            new Rule("自己診断", "自社診断", "same check, same name"),
            new Rule("確認クイズ", "確認テスト", "the lesson's quiz has one name"),
            new Rule("社員", "従業員", "従業員 also covers part-timers and temporary staff, as in IPA's self-check"),
            new Rule("御社", "貴社", "貴社 is the written form; 御社 is spoken"),
            new Rule("二段階認証", "多要素認証", "two steps are not two kinds of check (handbook §1.3)"),
            new Rule("二要素認証", "多要素認証", "the product recommends one thing: 多要素認証"),
            new Rule("心当たりのメール", "その怪しいメール", "ambiguous: a mail you know, or a mail you suspect?"),
            new Rule("心配すべき", "どのくらい危ないか", "reads as a translation of 'does it matter'"),
            new Rule("とても心配です", "とても危険です", "reads as a translation"),
            new Rule("危険度：", "a sentence (「とても危険です。すぐに対応してください。」)", "label-style text reads as a translation"),
            new Rule("取りに行きました", "接続しました", "odd for a PC contacting a malware site"),
            new Rule("迷ったら「一部できている」", "「わからない」", "IPA scores an unsure answer as don't know (−1)"));

    static final List<Rule> ENGLISH = List.of(
            new Rule("two-step", "multi-factor authentication", "two steps are not two kinds of check"),
            new Rule("two-factor", "multi-factor authentication", "the product recommends one thing"),
            new Rule("2FA", "multi-factor authentication", "no unexplained abbreviations"),
            new Rule("self-diagnosis", "self-check", "one name for the 25-item check"),
            new Rule("self-assessment", "self-check", "one name for the 25-item check"),
            new Rule("(s)", "a plural or choice form", "\"1 alert(s)\" is not English a person writes"));

    static final Path RESOURCES = Path.of("src/main/resources");

    record Text(String where, String text) {
    }

    static List<Text> bundle(String name) throws Exception {
        Properties p = MessageBundleTest.load(name);
        List<Text> texts = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            texts.add(new Text(name + " " + key, p.getProperty(key)));
        }
        return texts;
    }

    /** Every line of the lesson data, named by file and line number (the YAML's structure does not matter here). */
    static List<Text> lessons(String suffix) throws Exception {
        List<Text> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(RESOURCES.resolve("selfcheck/lessons"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).strip().startsWith("#")) {
                        texts.add(new Text(RESOURCES.relativize(file) + ":" + (i + 1), lines.get(i)));
                    }
                }
            }
        }
        assertThat(texts).as("lesson data read").hasSizeGreaterThan(300);
        return texts;
    }

    static List<String> violations(List<Text> texts, List<Rule> rules) {
        List<String> found = new ArrayList<>();
        for (Text t : texts) {
            String lower = t.text().toLowerCase(Locale.ROOT);
            for (Rule r : rules) {
                if (lower.contains(r.banned().toLowerCase(Locale.ROOT))) {
                    found.add(t.where() + ": \"" + r.banned() + "\" → use \"" + r.use() + "\" (" + r.why() + "): "
                            + t.text());
                }
            }
        }
        return found;
    }

    @Test
    void japaneseTextsUseOneTermPerConcept() throws Exception {
        List<Text> texts = new ArrayList<>(bundle("messages.properties"));
        texts.addAll(lessons("_ja.yaml"));
        assertThat(violations(texts, JAPANESE)).isEmpty();
    }

    @Test
    void englishTextsUseOneTermPerConcept() throws Exception {
        List<Text> texts = new ArrayList<>(bundle("messages_en.properties"));
        texts.addAll(lessons("_en.yaml"));
        assertThat(violations(texts, ENGLISH)).isEmpty();
    }

    @Test
    void theChosenTermsAreTheOnesInUse() throws Exception {
        // The rules above are only right if the chosen words are really used: a rename of the self-check or of
        // the authentication advice must come back here.
        Properties ja = MessageBundleTest.load("messages.properties");
        assertThat(ja.getProperty("nav.selfcheck")).isEqualTo("自社診断");
        assertThat(ja.getProperty("lesson.quiz")).isEqualTo("確認テスト");
        assertThat(ja.getProperty("cloud.q.7.todo")).contains("多要素認証");
        assertThat(ja.getProperty("plain.campaign.what")).contains("貴社");
        assertThat(ja.getProperty("selfcheck.part.2")).contains("従業員");
        // The rule itself catches what it should.
        assertThat(violations(List.of(new Text("x", "御社の機器で、二段階認証を")), JAPANESE)).hasSize(2);
        assertThat(violations(List.of(new Text("x", "Use Two-Step verification")), ENGLISH)).hasSize(1);
    }

    @Test
    void everyAbbreviationAnSmeMeetsInTheLessonsIsExplained() throws Exception {
        // "BCC" is explained where the lesson first asks for it (the quiz choice may then use the bare word).
        for (String suffix : List.of("_ja.yaml", "_en.yaml")) {
            String todo = lessons(suffix).stream().map(Text::text).filter(l -> l.strip().startsWith("todo:")
                    && l.contains("BCC")).findFirst().orElseThrow();
            assertThat(todo).as(suffix).containsPattern("BCC ?[（(]");
        }
    }
}
