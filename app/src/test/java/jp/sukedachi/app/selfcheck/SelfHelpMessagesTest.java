package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import jp.sukedachi.app.selfcheck.assets.AssetField;
import jp.sukedachi.app.selfcheck.assets.AssetForm;
import jp.sukedachi.app.selfcheck.assets.Decision;
import jp.sukedachi.app.selfcheck.cloud.CloudAnswer;
import jp.sukedachi.app.selfcheck.lessons.Course;
import jp.sukedachi.app.selfcheck.policy.PolicyDocuments;
import jp.sukedachi.app.selfcheck.policy.PolicyRole;
import jp.sukedachi.app.selfcheck.policy.PolicySection;
import org.junit.jupiter.api.Test;

/** Every key the self-help code builds from enums and numbers is in both bundles (MessageBundleTest covers templates). */
class SelfHelpMessagesTest {
    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = SelfHelpMessagesTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyExistsInJapaneseAndEnglish() throws Exception {
        Set<String> used = new HashSet<>();
        for (PolicySection s : PolicySection.values()) {
            used.addAll(List.of(s.labelKey(), s.defaultKey()));
        }
        for (PolicyRole r : PolicyRole.values()) {
            used.addAll(List.of(r.labelKey(), r.dutyKey()));
        }
        for (int i = 1; i <= PolicyDocuments.RULE_SECTIONS; i++) {
            used.addAll(List.of("rules." + i + ".title", "rules." + i + ".body"));
        }
        for (AssetField f : AssetField.values()) {
            used.add(f.labelKey());
        }
        for (AssetForm f : AssetForm.values()) {
            used.add(f.labelKey());
        }
        for (Decision d : Decision.values()) {
            used.addAll(List.of(d.labelKey(), d.labelKey() + ".hint"));
        }
        for (CloudAnswer a : CloudAnswer.values()) {
            used.add(a.labelKey());
        }
        for (int q = 1; q <= 14; q++) {
            used.addAll(List.of("cloud.q." + q, "cloud.q." + q + ".todo"));
        }
        for (Course c : Course.values()) {
            used.add(c.labelKey());
        }
        used.addAll(List.of("policy.doc.title", "policy.doc.established", "policy.doc.dateFormat", "policy.default.headTitle",
                "rules.doc.title", "rules.doc.intro", "policy.role.unassigned"));
        Properties ja = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(used).hasSizeGreaterThan(80);
        assertThat(used).allMatch(ja::containsKey, "in messages.properties").allMatch(en::containsKey, "in messages_en.properties");
    }
}
