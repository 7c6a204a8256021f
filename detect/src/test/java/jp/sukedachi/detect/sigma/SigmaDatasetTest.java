package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.testkit.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The SigmaHQ snapshot (3,754 rules, 153 regression pairs) and the OTRF atomic datasets through the engine. */
class SigmaDatasetTest {
    static final List<String> RULE_FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting");
    private static SigmaRuleSet rules;
    private static SigmaEngine engine;
    private static final LogFormats FORMATS = LogFormats.standard();

    @BeforeAll
    static void load() {
        rules = allRules();
        engine = SigmaEngine.compile(rules.rules(), LogsourceMappings.standard());
    }

    static SigmaRuleSet allRules() {
        SigmaRuleSet.Builder b = new SigmaRuleSet.Builder();
        List<SigmaRuleSet.Rejected> rejected = new ArrayList<>();
        for (String d : RULE_FOLDERS) {
            SigmaRuleSet s = SigmaRuleSet.load(Datasets.sigma().resolve(d));
            s.rules().forEach(b::addRule);
            rejected.addAll(s.rejected());
        }
        SigmaRuleSet merged = b.build();
        rejected.addAll(merged.rejected());
        return new SigmaRuleSet(merged.rules(), List.copyOf(rejected));
    }

    @Test
    void everyRuleLoadsAndEachUnmappedLogSourceIsNamed() {
        assertThat(rules.rejected()).isEmpty();
        assertThat(rules.rules()).hasSize(3_754);
        assertThat(rules.rules()).noneMatch(SigmaRule::isCorrelation); // this snapshot has none
        assertThat(engine.activeRules()).hasSize(3_055);
        assertThat(engine.unmapped()).hasSize(699);
        assertThat(engine.activeRules().size() + engine.unmapped().size()).isEqualTo(3_754);
        Map<String, Integer> byProduct = new TreeMap<>();
        engine.unmapped().forEach(u -> {
            assertThat(u.reason()).startsWith("no event source for log source ");
            String p = u.rule().logsource().product();
            byProduct.merge(p == null ? "(none)" : p, 1, Integer::sum);
        });
        // Cloud, SaaS, macOS and application logs: no ingest format carries them yet; Linux process/file/auditd events too.
        assertThat(byProduct).containsEntry("aws", 57).containsEntry("azure", 124).containsEntry("macos", 75)
                .containsEntry("linux", 237).containsEntry("windows", 2);
        long windowsActive = engine.activeRules().stream().filter(r -> "windows".equals(r.logsource().product())).count();
        assertThat(windowsActive).isEqualTo(2_856);
    }

    @Test
    void everyRegressionPairFiresItsRule() throws IOException {
        SigmaEngine.Matcher m = engine.newMatcher();
        List<Path> infos;
        try (Stream<Path> s = Files.walk(Datasets.sigma().resolve("regression_data"))) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        assertThat(infos).hasSize(153);
        int fired = 0;
        int events = 0;
        int othersFiring = 0;
        Map<String, Integer> otherRules = new TreeMap<>();
        List<String> withoutEvents = new ArrayList<>();
        for (Path info : infos) {
            Map<String, Object> doc = new Yaml().load(Files.readString(info));
            String id = (String) ((Map<?, ?>) ((List<?>) doc.get("rule_metadata")).getFirst()).get("id");
            List<SecurityEvent> evs = eventsBeside(info);
            if (evs.isEmpty()) {
                withoutEvents.add(info.getParent().getFileName().toString());
                continue;
            }
            boolean hit = false;
            for (SecurityEvent e : evs) {
                events++;
                for (SigmaRule r : m.match(e)) {
                    if (r.id().equals(id)) {
                        hit = true;
                    } else {
                        othersFiring++;
                        otherRules.merge(r.id(), 1, Integer::sum);
                    }
                }
            }
            assertThat(hit).as(info + " must fire " + id).isTrue();
            fired++;
        }
        // The Cisco pair has only a raw syslog line; upstream comments its test out.
        assertThat(withoutEvents).containsExactly("cisco_cli_dot1x_disabled");
        assertThat(fired).isEqualTo(152);
        assertThat(events).isEqualTo(187);
        // Other rules firing on the same events (reported in the README): matches and distinct rules.
        assertThat(othersFiring).isEqualTo(EXPECTED_OTHER_MATCHES);
        assertThat(otherRules).hasSize(EXPECTED_OTHER_RULES);
    }

    /**
     * Every regular expression's prefilter literal is in every value it matches, over every field value of the OTRF
     * and regression events: a wrong literal would silently drop that rule's matches.
     */
    @Test
    void everyRegexLiteralIsInEveryValueItsRegexMatches() throws IOException {
        List<ValueTest.Regex> regexes = new ArrayList<>();
        for (SigmaRule r : rules.rules()) {
            if (!r.isCorrelation()) {
                collectRegexes(r.detection(), regexes);
            }
        }
        List<ValueTest.Regex> withLiteral = regexes.stream().filter(x -> x.requiredLiteral() != null).toList();
        assertThat(withLiteral.size()).as("most of SigmaHQ's regexes give a literal").isGreaterThan(regexes.size() / 2);
        List<Path> files = new ArrayList<>(otrfZips());
        try (Stream<Path> s = Files.walk(Datasets.sigma().resolve("regression_data"))) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        Set<String> values = new HashSet<>();
        for (Path f : files) {
            for (SecurityEvent e : EventFiles.parse(EventFiles.records(f), FORMATS, 0).events()) {
                e.forEachOriginal((n, v) -> values.add(v));
            }
        }
        int matched = 0;
        for (String v : values) {
            String lower = v.toLowerCase(Locale.ROOT);
            for (ValueTest.Regex x : withLiteral) {
                if (x.matches(v, lower)) {
                    matched++;
                    assertThat(lower).as(x.pattern().pattern()).contains(x.requiredLiteral());
                }
            }
        }
        assertThat(matched).as("regex matches checked").isPositive();
    }

    private static void collectRegexes(Expr x, List<ValueTest.Regex> out) {
        switch (x) {
            case Expr.And a -> a.items().forEach(i -> collectRegexes(i, out));
            case Expr.Or o -> o.items().forEach(i -> collectRegexes(i, out));
            case Expr.Not n -> collectRegexes(n.item(), out);
            case Expr.Field f -> f.tests().stream().filter(t -> t instanceof ValueTest.Regex).forEach(t -> out.add((ValueTest.Regex) t));
            case Expr.Keywords k -> k.tests().stream().filter(t -> t instanceof ValueTest.Regex).forEach(t -> out.add((ValueTest.Regex) t));
            default -> {
            }
        }
    }

    static final int EXPECTED_OTHER_MATCHES = 84;
    static final int EXPECTED_OTHER_RULES = 50;

    private static List<SecurityEvent> eventsBeside(Path info) throws IOException {
        List<SecurityEvent> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(info.getParent())) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsoncls")).sorted().toList()) {
                EventFiles.Parsed p = EventFiles.parse(EventFiles.records(f), FORMATS, 0);
                assertThat(p.unparsed()).as(f.toString()).isZero();
                out.addAll(p.events());
            }
        }
        return out;
    }

    static List<Path> otrfZips() throws IOException {
        try (Stream<Path> s = Files.walk(Datasets.path("otrf-security-datasets/atomic"))) {
            return s.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    @Test
    void otrfDatasetsFireTheReviewedRules() throws IOException {
        SigmaEngine.Matcher m = engine.newMatcher();
        List<String> actual = new ArrayList<>();
        Map<String, SigmaRule> byId = new HashMap<>();
        rules.rules().forEach(r -> byId.put(r.id(), r));
        Map<String, List<String>> titlesByDataset = new HashMap<>();
        for (Path zip : otrfZips()) {
            List<SecurityEvent> evs = EventFiles.parse(EventFiles.records(zip), FORMATS, 0).events();
            Map<String, Integer> fired = new TreeMap<>();
            for (SecurityEvent e : evs) {
                for (SigmaRule r : m.match(e)) {
                    fired.merge(r.id(), 1, Integer::sum);
                }
            }
            String name = zip.getFileName().toString();
            fired.forEach((id, n) -> {
                SigmaRule r = byId.get(id);
                actual.add(String.join("\t", name, id, Integer.toString(n), r.level(), r.title()));
                titlesByDataset.computeIfAbsent(name, k -> new ArrayList<>()).add(r.title());
            });
        }
        assertThat(actual).containsExactlyElementsOf(expected());
        // What each dataset's _metadata says the attack is, among the rules that fire (spot checks of the review).
        Map<String, String> technique = Map.ofEntries(
                Map.entry("cmd_bitsadmin_download_psh_script.zip", "File Download Via Bitsadmin"),
                Map.entry("cmd_mshta_vbscript_execute_psh.zip", "Suspicious MSHTA Child Process"),
                Map.entry("cmd_netsh_fw_mod_open_ports.zip", "New Firewall Rule Added Via Netsh.EXE"),
                Map.entry("psh_cmstp_execution_bypassuac.zip", "Bypass UAC via CMSTP"),
                Map.entry("psh_mavinject_dll_notepad.zip", "Mavinject Inject DLL Into Running Process"),
                Map.entry("wmic_remote_xsl_jscript.zip", "Potential Remote SquiblyTwo Technique Execution"),
                Map.entry("cmd_seatbelt_group_user.zip", "PUA - Seatbelt Execution"),
                Map.entry("covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges.zip",
                        "Active Directory Replication from Non Machine Account - DcSync Indicator"),
                Map.entry("cmd_lsass_memory_dumpert_syscalls.zip", "HackTool - Dumpert Process Dumper Default File"),
                Map.entry("psh_lsass_memory_dump_comsvcs.zip", "Process Memory Dump Via Comsvcs.DLL"),
                Map.entry("cmd_psexec_lsa_secrets_dump.zip", "PsExec Service Installation"),
                Map.entry("cmd_sam_copy_esentutl.zip", "Copying Sensitive Files with Credential Data"),
                Map.entry("empire_shell_reg_dump_sam.zip", "Dumping of Sensitive Hives Via Reg.EXE"),
                Map.entry("schtask_create.zip", "Scheduled Task Creation Via Schtasks.EXE"),
                Map.entry("aptsimulator_cobaltstrike.zip", "CobaltStrike Named Pipe"),
                Map.entry("cmd_userinitmprlogonscript_batch.zip", "Potential Persistence Via Logon Scripts - Registry"),
                Map.entry("empire_persistence_registry_modification_run_keys_elevated_user.zip",
                        "Suspicious PowerShell In Registry Run Keys"),
                Map.entry("cmd_service_mod_fax.zip", "Suspicious Service Path Modification"),
                Map.entry("mimikatz_CVE-2020-1472_Unauthenticated_NetrServerAuthenticate2.zip", "HackTool - Mimikatz Execution"));
        technique.forEach((zip, title) -> assertThat(titlesByDataset.get(zip)).as(zip).contains(title));
    }

    private static List<String> expected() throws IOException {
        try (InputStream in = SigmaDatasetTest.class.getResourceAsStream("/sigma/otrf-expected.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
    }

    /** The prefilters only skip rules that cannot match: with and without them, every event gets the same rules. */
    @Test
    void prefiltersNeverChangeWhatMatches() throws IOException {
        SigmaEngine.Matcher fast = engine.newMatcher();
        SigmaEngine.Matcher full = SigmaEngine.compile(rules.rules(), LogsourceMappings.standard(), false).newMatcher();
        int events = 0;
        int matches = 0;
        for (Path zip : otrfZips()) {
            for (SecurityEvent e : EventFiles.parse(EventFiles.records(zip), FORMATS, 0).events()) {
                List<String> a = fast.match(e).stream().map(SigmaRule::id).toList();
                assertThat(a).as(zip + " " + e.originalFields()).isEqualTo(full.match(e).stream().map(SigmaRule::id).toList());
                events++;
                matches += a.size();
            }
        }
        assertThat(events).isEqualTo(16_285);
        assertThat(matches).isPositive();
    }

    /**
     * The same on Sigma's regression events, which carry what the fast paths are for (obfuscated command lines,
     * emoji, PowerShell payloads, Mimikatz keywords): each rule's prefilter literal (regular expressions' too), the
     * automata, the keyword sampling and the indexed value lists against every test run one by one.
     */
    @Test
    void theFastPathsNeverChangeWhatMatchesOnTheRegressionEvents() throws IOException {
        SigmaEngine.Matcher fast = engine.newMatcher();
        SigmaEngine.Matcher full = SigmaEngine.compile(rules.rules(), LogsourceMappings.standard(), false).newMatcher();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Datasets.sigma().resolve("regression_data"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int matches = 0;
        for (Path f : files) {
            for (SecurityEvent e : EventFiles.parse(EventFiles.records(f), FORMATS, 0).events()) {
                List<String> a = fast.match(e).stream().map(SigmaRule::id).toList();
                assertThat(a).as(f.toString()).isEqualTo(full.match(e).stream().map(SigmaRule::id).toList());
                matches += a.size();
            }
        }
        assertThat(matches).isGreaterThanOrEqualTo(187);
        assertThat(fast.evaluated).as("the fast plan runs far fewer rules in full").isLessThan(full.evaluated / 10);
    }
}
