package jp.sukedachi.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;

/**
 * The matcher remembers, per automaton and field, a value it found nothing in, and skips the scan when the next event
 * brings an equal value: fewer scans, the same matches as the engine without prefilters, event after event.
 */
class SigmaRepeatedValuesTest {
    private static final SigmaRule KEYWORDS = SigmaTestRules.parse("""
            title: keywords
            id: 00000000-0000-0000-0000-000000000011
            logsource:
                product: windows
            detection:
                keywords:
                    - '*sekurlsa::*'
                    - '*lsadump::*'
                condition: keywords
            """);
    private static final SigmaRule COMMAND_LINE = SigmaTestRules.parse("""
            title: command line
            id: 00000000-0000-0000-0000-000000000012
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    CommandLine|contains:
                        - ' -encodedcommand '
                        - '\\\\temp\\\\'
                condition: selection
            """);

    private final List<SigmaRule> rules = List.of(KEYWORDS, COMMAND_LINE);
    private final SigmaEngine.Matcher fast = SigmaEngine.compile(rules, LogsourceMappings.standard()).newMatcher();
    private final SigmaEngine.Matcher full = SigmaEngine.compile(rules, LogsourceMappings.standard(), false).newMatcher();

    /** Process creation with fresh String instances, as a parser makes them for every record. */
    private static SecurityEvent process(String commandLine) {
        return SigmaTestRules.sysmon(1, "CommandLine", new String(commandLine), "Image",
                new String("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"), "User",
                new String("CONTOSO\\alice.example"));
    }

    private List<String> match(SecurityEvent e) {
        List<String> a = fast.match(e).stream().map(SigmaRule::title).toList();
        assertThat(a).as("the same as without prefilters").isEqualTo(full.match(e).stream().map(SigmaRule::title).toList());
        return a;
    }

    @Test
    void aValueFoundCleanIsNotScannedAgainWhileValuesWithHitsAreScannedForEveryEvent() {
        String quiet = "powershell.exe -NoProfile -Command Get-Date";
        assertThat(match(process(quiet))).isEmpty();
        long first = fast.scanned;
        assertThat(first).as("channel, image, user and command line read once").isGreaterThanOrEqualTo(4);

        assertThat(match(process(quiet))).isEmpty();
        assertThat(fast.scanned).as("the same values again: nothing scanned").isEqualTo(first);

        String dump = "rundll32 C:\\Temp\\x.dll sekurlsa::logonpasswords";
        assertThat(match(process(dump))).containsExactly("keywords", "command line");
        long afterDump = fast.scanned;
        assertThat(afterDump - first).as("only the new command line, for the keywords and its field").isEqualTo(2);

        assertThat(match(process(dump))).as("a value with hits is never skipped").containsExactly("keywords", "command line");
        assertThat(fast.scanned - afterDump).isEqualTo(2);

        assertThat(match(process(quiet))).as("back to the clean value, still remembered").isEmpty();
        assertThat(fast.scanned - afterDump).isEqualTo(2);

        assertThat(match(process("powershell.exe -EncodedCommand ZQBjAGgAbwA= -NoProfile")))
                .containsExactly("command line");
    }

    /** Values shorter than every literal are neither scanned nor remembered: an event of numbers costs no scan. */
    @Test
    void valuesShorterThanEveryLiteralAreNotScanned() {
        SecurityEvent e = SigmaTestRules.windows("Security", 4624, "LogonType", "3", "Status", "0x0");
        assertThat(match(e)).isEmpty();
        assertThat(fast.scanned).as("no value as long as the shortest literal (\"Security\" is 8, \"lsadump::\" 9)").isEqualTo(0);
    }
}
