package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.sukedachi.event.Category;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every SigmaHQ rule gets the category its techniques mean for the company, checked on the real rule set. */
class SigmaCategoriesTest {
    private static Map<String, SigmaRule> byId;
    private static List<SigmaRule> rules;

    @BeforeAll
    static void load() {
        rules = SigmaRuleSet.load(Datasets.sigma().resolve("rules")).rules();
        byId = rules.stream().filter(r -> r.id() != null)
                .collect(Collectors.toMap(SigmaRule::id, Function.identity(), (a, b) -> a));
    }

    private static void assertCategory(String id, String title, Category expected) {
        SigmaRule rule = byId.get(id);
        assertThat(rule).as(title).isNotNull();
        assertThat(rule.title()).isEqualTo(title);
        assertThat(SigmaCategories.of(rule)).as(title).isEqualTo(expected);
    }

    @Test
    void ransomwaresLastStepsAreRansomware() {
        assertCategory("c947b146-0abc-4c87-9c64-b17e9d7274a2", "Shadow Copies Deletion Using Operating Systems Utilities",
                Category.RANSOMWARE);
        assertCategory("21ff4ca9-f13a-41ad-b828-0077b2af2e40", "Deletion of Volume Shadow Copies via WMI with PowerShell",
                Category.RANSOMWARE);
        assertCategory("1444443e-6757-43e4-9ea4-c8fc705f79a2", "Boot Configuration Tampering Via Bcdedit.EXE",
                Category.RANSOMWARE);
        assertCategory("c9fbe8e9-119d-40a6-9b59-dd58a5d84429",
                "Potential Ransomware or Unauthorized MBR Tampering Via Bcdedit.EXE", Category.RANSOMWARE);
        assertCategory("639c9081-f482-47d3-a0bd-ddee3d4ecd76", "All Backups Deleted Via Wbadmin.EXE", Category.RANSOMWARE);
        assertCategory("89f75308-5b1b-4390-b2d8-d6b2340efaf8", "Windows Backup Deleted Via Wbadmin.EXE", Category.RANSOMWARE);
        assertCategory("9703792d-fd9a-456d-a672-ff92efe4806a", "Backup Catalog Deleted", Category.RANSOMWARE);
        // PowerShell deleting Win32_ShadowCopy objects, and files renamed with a ransomware's extension appended.
        assertCategory("c1337eb8-921a-4b59-855b-4ba188ddcc42", "Deletion of Volume Shadow Copies via WMI with PowerShell - PS Script",
                Category.RANSOMWARE);
        assertCategory("e3f673b3-65d1-4d80-9146-466f8b63fa99", "Suspicious Appended Extension", Category.RANSOMWARE);
        assertCategory("4c6ca276-d4d0-4a8c-9e4c-d69832f8671f", "Antivirus - Ransomware Signature", Category.RANSOMWARE);
        assertCategory("8b9606c9-28be-4a38-b146-0e313cc232c1", "Potential Ransomware Activity Using LegalNotice Message",
                Category.RANSOMWARE);
        assertCategory("3eaf6218-3bed-4d8a-8707-274096f12a18", "Wannacry Killswitch Domain", Category.RANSOMWARE);
    }

    @Test
    void readingAShadowCopyToStealPasswordsIsNotRansomware() {
        assertCategory("c73124a7-3e89-44a3-bdc1-25fe4df754b1", "Copy From VolumeShadowCopy Via Cmd.EXE", Category.OTHER);
        assertCategory("6fe4aa1e-0531-4510-8be2-782154b73b48", "File Recovery From Backup Via Wbadmin.EXE", Category.OTHER);
    }

    @Test
    void anEncodedPowerShellCommandIsNotTalkingToAnAttackerServer() {
        assertCategory("ca2092a1-c273-4878-9b4b-0d60115bf5ea", "Suspicious Encoded PowerShell Command Line", Category.OTHER);
        assertCategory("06d71506-7beb-4f22-8888-e2e5e2ca7fd8", "Mimikatz Use", Category.OTHER);
        // Decoding a payload on the PC is tagged "data encoding" (a C2 technique): still no contact with a server.
        assertCategory("98767d61-b2e8-4d71-b661-e36783ee24c1", "Gzip Archive Decode Via PowerShell", Category.OTHER);
    }

    @Test
    void anOfficeDocumentSpawningAShellIsAFileThatInfectedThePc() {
        assertCategory("438025f9-5856-4663-83f7-52f878a70a50", "Suspicious Microsoft Office Child Process",
                Category.MALWARE_DOWNLOAD);
        assertCategory("e1693bc8-7168-4eab-8718-cdcaa68a1738", "Suspicious WMIC Execution Via Office Process",
                Category.MALWARE_DOWNLOAD);
        assertCategory("a018fdc3-46a3-44e5-9afb-2cd4af1d4b39", "Suspicious Execution From Outlook Temporary Folder",
                Category.MALWARE_DOWNLOAD);
    }

    @Test
    void downloadsAreMalwareDownloadsAndRemoteControlIsC2() {
        assertCategory("d059842b-6b9d-4ed1-b5c3-5b89143c6ede", "File Download Via Bitsadmin", Category.MALWARE_DOWNLOAD);
        assertCategory("21dd6d38-2b18-4453-9404-a0fe4a0cc288", "Curl Download And Execute Combination",
                Category.MALWARE_DOWNLOAD);
        assertCategory("00d0b5ab-1f55-4120-8e83-487c0a7baf19", "Download From Suspicious TLD - Blacklist",
                Category.MALWARE_DOWNLOAD);
        assertCategory("b52e84a3-029e-4529-b09b-71d19dd27e94", "Remote Access Tool - AnyDesk Execution", Category.C2);
        assertCategory("64d51a51-32a6-49f0-9f3d-17e34d640272", "Ngrok Usage with Remote Desktop Service", Category.C2);
        assertCategory("c3dbbc9f-ef1d-470a-a90a-d343448d5875",
                "Suspicious Non-Browser Network Communication With Telegram API", Category.C2);
        assertCategory("7100f7e3-92ce-4584-b7b7-01b40d3d4118", "Default Cobalt Strike Certificate", Category.C2);
        // The antivirus found the tool's file: a dangerous file, whatever the tool would do.
        assertCategory("97233998-3838-4581-88c6-f1d19d3993fb", "Antivirus - Remote Access Tools Signature",
                Category.MALWARE_DOWNLOAD);
    }

    @Test
    void passwordGuessingPhishingAndScansFromOutside() {
        assertCategory("9c8acf1a-cbf9-4db6-b63c-74baabe03e59", "NTLM Brute Force", Category.PASSWORD_GUESSING);
        assertCategory("28ecba0a-c743-4690-ad29-9a8f6f25a6f9", "Password Spray Activity", Category.PASSWORD_GUESSING);
        assertCategory("39b31e81-5f5f-4898-9c0e-2160cfc0f9bf", "HackTool - Hashcat Password Cracker Execution",
                Category.OTHER);
        assertCategory("3569aefd-e535-4391-8c18-24bd01a21eaf", "Suspicious Email Delivered In Microsoft 365",
                Category.PHISHING);
        assertCategory("ee39a9f7-5a79-4b0a-9815-d36b3cf28d3e", "Okta FastPass Phishing Detection", Category.PHISHING);
        assertCategory("974be8d2-283e-4033-ab08-7505b84204d0", "OpenCanary - Host Port Scan (SYN Scan)", Category.SCAN);
        assertCategory("1712bafe-be05-4a0e-89d4-17a3ed151bf5", "Potential Hello-World Scraper Botnet Activity",
                Category.SCAN);
        // A scanner run on an office PC is that PC exploring the network, not a probe from the Internet.
        assertCategory("f6ecd1cf-19b8-4488-97f6-00f0924991a3", "PUA - Nmap/Zenmap Execution", Category.OTHER);
    }

    @Test
    void whatWindowsItselfStoppedIsBlocked() {
        assertCategory("401e5d00-b944-11ea-8f9a-00163ecd60ae", "AppLocker Prevented Application or Script from Running",
                Category.BLOCKED);
    }

    @Test
    void everyRuleInhibitingRecoveryIsRansomwareSaveTheListedExceptions() {
        List<SigmaRule> recovery = rules.stream()
                .filter(r -> r.tags().stream().anyMatch(t -> t.equalsIgnoreCase("attack.t1490"))).toList();
        assertThat(recovery).hasSizeGreaterThan(15);
        List<String> notRansomware = recovery.stream().filter(r -> SigmaCategories.of(r) != Category.RANSOMWARE)
                .map(SigmaRule::title).sorted().toList();
        assertThat(notRansomware).containsExactly("Cisco Modify Configuration", "Copy From VolumeShadowCopy Via Cmd.EXE",
                "File Recovery From Backup Via Wbadmin.EXE", "New Root or CA or AuthRoot Certificate to Store",
                "Sensitive File Access Via Volume Shadow Copy Backup");
    }

    @Test
    void c2IsNeverConcludedFromAnExecutionTechniqueAlone() {
        for (SigmaRule r : rules) {
            boolean onlyExecution = !r.tags().isEmpty() && r.tags().stream().map(String::toLowerCase)
                    .filter(t -> t.startsWith("attack.t"))
                    .allMatch(t -> t.startsWith("attack.t1059") || t.startsWith("attack.t1218")
                            || t.startsWith("attack.t1027"))
                    && r.tags().stream().noneMatch(t -> t.toLowerCase().contains("command"));
            if (onlyExecution) {
                assertThat(SigmaCategories.of(r)).as(r.title()).isNotEqualTo(Category.C2);
            }
        }
    }

    @Test
    void theTitleIsNeverRead() {
        SigmaRule execution = byId.get("ca2092a1-c273-4878-9b4b-0d60115bf5ea");
        SigmaRule renamed = new SigmaRule("00000000-0000-0000-0000-000000000c2c", null,
                "Ransomware C2 beacon phishing brute force scan", execution.status(), execution.level(),
                execution.author(), execution.references(), execution.description(), execution.tags(),
                execution.logsource(), execution.folder(), execution.file(), execution.detection(), null);
        assertThat(SigmaCategories.of(renamed)).isEqualTo(SigmaCategories.of(execution)).isEqualTo(Category.OTHER);
    }

    @Test
    void emergingThreatRulesAboutARansomwareFamilyAreRansomware() {
        List<SigmaRule> emerging = SigmaRuleSet.load(Datasets.sigma().resolve("rules-emerging-threats")).rules();
        Map<String, Category> byFolder = emerging.stream().filter(r -> r.folder().contains("/Malware/"))
                .collect(Collectors.toMap(r -> r.folder().substring(r.folder().indexOf("/Malware/") + 9),
                        SigmaCategories::of, (a, b) -> a == Category.RANSOMWARE ? a : b));
        assertThat(byFolder).containsEntry("Ryuk", Category.RANSOMWARE).containsEntry("Conti", Category.RANSOMWARE)
                .containsEntry("Maze", Category.RANSOMWARE).containsEntry("Snatch", Category.RANSOMWARE)
                .containsEntry("WannaCry", Category.RANSOMWARE).containsEntry("BlueSky-Ransomware", Category.RANSOMWARE);
        assertThat(byFolder.get("Emotet")).isNotEqualTo(Category.RANSOMWARE);
        assertThat(byFolder.get("Formbook")).isNotEqualTo(Category.RANSOMWARE);
    }

    @Test
    void theRuleSetSpreadsOverTheCategoriesASigmaRuleCanMean() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (SigmaRule r : rules) {
            counts.merge(SigmaCategories.of(r), 1, Integer::sum);
        }
        System.out.printf("SigmaHQ rules/ (%d rules) by category: %s%n", rules.size(), counts); // the figure in the notes
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Category.RANSOMWARE, Category.MALWARE_DOWNLOAD,
                Category.C2, Category.PHISHING, Category.PASSWORD_GUESSING, Category.SCAN, Category.BLOCKED,
                Category.OTHER);
        // Most rules describe steps inside a PC (execution, persistence, credential theft) the owner cannot judge.
        assertThat(counts.get(Category.OTHER)).isGreaterThan(rules.size() / 2);
    }
}
