package jp.sukedachi.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.OwnerReading;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.detect.sigma.SigmaCategories;
import jp.sukedachi.detect.sigma.SigmaRule;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * What a company's owner reads, on the card (/my/alerts) and in the mail a real SMTP server (GreenMail) receives,
 * for every category and the stories the issue names: ransomware's last steps, a mail attachment from outside, a PC
 * known by name or not. The card and the mail tell the same story; nothing outside the company is ever named as a
 * thing to unplug; the mail's link is the owner's own page.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.notify.inline=true", "sukedachi.notify.sweep-initial-ms=3600000", "sukedachi.notify.digest-cron=-",
        "sukedachi.notify.quiet-hours=22:00-07:00", "sukedachi.notify.from=notify@provider.example.jp",
        "sukedachi.desk.phone=0120-000-222", "sukedachi.notify.public-url=https://portal.example.jp"})
@AutoConfigureMockMvc
class OwnerCardAndMailTest {
    /** 02:30 in Tokyo, inside the quiet hours: when the demo's manufacturer lost its shadow copies. */
    private static final Instant NIGHT = Instant.parse("2026-03-10T17:30:00Z");
    private static final Path SIGMA = Path.of("../../shared/datasets/sigmahq-sigma/rules");
    private static final GreenMail SMTP = OwnerReading.smtp();
    private static final Pattern UNPLUG_OUTSIDE = OwnerReading.UNPLUG_OUTSIDE;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OwnerReading.register(registry, SMTP);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NIGHT);
        }
    }

    @Autowired
    TestWorld world;
    @Autowired
    Triage triage;
    @Autowired
    AlertQueries alerts;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;

    Login admin;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void world() throws Exception {
        clock.advance(Duration.between(clock.instant(), NIGHT));
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Cards"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
        SMTP.purgeEmailFromAllMailboxes();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private SecurityEvent.Builder event(String format) {
        long at = clock.millis();
        return SecurityEvent.builder(format).tenant(new TenantId(tenant.id())).device(new DeviceId(new UUID(1, 1)))
                .timestamp(at).received(at).raw(format + " event");
    }

    private Detection detection(SecurityEvent e, String detector, String ruleId, String title, Severity hint,
            Category category, Map<String, String> context) {
        return new Detection(e.tenant(), e.device(), e.timestampMillis(), detector, ruleId, title, hint, category, e,
                context);
    }

    /** A real SigmaHQ rule firing on a Windows PC's own log: its category is what the detector decides. */
    private Detection sigma(String file, String host, String commandLine) throws IOException {
        Path path = SIGMA.resolve(file);
        SigmaRule rule = new SigmaRuleSet.Builder().add(Files.readString(path), path.toString(), "rules").build()
                .rules().getFirst();
        SecurityEvent e = event("winlogbeat").set(Ecs.HOST_NAME, host).set(Ecs.PROCESS_COMMAND_LINE, commandLine)
                .set(Ecs.PROCESS_PARENT_EXECUTABLE, "C:\\Users\\Public\\svchst.exe").build();
        return detection(e, "sigma", rule.id(), rule.title(), Severity.HIGH, SigmaCategories.of(rule), Map.of());
    }

    private List<Alert> alertsNow() {
        return alerts.alertsOf(admin.actor(), tenant.id(), 200);
    }

    private Alert alertWithRule(String ruleId) {
        return alertsNow().stream().filter(a -> a.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    private String page(String url) throws Exception {
        var r = mvc.perform(get(url).with(authentication(world.authentication(owner)))).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return HtmlUtils.htmlUnescape(r.getContentAsString());
    }

    private List<String> ownerMails() throws Exception {
        return OwnerReading.mailsTo(SMTP, owner.user().email());
    }

    /** The owner's mail about one alert (by the link to the owner's page, which every such mail has). */
    private String mailAbout(Alert a) throws Exception {
        return ownerMails().stream().filter(m -> m.contains("https://portal.example.jp/my/alerts/" + a.id()))
                .findFirst().orElseThrow(() -> new AssertionError("no mail to the owner links /my/alerts/" + a.id()));
    }

    /** The "what to do now" steps of a card on a page, in order. */
    private static List<String> steps(String page) {
        String todo = page.substring(page.indexOf("<ol class=\"todo\">"), page.indexOf("</ol>", page.indexOf("<ol class=\"todo\">")));
        List<String> out = new ArrayList<>();
        var m = Pattern.compile("<li>([^<]*)</li>").matcher(todo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void ransomwaresLastStepsGiveTheRansomwareCardAndAMailAtOnceEvenInQuietHours() throws Exception {
        List<Detection> lastSteps = List.of(
                sigma("windows/process_creation/proc_creation_win_susp_shadow_copies_deletion.yml", "TAKAHASHI-PC07",
                        "vssadmin.exe delete shadows /all /quiet"),
                sigma("windows/process_creation/proc_creation_win_bcdedit_boot_conf_tamper.yml", "TAKAHASHI-PC07",
                        "bcdedit /set {default} recoveryenabled no"),
                sigma("windows/process_creation/proc_creation_win_wbadmin_delete_backups.yml", "TAKAHASHI-PC07",
                        "wbadmin delete backup -quiet"),
                sigma("windows/powershell/powershell_script/posh_ps_susp_win32_shadowcopy_deletion.yml",
                        "TAKAHASHI-PC07", "Get-WmiObject Win32_ShadowCopy | ForEach-Object { $_.Delete() }"),
                sigma("windows/file/file_rename/file_rename_win_ransomware.yml", "TAKAHASHI-PC07",
                        "rename 図面_1.dwg -> 図面_1.dwg.locked"));
        assertThat(lastSteps).extracting(Detection::category).containsOnly(Category.RANSOMWARE);
        triage.apply(lastSteps);

        // One PC's five rules are one alert (Sigma groups by PC), so one mail, and it went out at once at 02:30.
        assertThat(ownerMails()).as("02:30 is quiet, yet the ransomware mail went out at once").hasSize(1);
        Alert a = alertWithRule(lastSteps.get(0).ruleId());
        assertThat(a.ruleIds()).containsExactlyInAnyOrderElementsOf(lastSteps.stream().map(Detection::ruleId).toList());
        String mail = mailAbout(a);
        assertThat(mail).contains("至急対応が必要").contains("ランサムウェア").contains("TAKAHASHI-PC07")
                .contains("払わ").contains("バックアップ").contains("Do not pay").contains("backup")
                .contains("https://portal.example.jp/my/alerts/" + a.id())
                .doesNotContain("https://portal.example.jp/alerts/");
        for (Detection d : lastSteps) {
            assertThat(mail.lines().findFirst().orElseThrow()).as("no English rule title in the subject")
                    .doesNotContain(d.title());
        }
        String card = page("/my/alerts/" + a.id());
        assertThat(card).contains("data-category=\"ransomware\"").contains("TAKAHASHI-PC07");
        assertThat(steps(card)).isNotEmpty().allSatisfy(step -> assertThat(mail).contains(step));
        // One PC, one story: the list shows one ransomware card for TAKAHASHI-PC07.
        String list = page("/my/alerts");
        assertThat(OwnerReading.cards(list)).isEqualTo(1);
        assertThat(list).contains("data-category=\"ransomware\"").contains("（5 回）"); // one alert of five detections
    }

    @Test
    void anInboundMailAttachmentGivesTheDoNotOpenCardNamingTheFileAndNeverTheSender() throws Exception {
        clock.advance(Duration.ofHours(7)); // 09:30 in Tokyo
        SecurityEvent e = event("suricata-eve").set(Ecs.SOURCE_IP, "203.0.113.45").set(Ecs.SOURCE_PORT, "50123")
                .set(Ecs.DESTINATION_IP, "192.168.7.5").set(Ecs.DESTINATION_PORT, "25").set(Ecs.NETWORK_PROTOCOL, "smtp")
                .set(Ecs.FILE_NAME, "報告書_1122.doc").set(Ecs.FILE_HASH_SHA256, "5d1e0c4a").build();
        triage.apply(List.of(detection(e, "intel", "sha256:5d1e0c4a", "Known malicious file 5d1e0c4a (demo: Dropper)",
                Severity.HIGH, Category.MALWARE_DOWNLOAD, Map.of("field", Ecs.FILE_HASH_SHA256))));
        Alert a = alertWithRule("sha256:5d1e0c4a");
        assertThat(a.entity()).as("the alert is keyed by the outside sender").isEqualTo("203.0.113.45");

        String card = page("/my/alerts/" + a.id());
        assertThat(card).contains("危険な添付ファイル「報告書_1122.doc」付きのメールが届きました")
                .contains("添付ファイル「報告書_1122.doc」は開かないでください").contains("削除せず")
                .contains("下の連絡先に電話").contains("開いてしまったら、そのパソコンのLANケーブルを抜き")
                .doesNotContain("203.0.113.45");
        String en = page("/my/alerts/" + a.id() + "?lang=en");
        assertThat(en).contains("Do not open the attachment \"報告書_1122.doc\"").contains("Do not delete")
                .doesNotContain("203.0.113.45");
        String mail = mailAbout(a);
        assertThat(mail).contains("「報告書_1122.doc」は開かないでください").contains("Do not open the attachment");
        assertThat(steps(card)).allSatisfy(step -> assertThat(mail).contains(step));
        assertThat(UNPLUG_OUTSIDE.matcher(mail).find()).isFalse();
    }

    @Test
    void aPcIsNamedByItsHostNameOrLeftForTheDeskToIdentifyNeverByAnOutsideAddress() throws Exception {
        clock.advance(Duration.ofHours(7)); // 09:30 in Tokyo: nothing held
        // The PC's own log ties its address to its name; the UTM knows only the address.
        SecurityEvent sysmon = event("winlogbeat").set(Ecs.HOST_NAME, "TAKAHASHI-PC07").set(Ecs.SOURCE_IP, "192.168.9.26")
                .set(Ecs.DESTINATION_IP, "203.0.113.121").set(Ecs.PROCESS_EXECUTABLE, "C:\\Windows\\System32\\rundll32.exe")
                .build();
        SecurityEvent utm = event("fortigate").set(Ecs.SOURCE_IP, "192.168.9.26").set(Ecs.DESTINATION_IP, "203.0.113.121")
                .build();
        SecurityEvent unknown = event("fortigate").set(Ecs.SOURCE_IP, "192.168.4.99").set(Ecs.DESTINATION_IP, "203.0.113.77")
                .build();
        SecurityEvent word = event("winlogbeat").set(Ecs.HOST_NAME, "KEIRI-PC02")
                .set(Ecs.PROCESS_EXECUTABLE, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
                .set(Ecs.PROCESS_PARENT_EXECUTABLE, "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE")
                .build();
        triage.apply(List.of(
                detection(sysmon, "sigma", "cdc8da7d-c303-42f8-b08c-b4ab47230263", "Rundll32 Internet Connection",
                        Severity.MEDIUM, Category.OTHER, Map.of()),
                detection(utm, "sensor", "fortigate-ips:47541", "UTM detected an intrusion (not blocked): Emotet.Botnet",
                        Severity.HIGH, Category.C2, Map.of()),
                detection(word, "sigma", "438025f9-5856-4663-83f7-52f878a70a50", "Suspicious Microsoft Office Child Process",
                        Severity.HIGH, Category.MALWARE_DOWNLOAD, Map.of()),
                detection(unknown, "intel", "ipv4:203.0.113.77", "Connection to known botnet C2 203.0.113.77",
                        Severity.HIGH, Category.C2, Map.of("field", Ecs.DESTINATION_IP))));

        String list = page("/my/alerts");
        assertThat(OwnerReading.cards(list))
                .as("one card for TAKAHASHI-PC07 (two alerts), one for KEIRI-PC02, one for the unnamed PC").isEqualTo(3);
        assertThat(list).contains("パソコン「TAKAHASHI-PC07」が攻撃者のサーバーと通信しています")
                .contains("このパソコンでほかにも見つかったこと").contains("その他の気になる動き")
                .contains("2 件の検知をまとめたもの")
                .contains("どのパソコンかは相談窓口が特定してお知らせします")
                .doesNotContain("「192.168.4.99」").doesNotContain("「192.168.9.26」");
        assertThat(UNPLUG_OUTSIDE.matcher(list).find()).isFalse();

        Alert macro = alertWithRule("438025f9-5856-4663-83f7-52f878a70a50");
        assertThat(page("/my/alerts/" + macro.id())).contains("開いた Word や Excel のファイルからウイルスが動き出した")
                .contains("KEIRI-PC02").contains("マクロ");
        // The PC's own page of its lesser alert tells the PC's story: the same as its card and its mail.
        Alert rundll = alertWithRule("cdc8da7d-c303-42f8-b08c-b4ab47230263");
        assertThat(page("/my/alerts/" + rundll.id())).contains("data-category=\"c2\"")
                .contains("パソコン「TAKAHASHI-PC07」が攻撃者のサーバーと通信しています");
        Alert utmAlert = alertWithRule("fortigate-ips:47541");
        assertThat(mailAbout(utmAlert)).contains("TAKAHASHI-PC07").doesNotContain("「192.168.9.26」");
        assertThat(mailAbout(alertWithRule("ipv4:203.0.113.77"))).contains("相談窓口が特定してお知らせします")
                .doesNotContain("「192.168.4.99」").doesNotContain("「203.0.113.77」");
    }

    @Test
    void aScanFromAnOfficePcTellsTheOwnerToTakeThatPcOffTheNetworkAndAnInternetScanStaysCalm() throws Exception {
        clock.advance(Duration.ofHours(7)); // 09:30 in Tokyo: nothing held
        // The PC's own log ties its address to its name; the scan detector sees only the address.
        SecurityEvent sysmon = event("winlogbeat").set(Ecs.HOST_NAME, "SATO-PC03").set(Ecs.SOURCE_IP, "192.168.9.41")
                .set(Ecs.DESTINATION_IP, "203.0.113.121").build();
        SecurityEvent lanScan = event("zeek").set(Ecs.SOURCE_IP, "192.168.9.41").set(Ecs.DESTINATION_IP, "192.168.9.77")
                .set(Ecs.DESTINATION_PORT, "445").build();
        SecurityEvent internetScan = event("suricata-eve").set(Ecs.SOURCE_IP, "198.51.100.23")
                .set(Ecs.DESTINATION_IP, "192.168.9.10").set(Ecs.DESTINATION_PORT, "3389").build();
        triage.apply(List.of(
                detection(sysmon, "sigma", "rule-net-connect", "Network connection", Severity.MEDIUM, Category.OTHER,
                        Map.of()),
                detection(lanScan, "scan", "horizontal-scan", "LAN host 192.168.9.41 tried port 445 on 40 hosts",
                        Severity.HIGH, Category.SCAN, Map.of("origin", "lan", "entity", "192.168.9.41",
                                "source", "192.168.9.41")),
                detection(internetScan, "sensor", "suricata:2001219", "ET SCAN Potential SSH Scan", Severity.HIGH,
                        Category.SCAN, Map.of())));

        String lan = page("/my/alerts/" + alertWithRule("horizontal-scan").id());
        assertThat(lan).contains("パソコン「SATO-PC03」がほかの機器の入口を次々に試しています")
                .contains("ワーム").doesNotContain("心配はいりません").doesNotContain("インターネットから");
        assertThat(steps(lan).getFirst()).contains("「SATO-PC03」をネットワークから外してください")
                .contains("LANケーブルを抜き").contains("電源は切らないでください");
        assertThat(mailAbout(alertWithRule("horizontal-scan"))).contains("SATO-PC03")
                .contains("Take \"SATO-PC03\" off the network");
        String outside = page("/my/alerts/" + alertWithRule("suricata:2001219").id());
        assertThat(outside).contains("インターネットから会社のネットワークが探られています")
                .doesNotContain("ネットワークから外してください");
        assertThat(mailAbout(alertWithRule("suricata:2001219")).lines().findFirst().orElseThrow())
                .as("a label that fits a scan from inside and from outside").contains("不審な接続の試み");
    }

    @Test
    void everyCategoryTellsTheOwnerTheSameStepsOnTheCardAndInTheMail() throws Exception {
        clock.advance(Duration.ofHours(7)); // 09:30 in Tokyo: nothing held
        List<Detection> all = new ArrayList<>();
        int n = 0;
        for (Category c : Category.values()) {
            n++;
            SecurityEvent e = event("fortigate").set(Ecs.SOURCE_IP, "192.168.20." + n)
                    .set(Ecs.DESTINATION_IP, "203.0.113.66").build();
            all.add(detection(e, "intel", "rule-" + c, "Connection to a C2 server 203.0.113.66", Severity.HIGH, c,
                    Map.of()));
        }
        triage.apply(all);
        for (Category c : Category.values()) {
            Alert a = alertWithRule("rule-" + c);
            String card = page("/my/alerts/" + a.id());
            assertThat(card).as(c.name()).contains("data-category=\"" + a.categoryId() + "\"");
            assertThat(UNPLUG_OUTSIDE.matcher(card).find()).as(c.name()).isFalse();
            String mail = mailAbout(a);
            assertThat(steps(card)).as(c.name()).isNotEmpty().allSatisfy(step -> assertThat(mail).contains(step));
            assertThat(UNPLUG_OUTSIDE.matcher(mail).find()).as(c.name()).isFalse();
            assertThat(mail.lines().findFirst().orElseThrow()).as(c.name() + ": subject").doesNotContain("Connection");
            if (c == Category.SILENT_DEVICE) {
                assertThat(mail).as("a silent monitoring device is checked, never unplugged")
                        .doesNotContain("LANケーブルを抜").doesNotContain("Unplug");
            }
        }
    }
}
