package jp.sukedachi.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.event.Category;
import jp.sukedachi.intel.match.RansomwareFamilies;

/**
 * The category of a Sigma rule's detections: what the rule's ATT&amp;CK techniques mean for the company (SigmaHQ
 * tags nearly every rule), where the rule looks (a PC's own logs or a network device's), and, for the few rules
 * whose tags say something else than the rule does, the rule's id. Never the words of the title.
 *
 * <p>The first row of {@link #TABLE} that fits decides; the order matters where a rule carries several
 * techniques (a BITS download over HTTP is a download, not C2; a remote-control tool that downloads is C2).
 */
public final class SigmaCategories {
    /**
     * Where the rule looks: a PC's or server's own logs, an antivirus's verdicts, anything else (network devices,
     * decoys, mail, cloud); ANY for a row that does not care.
     */
    private enum Where {
        ANY, HOST, NOT_HOST, ANTIVIRUS
    }

    /**
     * One row: the category when the rule carries one of {@code techniques} (a technique matches its
     * sub-techniques; a tactic is written as its name) and none of {@code unless}, looking {@code where}.
     */
    private record Row(Category category, Where where, Set<String> techniques, Set<String> unless) {
    }

    private static Row row(Category category, Where where, Set<String> techniques) {
        return new Row(category, where, techniques, Set.of());
    }

    private static final List<Row> TABLE = List.of(
            // Inhibit system recovery (shadow copies, bcdedit, wbadmin, System Restore, Time Machine), data encrypted
            // for impact, a ransom note as wallpaper or logon message: "ransomware is at work: unplug the PC and
            // the backup disks now".
            row(Category.RANSOMWARE, Where.ANY, Set.of("t1490", "t1486", "t1491.001")),
            // The PC's antivirus named a malicious file (tool, exploit kit, remote-control trojan, web shell):
            // "a dangerous file reached this PC".
            row(Category.MALWARE_DOWNLOAD, Where.ANTIVIRUS, Set.of()),
            // Brute force, password spraying, credential stuffing, failed-login bursts: "someone keeps trying
            // passwords on this account". Offline cracking of stolen hashes (t1110.002) is no login attempt.
            new Row(Category.PASSWORD_GUESSING, Where.ANY, Set.of("t1110"), Set.of("t1110.002")),
            // Phishing seen in mail, web or cloud logs, nothing fetched or run yet: "a fake mail or site; don't open,
            // don't type passwords".
            new Row(Category.PHISHING, Where.NOT_HOST, Set.of("t1566", "t1598"), Set.of("t1105", "t1203", "t1204")),
            // Remote-access tools, tunnels, proxies, C2 over web services, encrypted or odd-port channels:
            // "this PC is remote-controlled from outside".
            row(Category.C2, Where.ANY, Set.of("t1219", "t1572", "t1090", "t1095", "t1102", "t1573", "t1571",
                    "t1008", "t1001", "t1104", "t1205", "t1665")),
            // Encoded C2 traffic seen on the network. On a PC, SigmaHQ tags decoding a payload (Base64, gzip) with
            // the same technique: that is no contact with an attacker's server.
            row(Category.C2, Where.NOT_HOST, Set.of("t1132")),
            // Ingress tool transfer, BITS downloads, a malicious file or link the user opened (an Office macro
            // spawning a shell), exploits of the reader or browser, drive-by downloads: "a file infected this PC".
            // A server or privilege exploit tagged t1203 as well is no downloaded file.
            new Row(Category.MALWARE_DOWNLOAD, Where.ANY, Set.of("t1105", "t1197", "t1204", "t1189", "t1203"),
                    Set.of("t1190", "t1068")),
            // A phishing attachment already on the PC (macro file saved, ISO mounted, run from Outlook's temp):
            // "a dangerous file reached this PC".
            row(Category.MALWARE_DOWNLOAD, Where.HOST, Set.of("t1566")),
            // Web and DNS protocols used for C2, dynamic DNS and domain generation: "remote-controlled from outside".
            row(Category.C2, Where.ANY, Set.of("t1071", "t1568")),
            // Port and service scans and active scanning seen by a network device or decoy: "someone is probing for
            // open doors". A scanner run on an office PC is that PC exploring the network: no scan from outside.
            row(Category.SCAN, Where.NOT_HOST, Set.of("t1046", "t1595")),
            // Rules tagged with the command-and-control tactic and no technique above (a Cobalt Strike certificate,
            // a VS Code tunnel, Notepad opening connections): "remote-controlled from outside". Not a payload
            // decoded on a PC.
            new Row(Category.C2, Where.ANY, Set.of("command-and-control"), Set.of("t1132")));

    /**
     * Rules whose tags miss what the rule is about (rule-specific knowledge, each checked against the rule).
     * Keyed by SigmaHQ rule id.
     */
    private static final Map<String, Category> BY_ID = Map.ofEntries(
            // Tagged t1490 but read a shadow copy or a backup to steal passwords or restore files: no ransomware.
            Map.entry("c73124a7-3e89-44a3-bdc1-25fe4df754b1", Category.OTHER), // Copy From VolumeShadowCopy Via Cmd
            Map.entry("f57f8d16-1f39-4dcb-a604-6c73d9b54b3d", Category.OTHER), // Sensitive File Access Via VSC Backup
            Map.entry("6fe4aa1e-0531-4510-8be2-782154b73b48", Category.OTHER), // File Recovery From Backup Via Wbadmin
            // Tagged t1490 or t1486 for a configuration change that inhibits nothing and encrypts nothing.
            Map.entry("671ffc77-50a7-464f-9e3d-9ea2b493b26b", Category.OTHER), // Cisco Modify Configuration
            Map.entry("d223b46b-5621-4037-88fe-fda32eead684", Category.OTHER), // New Root or CA Certificate
            Map.entry("16124c2d-e40b-4fcc-8f2c-5ab7870a2223", Category.OTHER), // AWS EC2 Disable EBS Encryption
            // Ransomware's own steps that SigmaHQ tags as defence evasion: boot entries and the backup catalog deleted.
            Map.entry("c9fbe8e9-119d-40a6-9b59-dd58a5d84429", Category.RANSOMWARE), // MBR Tampering Via Bcdedit
            Map.entry("9703792d-fd9a-456d-a672-ff92efe4806a", Category.RANSOMWARE), // Backup Catalog Deleted
            // Windows itself stopped the program, driver or device: "your protection stopped something".
            Map.entry("401e5d00-b944-11ea-8f9a-00163ecd60ae", Category.BLOCKED), // AppLocker Prevented
            Map.entry("23b71bc5-953e-4971-be4c-c896cda73fc2", Category.BLOCKED), // Sysmon Blocked Executable
            Map.entry("c3e5c1b1-45e9-4632-b242-27939c170239", Category.BLOCKED), // Sysmon Blocked File Shredding
            Map.entry("0b0ea3cc-99c8-4730-9c53-45deee2a4c86", Category.BLOCKED), // Defender Blocked Unsigned DLL
            Map.entry("e4be5675-4a53-426a-8c81-a8bb2387e947", Category.BLOCKED), // CodeIntegrity Blocked Image/Driver
            Map.entry("6f156c48-3894-4952-baf0-16193e9067d2", Category.BLOCKED), // CodeIntegrity Revoked Certificate
            Map.entry("5daf11c3-022b-4969-adb9-365e6c078c7c", Category.BLOCKED), // CodeIntegrity Disallowed File
            Map.entry("9b72b82d-f1c5-4632-b589-187159bc6ec1", Category.BLOCKED), // CodeIntegrity Revoked Driver
            Map.entry("e021bbb5-407f-41f5-9dc9-1864c45a7a51", Category.BLOCKED), // AppX Blocked By Policy
            Map.entry("6ae53108-c3a0-4bee-8f45-c7591a2c337f", Category.BLOCKED), // AppX Blocked By AppLocker
            Map.entry("c9eb55c3-b468-40ab-9089-db2862e42137", Category.BLOCKED), // Device Installation Blocked
            // Audit mode: the program ran, AppLocker only noted it would have stopped it.
            Map.entry("557e3bd3-7f21-495d-8d50-7c8bdfb8041c", Category.OTHER), // AppLocker Would Have Been Blocked
            // Cloud sign-ins from a malicious, anonymous or unusual address, tagged as proxy or encrypted channel:
            // "someone is trying to log in to this account".
            Map.entry("a3f55ebd-0c01-4ed6-adc0-8fb76d8cd3cd", Category.PASSWORD_GUESSING), // Malicious IP Sign-In Failures
            Map.entry("36440e1c-5c22-467a-889b-593e66498472", Category.PASSWORD_GUESSING), // Malicious IP Sign-In
            Map.entry("821b4dc3-1295-41e7-b157-39ab212dd6bd", Category.PASSWORD_GUESSING), // Sign-In From Infected IP
            Map.entry("a3501e8e-af9e-43c6-8cd6-9360bdaae498", Category.PASSWORD_GUESSING), // From Suspicious IP
            Map.entry("d8b0a4fe-07a8-41be-bd39-b14afa025d95", Category.PASSWORD_GUESSING), // From Anonymous IP
            Map.entry("0f2468a2-5055-4212-a368-7321198ee706", Category.PASSWORD_GUESSING), // From Infrequent Country
            // WannaCry looks up its kill-switch domain before it encrypts.
            Map.entry("3eaf6218-3bed-4d8a-8707-274096f12a18", Category.RANSOMWARE), // Wannacry Killswitch Domain
            // Credential-relay hacking tools tagged as remote-access software: no outside control channel.
            Map.entry("bb09dd3e-2b78-4819-8e35-a7c1b874e449", Category.OTHER), // Inveigh Execution Artefacts
            Map.entry("3ab79e90-9fab-4cdf-a7b2-6522bc742adb", Category.OTHER), // RemoteKrbRelay Secrets Dump
            // Tagged with the C2 tactic only, but about something else.
            Map.entry("68c2c604-92ad-468b-bf4a-aac49adad08c", Category.MALWARE_DOWNLOAD), // Low Reputation TLD Or File
            Map.entry("8b69fd42-9dad-4674-abef-7fdef43ef92a", Category.OTHER), // DNS Query To Put.io (file sharing)
            Map.entry("5c82f0b9-3c6d-477f-a318-0e14a1df73e0", Category.OTHER), // Okta Security Threat Detected
            // Logins tried on a decoy: "someone is trying passwords".
            Map.entry("512cff7a-683a-43ad-afe0-dd398e872f36", Category.PASSWORD_GUESSING), // OpenCanary Telnet Login
            Map.entry("ff7139bc-fdb1-4437-92f2-6afefe8884cb", Category.PASSWORD_GUESSING), // OpenCanary SSH Login
            Map.entry("6991bc2b-ae2e-447f-bc55-3a1ba04c14e5", Category.PASSWORD_GUESSING), // OpenCanary FTP Login
            Map.entry("af1ac430-df6b-4b38-b976-0b52f07a0252", Category.PASSWORD_GUESSING), // OpenCanary HTTP Login
            Map.entry("5498fc09-adc6-4804-b9d9-5cca1f0b8760", Category.PASSWORD_GUESSING), // OpenCanary Proxy Login
            Map.entry("6e78f90f-0043-4a01-ac41-f97681613a66", Category.PASSWORD_GUESSING), // OpenCanary MSSQL Win Login
            Map.entry("3ec9a16d-0b4f-4967-9542-ebf38ceac7dd", Category.PASSWORD_GUESSING), // OpenCanary MSSQL Login
            Map.entry("e7d79a1b-25ed-4956-bd56-bd344fa8fd06", Category.PASSWORD_GUESSING)); // OpenCanary MySQL Login

    private SigmaCategories() {
    }

    public static Category of(SigmaRule rule) {
        Category known = rule.id() == null ? null : BY_ID.get(rule.id().toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        // Emerging-threats rules live in a folder named after the malware ("2019/Malware/Ryuk").
        String folder = rule.folder() == null ? "" : rule.folder();
        int malware = folder.indexOf("Malware/");
        if (malware >= 0 && RansomwareFamilies.family(folder.substring(malware + 8))) {
            return Category.RANSOMWARE;
        }
        List<String> tags = tags(rule);
        Where where = where(rule.logsource());
        for (Row r : TABLE) {
            if (fits(r, where, tags)) {
                return r.category();
            }
        }
        return Category.OTHER;
    }

    private static boolean fits(Row r, Where where, List<String> tags) {
        if (r.where() != Where.ANY && r.where() != where) {
            return false;
        }
        if (r.techniques().isEmpty()) {
            return true;
        }
        boolean any = false;
        for (String t : tags) {
            if (carries(r.unless(), t)) {
                return false;
            }
            any |= carries(r.techniques(), t);
        }
        return any;
    }

    /** A listed technique covers its sub-techniques: "t1110" covers "t1110.003"; "t1491.001" only itself. */
    private static boolean carries(Set<String> listed, String tag) {
        if (listed.contains(tag)) {
            return true;
        }
        int dot = tag.indexOf('.');
        return dot > 0 && listed.contains(tag.substring(0, dot));
    }

    /** ATT&CK tags without the "attack." prefix, lower case, tactics with hyphens (SigmaHQ wrote underscores once). */
    private static List<String> tags(SigmaRule rule) {
        List<String> out = new ArrayList<>(rule.tags().size());
        for (String raw : rule.tags()) {
            String t = raw.toLowerCase(Locale.ROOT);
            if (t.startsWith("attack.")) {
                out.add(t.substring(7).replace('_', '-'));
            }
        }
        return out;
    }

    private static Where where(SigmaRule.Logsource ls) {
        if (ls == null) {
            return Where.NOT_HOST;
        }
        if ("antivirus".equals(ls.category())) {
            return Where.ANTIVIRUS;
        }
        String product = ls.product() == null ? "" : ls.product().toLowerCase(Locale.ROOT);
        return switch (product) {
            case "windows", "linux", "macos" -> Where.HOST;
            default -> Where.NOT_HOST;
        };
    }
}
