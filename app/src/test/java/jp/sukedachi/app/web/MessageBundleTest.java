package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.EmployeeBand;
import jp.sukedachi.app.tenant.Industry;
import jp.sukedachi.app.tenant.Prefecture;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.event.Category;
import org.junit.jupiter.api.Test;

/** Every screen in Japanese and English: both bundles hold the same keys, and every key a page or enum uses exists. */
class MessageBundleTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9_.]+)[}(]");

    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessageBundleTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void japaneseAndEnglishHaveTheSameKeys() throws Exception {
        Properties ja = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(ja.stringPropertyNames());
        // Japanese really is Japanese: the default bundle's labels are not English placeholders.
        assertThat(ja.getProperty("login.submit")).isEqualTo("ログイン");
        assertThat(en.getProperty("login.submit")).isEqualTo("Log in");
    }

    @Test
    void everyKeyUsedByTemplatesAndEnumsExists() throws Exception {
        Properties ja = load("messages.properties");
        Set<String> used = new HashSet<>();
        Path templates = Path.of("src/main/resources/templates");
        // Sub-folders too (templates/selfcheck/...): a key used only there must exist as well.
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (Role r : Role.values()) {
            used.add(r.labelKey());
        }
        for (Industry i : Industry.values()) {
            used.add(i.labelKey());
        }
        for (EmployeeBand b : EmployeeBand.values()) {
            used.add(b.labelKey());
        }
        for (AuditAction a : AuditAction.values()) {
            used.add("audit.action." + a.name());
        }
        Prefecture.CODES.forEach(code -> used.add(Prefecture.labelKey(code)));
        // Every category has its label and its plain SME card (the mails tell the card's texts too).
        for (Category c : Category.values()) {
            String id = c.name().toLowerCase(Locale.ROOT);
            used.add("alert.category." + id);
            for (String part : new String[] {"headline", "what", "matters", "todo", "call"}) {
                used.add("plain." + id + "." + part);
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(used).allMatch(ja::containsKey, "defined in messages.properties");
    }
}
