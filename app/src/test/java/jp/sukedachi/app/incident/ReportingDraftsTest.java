package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jp.sukedachi.app.incident.ReportingFacts.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The drafts carry the incident's facts in words, in Japanese and English, with no constant names or ids. */
class ReportingDraftsTest {
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages");
        m.setDefaultEncoding(StandardCharsets.UTF_8.name());
        m.setFallbackToSystemLocale(false);
        return m;
    }

    static ReportingDrafts.Input ransomware() {
        return new ReportingDrafts.Input("テスト工業株式会社", "13", "経理PCのファイルが開けない", IncidentType.RANSOMWARE,
                ReportingRulesTest.LEARNED, new ReportingFacts(ReportingRulesTest.LEARNED, PersonalData.YES, 30, false,
                        false, false, false, false, false, true),
                "経理の山田", "2026-06-01 09:40", "ファイルの拡張子が変わり、脅迫文が表示された", "本社2階 経理PC",
                "朝の始業時に気づいた", "顧客30人分の名簿が暗号化された", List.of("KEIRI-PC01", "NAS01"),
                List.of("LANケーブルを抜いた", "脅迫文を撮影した"));
    }

    @Test
    void everyDraftCarriesTheIncidentsFactsInJapanese() {
        var drafts = new ReportingDrafts(messages()).drafts(ransomware(), Arrays.asList(ReportingParty.values()),
                Locale.JAPANESE);
        assertThat(drafts).extracting(ReportingDrafts.Draft::party).doesNotContain(ReportingParty.DESK);
        for (var d : drafts) {
            assertThat(d.subject()).contains("テスト工業株式会社");
            assertThat(d.body()).contains("テスト工業株式会社", "東京都", "経理PCのファイルが開けない", "ランサムウェア",
                    "2026-06-01 10:00", "経理の山田", "本社2階 経理PC", "顧客30人分の名簿が暗号化された",
                    "KEIRI-PC01、NAS01", "LANケーブルを抜いた");
            assertNoConstantsOrIds(d);
        }
        var ppc = drafts.stream().filter(d -> d.party() == ReportingParty.PPC_PRELIMINARY).findFirst().orElseThrow();
        assertThat(ppc.body()).contains("30人分");
        assertThat(ppc.url()).startsWith("https://www.ppc.go.jp/");
        var police = drafts.stream().filter(d -> d.party() == ReportingParty.POLICE).findFirst().orElseThrow();
        assertThat(police.body()).contains("東京都の警察本部");
    }

    @Test
    void englishDraftsAndUnknownFactsAskTheSenderToFillIn() {
        var in = ransomware();
        var sparse = new ReportingDrafts.Input("Test Kogyo", null, "Files locked", IncidentType.PHISHING,
                in.openedAt(), ReportingFacts.unanswered(in.openedAt()), null, null, null, null, null, null,
                List.of(), List.of());
        var drafts = new ReportingDrafts(messages()).drafts(sparse, List.of(ReportingParty.JPCERT, ReportingParty.PARTNERS),
                Locale.ENGLISH);
        for (var d : drafts) {
            assertThat(d.body()).contains("Test Kogyo", "Files locked", "(fill in)", "(fill in the prefecture)")
                    .doesNotContain("reporting.", "incident.type");
            assertNoConstantsOrIds(d);
        }
        assertThat(new ReportingDrafts(messages()).draft(in, ReportingParty.PEOPLE, Locale.ENGLISH).body())
                .contains("30 people");
    }

    static void assertNoConstantsOrIds(ReportingDrafts.Draft d) {
        String all = d.subject() + "\n" + d.body();
        for (Enum<?> e : List.<Enum<?>>of(IncidentType.values()[0], IncidentType.PHISHING, IncidentType.LOST_DEVICE,
                PersonalData.YES, PersonalData.MAYBE, ReportingParty.PPC_PRELIMINARY, ReportingParty.POLICE)) {
            assertThat(all).doesNotContain(e.name());
        }
        assertThat(UUID_TEXT.matcher(all).find()).as(all).isFalse();
    }
}
