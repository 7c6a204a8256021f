package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Counts read as English ("once", "1 person", "3 people", never "1 times" or "alert(s)"), and no apostrophe is
 * eaten by the message formatter. Spring formats a text with {@link java.text.MessageFormat} only when it is
 * given arguments: then an apostrophe must be written twice ({@code device''s}); a text read without arguments
 * keeps what is written, so there a doubled apostrophe would show twice. Both are checked by rendering every
 * key the way the application does.
 */
class EnglishCountsTest {
    /** Placeholder without a choice or plural form, followed by a word that counts something. */
    static final Pattern BARE_COUNT = Pattern.compile("\\{(\\d+)(?:,number(?:,integer)?)?}\\)?\\s+(?:of the \\d+ )?"
            + "(times|people|persons|compan(?:y|ies)|alerts?|questions?|seconds?|minutes?|hours?|days?|records?|"
            + "characters?|lessons?|employees?|items?|devices?|rules?|events?|detections?|datagrams?|answers?|"
            + "services?|assets?|lines?|incidents?|users?|customers?|were|are)\\b");

    /** Keys whose arguments are counts, with the argument indexes that must have a plural (choice) form. */
    static final Map<String, int[]> COUNTS = Map.ofEntries(
            Map.entry("home.sme.users", new int[] {0}),
            Map.entry("home.staff.tenants", new int[] {0}),
            Map.entry("sme.alerts.seen", new int[] {2}),
            Map.entry("sme.alerts.blocked", new int[] {0}),
            Map.entry("alerts.bulk.result", new int[] {0, 1}),
            Map.entry("password.tooShort", new int[] {0}),
            Map.entry("password.tooLong", new int[] {0}),
            Map.entry("sc.check.missing", new int[] {0}),
            Map.entry("sc.peers.tooFew", new int[] {0}),
            Map.entry("sc.peers.numbers", new int[] {0}),
            Map.entry("sc.sa.one.notReady", new int[] {0}),
            Map.entry("lesson.course.progress", new int[] {1}),
            Map.entry("input.tooLong", new int[] {1}),
            Map.entry("input.tooMany", new int[] {1}),
            Map.entry("suppression.expiryTooFar", new int[] {0}),
            Map.entry("runtime.problem.consumer-failing", new int[] {0}),
            Map.entry("runtime.problem.stalled", new int[] {0, 1}),
            // notes (issue 16): the knowledge base
            Map.entry("help.articles.found", new int[] {0}),
            Map.entry("article.tags.tooMany", new int[] {0, 1}),
            Map.entry("article.search.tooManyWords", new int[] {0}));

    /** Placeholders that look like counts but hold a label: the size band ("1–5", "301 or more") of the company. */
    static final java.util.Set<String> LABELS = java.util.Set.of("sc.peers.group");

    static ResourceBundleMessageSource messages() {
        // As application.yml configures it (spring.messages.*).
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages");
        m.setDefaultEncoding(StandardCharsets.UTF_8.name());
        m.setFallbackToSystemLocale(false);
        return m;
    }

    /** Arguments as the application passes them: the plain cards always get three; other texts only if they use any. */
    static Object[] args(String key, String text, int value) {
        boolean formatted = key.startsWith("plain.") || key.startsWith("card.") || Pattern.compile("\\{\\d").matcher(text).find();
        return formatted ? new Object[] {value, value, value, value, value} : null;
    }

    /** The text with every {@code {n,choice,…}} block cut out (its inner {@code {n,number}} is already counted). */
    static String withoutChoices(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf(",choice,", i);
            int open = start < 0 ? -1 : text.lastIndexOf('{', start);
            if (open < i) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int depth = 0;
            int j = open;
            for (; j < text.length(); j++) {
                depth += text.charAt(j) == '{' ? 1 : text.charAt(j) == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            out.append("#");
            i = j + 1;
        }
        return out.toString();
    }

    @Test
    void everyEnglishCountUsesAPluralForm() throws Exception {
        Properties en = MessageBundleTest.load("messages_en.properties");
        List<String> bare = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            Matcher m = BARE_COUNT.matcher(withoutChoices(en.getProperty(key)));
            if (!LABELS.contains(key) && m.find()) {
                bare.add(key + ": {" + m.group(1) + "} counts \"" + m.group(2) + "\" without a choice form: "
                        + en.getProperty(key));
            }
        }
        COUNTS.forEach((key, indexes) -> {
            for (int i : indexes) {
                if (!en.getProperty(key, "").contains("{" + i + ",choice,")) {
                    bare.add(key + ": argument " + i + " is a count and needs {" + i + ",choice,1#…|1<…}: "
                            + en.getProperty(key));
                }
            }
        });
        assertThat(bare).isEmpty();
        // Every card's "what happened" says "once" or "N times".
        en.stringPropertyNames().stream().filter(k -> k.startsWith("plain.") && k.endsWith(".what"))
                .filter(k -> en.getProperty(k).contains("{1"))
                .forEach(k -> assertThat(en.getProperty(k)).as(k).contains("{1,choice,1#once|"));
    }

    @Test
    void countsOfOneAndOfManyReadAsEnglish() {
        ResourceBundleMessageSource m = messages();
        Properties en = load();
        Pattern oneWithPlural = Pattern.compile("\\b1 (times|people|companies|characters|seconds|days|lessons|alerts"
                + "|questions|records|were|are)\\b|\\(s\\)");
        for (String key : en.stringPropertyNames()) {
            String one = m.getMessage(key, args(key, en.getProperty(key), 1), Locale.ENGLISH);
            assertThat(oneWithPlural.matcher(one).find()).as(key + " with 1 reads \"" + one + "\"").isFalse();
        }
        assertThat(m.getMessage("sme.alerts.seen", new Object[] {"a", "b", 1}, Locale.ENGLISH)).endsWith("(once)");
        assertThat(m.getMessage("sme.alerts.seen", new Object[] {"a", "b", 1234}, Locale.ENGLISH))
                .endsWith("(1,234 times)");
        assertThat(m.getMessage("home.sme.users", new Object[] {1L}, Locale.ENGLISH))
                .isEqualTo("One person in your company uses Sukedachi");
        assertThat(m.getMessage("home.sme.users", new Object[] {3L}, Locale.ENGLISH))
                .isEqualTo("3 people in your company use Sukedachi");
        assertThat(m.getMessage("input.tooMany", new Object[] {500, 1}, Locale.ENGLISH)).contains("(one was chosen)");
        assertThat(m.getMessage("input.tooMany", new Object[] {500, 600}, Locale.ENGLISH)).contains("(600 were chosen)");
    }

    static Properties load() {
        try {
            return MessageBundleTest.load("messages_en.properties");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noApostropheIsLostOrDoubledWhenAKeyIsRendered() throws Exception {
        ResourceBundleMessageSource m = messages();
        Pattern word = Pattern.compile("[A-Za-z]+'{1,2}[A-Za-z]+");
        List<String> broken = new ArrayList<>();
        for (Locale locale : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            Properties p = MessageBundleTest.load(locale == Locale.JAPANESE ? "messages.properties"
                    : "messages_en.properties");
            for (String key : p.stringPropertyNames()) {
                String text = p.getProperty(key);
                String shown = m.getMessage(key, args(key, text, 2), locale);
                Matcher w = word.matcher(text);
                while (w.find()) {
                    String meant = w.group().replace("''", "'");
                    if (!shown.contains(meant)) {
                        broken.add(key + " (" + locale + "): \"" + meant + "\" shows as: " + shown);
                    }
                }
                if (shown.contains("''") || shown.matches("(?s).*\\{\\d.*")) {
                    broken.add(key + " (" + locale + "): shows as: " + shown);
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(m.getMessage("device.token.shownOnce", new Object[] {"utm-01"}, Locale.ENGLISH))
                .contains("the device's settings");
    }
}
