package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every incident type has a first-response playbook whose tasks read in Japanese and in English. */
class PlaybooksTest {
    final Playbooks playbooks = new Playbooks();

    @Test
    void everyTypeHasTasksWithTextInJapaneseAndEnglish() {
        for (IncidentType type : IncidentType.values()) {
            assertThat(playbooks.of(type)).as(type.name()).isNotEmpty();
            assertThat(playbooks.of(type)).as(type.name()).anyMatch(Playbooks.Template::forCompany);
            for (Playbooks.Template t : playbooks.of(type)) {
                String ja = playbooks.text(t.key(), Locale.JAPANESE);
                String en = playbooks.text(t.key(), Locale.ENGLISH);
                assertThat(ja).as(t.key()).isNotBlank().doesNotContain("御社").containsPattern("[ぁ-んァ-ヶ一-龠]");
                assertThat(en).as(t.key()).isNotBlank().doesNotContainPattern("[ぁ-んァ-ヶ一-龠]");
            }
        }
    }

    @Test
    void theRansomwarePlaybookIsolatesWithoutPoweringOffAndPaysNothing() {
        var keys = playbooks.of(IncidentType.RANSOMWARE).stream().map(Playbooks.Template::key).toList();
        assertThat(keys.getFirst()).isEqualTo("isolate");
        assertThat(keys).contains("dont_pay", "police", "collect_logs");
        assertThat(playbooks.text("isolate", Locale.JAPANESE)).contains("LAN ケーブルを抜き").contains("電源は切らないで");
        assertThat(playbooks.text("isolate", Locale.ENGLISH)).contains("do not switch the PC off");
        assertThat(playbooks.of(IncidentType.RANSOMWARE).getFirst().forCompany()).isTrue();
        // A reader in another language gets the Japanese text, as the rest of the product does.
        assertThat(playbooks.text("isolate", Locale.FRENCH)).isEqualTo(playbooks.text("isolate", Locale.JAPANESE));
    }
}
