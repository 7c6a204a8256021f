package jp.sukedachi.app.triage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the owner is told to do, on the card the application renders: the first response of the handbook (cable
 * and Wi-Fi, the router's Internet side, no wiping, no paying), and on every card that can mean a personal-data
 * leak the legal duty (report to the Personal Information Protection Commission and notice to the people, 3–5
 * days / 30 / 60, the client first) with the desks to call when Sukedachi's cannot be reached.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class AdviceCardTest {
    /** The categories whose card can mean data left the company: malware, remote control, stolen logins, mail. */
    static final Set<Category> LEAK = EnumSet.of(Category.C2, Category.RANSOMWARE, Category.MALWARE_DOWNLOAD,
            Category.PHISHING, Category.PASSWORD_GUESSING, Category.BEACONING, Category.MAIL_BURST);
    /** Cards that cannot mean a leak by themselves (the blocked attacks have no card of their own). */
    static final Set<Category> NO_LEAK = EnumSet.of(Category.SCAN, Category.UNKNOWN_DEVICE, Category.OUTDATED_OS,
            Category.SILENT_DEVICE);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;

    Login admin;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void world() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("みどり会計"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    Alert alertOf(Category category) {
        // One PC per category: the owner's card tells the most serious story of its PC, so alerts of different
        // categories on one PC would all tell the same story.
        String host = "pc-" + category.name().toLowerCase().replace('_', '-');
        long at = System.currentTimeMillis();
        SecurityEvent e = SecurityEvent.builder("sysmon").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new java.util.UUID(1, 1))).timestamp(at).received(at).raw("event on " + host)
                .set(Ecs.HOST_NAME, host).set(Ecs.SOURCE_IP, "192.168.9." + (10 + category.ordinal())).build();
        Detection d = new Detection(e.tenant(), e.device(), at, "sigma", "advice-" + category.name(),
                "Test detection " + category.name(), Severity.HIGH, category, e, Map.of());
        triage.apply(List.of(d));
        return alerts.findByTenant(admin.actor(), tenant.id(), null, null, 100).stream()
                .filter(a -> a.ruleId().equals(d.ruleId())).findFirst().orElseThrow();
    }

    String card(Alert a, String lang) throws Exception {
        var r = mvc.perform(get("/my/alerts/" + a.id() + "?lang=" + lang)
                .with(authentication(world.authentication(owner)))).andReturn().getResponse();
        r.setCharacterEncoding("UTF-8");
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getContentAsString().replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'");
    }

    @Test
    void everyCardThatCanMeanALeakStatesTheLegalDutyAndTheFallbackDesks() throws Exception {
        for (Category c : LEAK) {
            Alert a = alertOf(c);
            String ja = card(a, "ja");
            assertThat(ja).as(c + " ja").contains("data-advice=\"legal\"")
                    .contains("法律で決まっていること")
                    .contains("個人情報保護委員会への報告と本人へのお知らせ")
                    .contains("漏れたと確定していなくても対象です")
                    .contains("人数にかかわらず")
                    .contains("要配慮個人情報").contains("1,000人を超える")
                    .contains("3〜5日ほど").contains("確報は30日以内").contains("60日以内")
                    .contains("まず預けたお客様にすぐ知らせてください")
                    // When the desk cannot be reached: police (110, the prefecture's desk), IPA, the Commission.
                    .contains("相談窓口につながらないとき").contains("110番")
                    .contains("都道府県警察のサイバー犯罪相談窓口")
                    .contains("href=\"https://www.ipa.go.jp/security/support/soudan.html\"")
                    .contains("href=\"https://www.npa.go.jp/bureau/cyber/soudan.html\"")
                    .contains("href=\"https://www.ppc.go.jp/personalinfo/legal/leakAction/\"");
            // The detail page shows it unfolded.
            assertThat(ja).containsPattern("<details class=\"advice legal-duty\"[^>]*open");
            String en = card(a, "en");
            assertThat(en).as(c + " en").contains("what the law requires")
                    .contains("a report to the Personal Information Protection Commission and a notice to the people")
                    .contains("whatever the number of people").contains("within 30 days (60 days")
                    .contains("tell that client at once").contains("call 110");
        }
    }

    @Test
    void cardsThatCannotMeanALeakCarryNoLegalDuty() throws Exception {
        for (Category c : NO_LEAK) {
            String ja = card(alertOf(c), "ja");
            assertThat(ja).as(c.name()).contains("data-category=\"" + c.name().toLowerCase() + "\"")
                    .doesNotContain("data-advice=\"legal\"").doesNotContain("個人情報保護委員会");
        }
    }

    @Test
    void theListFoldsTheDutyAwayButKeepsItOnTheCard() throws Exception {
        alertOf(Category.C2);
        var r = mvc.perform(get("/my/alerts").with(authentication(world.authentication(owner)))).andReturn()
                .getResponse();
        r.setCharacterEncoding("UTF-8");
        String list = r.getContentAsString();
        assertThat(list).contains("法律で決まっていること")
                .containsPattern("<details class=\"advice legal-duty\" data-advice=\"legal\">");
    }

    @Test
    void theRansomwareCardSaysCableAndWifiRouterNotItsPowerNoPayingNoWipingAndTheSixtyDayReport() throws Exception {
        Alert ransomware = alertOf(Category.RANSOMWARE);
        String ja = card(ransomware, "ja");
        assertThat(ja).contains("LANケーブルを抜き、Wi-Fiも切ってください").contains("機内モード")
                .contains("ルーター（インターネットの出入口の機器）のインターネット側のケーブルを抜いてください")
                .contains("ルーターの電源は切りません")
                .contains("電源を切るかどうかは、相談窓口の指示に従ってください")
                .contains("お金は払わず、攻撃者に連絡もしないでください")
                .contains("初期化やバックアップからの復元は、相談窓口の指示があるまでしないでください")
                .contains("外付けディスク")
                .contains("人数にかかわらず個人情報保護委員会への報告（速報は3〜5日ほどのうちに、確報は60日以内）");
        String en = card(ransomware, "en");
        assertThat(en).contains("unplug its network cable AND turn off its Wi-Fi").contains("airplane mode")
                .contains("Do not switch the router off").contains("do not contact the attacker")
                .contains("Do not wipe the computer or restore backups until the help desk tells you to");
    }

    @Test
    void thePhishingCardKeepsTheMailAndSendsCardDetailsToTheBank() throws Exception {
        Alert phishing = alertOf(Category.PHISHING);
        String ja = card(phishing, "ja");
        assertThat(ja).contains("その怪しいメールの添付ファイルやリンクは開かないでください")
                .contains("メールは消さず、転送もしないでください")
                .contains("もともと知っている電話番号で相手に確かめてください")
                .contains("すぐにカード会社や銀行に電話してください").doesNotContain("心当たりのメール");
        assertThat(card(phishing, "en")).contains("Do not delete or forward it")
                .contains("a number you already know").contains("call the card company or the bank at once");
    }

    @Test
    void theC2CardChangesPasswordsFromACleanDeviceAndWarnsPartners() throws Exception {
        Alert c2 = alertOf(Category.C2);
        String ja = card(c2, "ja");
        assertThat(ja).contains("とても危険です。すぐに対応してください。")
                .contains("感染していない別のパソコンかスマートフォンから、メールとネットバンキングのパスワードを変えてください")
                .contains("取引先に、貴社を名乗る不審なメールの添付ファイルやリンクを開かないよう伝えてください")
                .contains("どのくらい危ないか").doesNotContain("心配すべきか").doesNotContain("はい、とても心配です");
        String en = card(c2, "en");
        assertThat(en).contains("How serious is it?").contains("in your company's name")
                .doesNotContain("company''s").contains("(once)");
    }
}
