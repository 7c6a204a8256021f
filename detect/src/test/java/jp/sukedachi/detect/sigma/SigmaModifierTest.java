package jp.sukedachi.detect.sigma;

import static jp.sukedachi.detect.sigma.SigmaTestRules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each value modifier and the wildcard/escaping rules, on one process_creation rule and one Sysmon 1 event. */
class SigmaModifierTest {

    @Test
    void plainValuesAreExactAndCaseInsensitive() {
        String d = "    sel:\n        Image: 'C:\\Windows\\System32\\cmd.exe'\n    condition: sel\n";
        assertThat(matches(d, "Image", "c:\\windows\\system32\\CMD.EXE")).isTrue();
        assertThat(matches(d, "Image", "C:\\Windows\\System32\\cmd.exe.bak")).isFalse();
        assertThat(matches(d, "CommandLine", "C:\\Windows\\System32\\cmd.exe")).as("other field").isFalse();
    }

    @Test
    void containsStartswithEndswith() {
        assertThat(matches("    sel:\n        CommandLine|contains: 'VSSADMIN'\n    condition: sel\n",
                "CommandLine", "cmd /c vssadmin delete shadows")).isTrue();
        assertThat(matches("    sel:\n        CommandLine|startswith: 'cmd'\n    condition: sel\n",
                "CommandLine", "xcmd")).isFalse();
        assertThat(matches("    sel:\n        Image|endswith: '\\rundll32.exe'\n    condition: sel\n",
                "Image", "C:\\Windows\\System32\\RUNDLL32.exe")).isTrue();
        assertThat(matches("    sel:\n        Image|endswith:\n            - '\\a.exe'\n            - '\\b.exe'\n    condition: sel\n",
                "Image", "C:\\b.exe")).as("a list is or").isTrue();
    }

    @Test
    void allNeedsEveryValue() {
        String d = "    sel:\n        CommandLine|contains|all:\n            - ' -w '\n            - 'hidden'\n    condition: sel\n";
        assertThat(matches(d, "CommandLine", "powershell -w hidden")).isTrue();
        assertThat(matches(d, "CommandLine", "powershell -w normal")).isFalse();
    }

    @Test
    void casedIsCaseSensitive() {
        String d = "    sel:\n        CommandLine|cased|contains: 'SeDebug'\n    condition: sel\n";
        assertThat(matches(d, "CommandLine", "x SeDebug y")).isTrue();
        assertThat(matches(d, "CommandLine", "x sedebug y")).isFalse();
    }

    @Test
    void wildcardsAndTheirEscapes() {
        String star = "    sel:\n        CommandLine: 'a*c?e'\n    condition: sel\n";
        assertThat(matches(star, "CommandLine", "aXXcYe")).isTrue();
        assertThat(matches(star, "CommandLine", "acYe")).isTrue();
        assertThat(matches(star, "CommandLine", "aXXcYYe")).isFalse();
        String escaped = "    sel:\n        CommandLine: 'a\\*b\\?'\n    condition: sel\n";
        assertThat(matches(escaped, "CommandLine", "a*b?")).isTrue();
        assertThat(matches(escaped, "CommandLine", "aXbY")).isFalse();
        // \\ is one backslash; a backslash before another character stays as written.
        String backslashes = "    sel:\n        CommandLine: 'C:\\\\dir\\file*'\n    condition: sel\n";
        assertThat(matches(backslashes, "CommandLine", "C:\\dir\\file.txt")).isTrue();
        String escapedBackslashThenStar = "    sel:\n        CommandLine: 'x\\\\*'\n    condition: sel\n";
        assertThat(matches(escapedBackslashThenStar, "CommandLine", "x\\anything")).as("\\\\* is backslash + wildcard").isTrue();
        assertThat(SigmaPattern.parse("a\\*b").toString()).isEqualTo("a\\*b");
    }

    @Test
    void regexWithFlags() {
        String d = "    sel:\n        CommandLine|re: '^cmd\\.exe /c [a-z]+$'\n    condition: sel\n";
        assertThat(matches(d, "CommandLine", "cmd.exe /c whoami")).isTrue();
        assertThat(matches(d, "CommandLine", "CMD.EXE /c whoami")).as("re is case-sensitive").isFalse();
        String i = "    sel:\n        CommandLine|re|i: '^cmd\\.exe'\n    condition: sel\n";
        assertThat(matches(i, "CommandLine", "CMD.EXE /c whoami")).isTrue();
        String m = "    sel:\n        CommandLine|re|m: '^second$'\n    condition: sel\n";
        assertThat(matches(m, "CommandLine", "first\nsecond\nthird")).isTrue();
        String s = "    sel:\n        CommandLine|re|s: 'a.b'\n    condition: sel\n";
        assertThat(matches(s, "CommandLine", "a\nb")).isTrue();
        String noS = "    sel:\n        CommandLine|re: 'a.b'\n    condition: sel\n";
        assertThat(matches(noS, "CommandLine", "a\nb")).isFalse();
    }

    @Test
    void cidrV4AndV6() {
        String d = "    sel:\n        SourceIp|cidr:\n            - '10.0.0.0/8'\n            - 'fe80::/10'\n    condition: sel\n";
        assertThat(matches(d, "SourceIp", "10.1.2.3")).isTrue();
        assertThat(matches(d, "SourceIp", "11.1.2.3")).isFalse();
        assertThat(matches(d, "SourceIp", "fe80::1")).isTrue();
        assertThat(matches(d, "SourceIp", "2001:db8::1")).isFalse();
        assertThat(matches(d, "SourceIp", "not-an-ip")).isFalse();
        assertThat(IpAddresses.parse("::ffff:1.2.3.4")).hasSize(16);
        assertThat(IpAddresses.parse("1.2.3")).isNull();
    }

    @Test
    void base64AndBase64offset() {
        String plain = "    sel:\n        CommandLine|base64: 'whoami'\n    condition: sel\n";
        assertThat(matches(plain, "CommandLine", b64("whoami"))).isTrue();
        String offset = "    sel:\n        CommandLine|base64offset|contains: 'http://'\n    condition: sel\n";
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String encoded = b64(prefix + "http://evil.example/x");
            assertThat(matches(offset, "CommandLine", "powershell -enc " + encoded)).as("offset " + prefix.length()).isTrue();
        }
        assertThat(matches(offset, "CommandLine", "powershell -enc " + b64("https://x"))).isFalse();
        // The specification's own example.
        assertThat(SigmaParser.base64Offsets("/bin/sh".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("L2Jpbi9za", "9iaW4vc2", "vYmluL3No");
    }

    @Test
    void utf16AndWideBeforeBase64() {
        String wide = "    sel:\n        CommandLine|wide|base64offset|contains: 'IEX'\n    condition: sel\n";
        String encoded = Base64.getEncoder().encodeToString("x; IEX (New-Object)".getBytes(StandardCharsets.UTF_16LE));
        assertThat(matches(wide, "CommandLine", "powershell -enc " + encoded)).isTrue();
        String be = "    sel:\n        CommandLine|utf16be|base64: 'ab'\n    condition: sel\n";
        assertThat(matches(be, "CommandLine", Base64.getEncoder().encodeToString("ab".getBytes(StandardCharsets.UTF_16BE)))).isTrue();
        assertThat(SigmaParser.encode("a", List.of("utf16", "base64"))).containsExactly(
                Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}));
        String le = "    sel:\n        CommandLine|utf16le|base64: 'ab'\n    condition: sel\n";
        assertThat(matches(le, "CommandLine", Base64.getEncoder().encodeToString("ab".getBytes(StandardCharsets.UTF_16LE)))).isTrue();
    }

    @Test
    void windashCoversEveryDashForm() {
        String d = "    sel:\n        CommandLine|windash|contains: ' -enc '\n    condition: sel\n";
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertThat(matches(d, "CommandLine", "powershell " + dash + "enc AAAA")).as(dash).isTrue();
        }
        assertThat(matches(d, "CommandLine", "powershell +enc AAAA")).isFalse();
        assertThat(SigmaPattern.parse("a-b").windashVariants()).as("a dash inside a word is no option").hasSize(1);
    }

    @Test
    void existsAndNull() {
        String exists = "    sel:\n        ParentCommandLine|exists: true\n    condition: sel\n";
        assertThat(matches(exists, "ParentCommandLine", "x")).isTrue();
        assertThat(matches(exists, "CommandLine", "x")).isFalse();
        String missing = "    sel:\n        ParentCommandLine|exists: false\n    condition: sel\n";
        assertThat(matches(missing, "CommandLine", "x")).isTrue();
        String nul = "    sel:\n        Image|endswith: '\\x.exe'\n        OriginalFileName: null\n    condition: sel\n";
        assertThat(matches(nul, "Image", "C:\\x.exe")).isTrue();
        assertThat(matches(nul, "Image", "C:\\x.exe", "OriginalFileName", "x.exe")).isFalse();
        String emptyString = "    sel:\n        Description: ''\n    condition: sel\n";
        assertThat(matches(emptyString, "Image", "C:\\x.exe")).as("ingest drops empty values, so '' means absent").isTrue();
    }

    @Test
    void numericComparisons() {
        assertThat(matches("    sel:\n        TerminalSessionId|gt: 1\n    condition: sel\n", "TerminalSessionId", "2")).isTrue();
        assertThat(matches("    sel:\n        TerminalSessionId|gt: 1\n    condition: sel\n", "TerminalSessionId", "1")).isFalse();
        assertThat(matches("    sel:\n        TerminalSessionId|gte: 1\n    condition: sel\n", "TerminalSessionId", "1")).isTrue();
        assertThat(matches("    sel:\n        TerminalSessionId|lt: 1\n    condition: sel\n", "TerminalSessionId", "0")).isTrue();
        assertThat(matches("    sel:\n        TerminalSessionId|lte: 1\n    condition: sel\n", "TerminalSessionId", "2")).isFalse();
        assertThat(matches("    sel:\n        TerminalSessionId|lt: 1\n    condition: sel\n", "TerminalSessionId", "x")).isFalse();
    }

    @Test
    void fieldrefComparesTwoFields() {
        String eq = "    sel:\n        ParentImage|fieldref: Image\n    condition: sel\n";
        assertThat(matches(eq, "Image", "C:\\a.exe", "ParentImage", "c:\\A.EXE")).isTrue();
        assertThat(matches(eq, "Image", "C:\\a.exe", "ParentImage", "C:\\b.exe")).isFalse();
        assertThat(matches(eq, "Image", "C:\\a.exe")).as("absent field").isFalse();
        String contains = "    sel:\n        CommandLine|fieldref|contains: Image\n    condition: sel\n";
        assertThat(matches(contains, "Image", "a.exe", "CommandLine", "run a.exe now")).isTrue();
    }

    @Test
    void expandPlaceholdersActAsWildcards() {
        String d = "    sel:\n        CommandLine|expand: '%Users%\\run.exe'\n    condition: sel\n";
        assertThat(matches(d, "CommandLine", "C:\\Users\\bob\\run.exe")).isTrue();
    }

    @Test
    void keywordsSearchEveryField() {
        String d = "    keywords:\n        - 'mimikatz'\n        - 'sekurlsa'\n    condition: keywords\n";
        assertThat(matches(d, "CommandLine", "x sekurlsa::logonpasswords")).isFalse(); // plain keyword = whole value
        String c = "    keywords:\n        '|contains':\n            - 'mimikatz'\n            - 'sekurlsa'\n    condition: keywords\n";
        assertThat(matches(c, "CommandLine", "x SEKURLSA::logonpasswords")).isTrue();
        String star = "    keywords:\n        - '*mimikatz*'\n    condition: keywords\n";
        assertThat(matches(star, "Description", "the mimikatz tool")).isTrue();
        assertThat(matches(c, "Image", "a.exe", "CommandLine", "run sekurlsa::x")).as("in a later field").isTrue();
        assertThat(matches(c, "Image", "C:\\seku", "CommandLine", "rlsa::x")).as("not across two fields").isFalse();
    }

    /** The matcher joins an event's values once per event: the next event's text replaces it. */
    @Test
    void keywordTextIsTheCurrentEventsOnly() {
        SigmaRule r = SigmaTestRules.parse(SigmaTestRules.processRule(
                "    keywords:\n        '|contains':\n            - 'mimikatz'\n            - 'sekurlsa'\n    condition: keywords\n"));
        SigmaEngine.Matcher m = SigmaEngine.compile(List.of(r), LogsourceMappings.standard()).newMatcher();
        assertThat(m.match(SigmaTestRules.sysmon(1, "CommandLine", "mimikatz.exe"))).hasSize(1);
        assertThat(m.match(SigmaTestRules.sysmon(1, "CommandLine", "notepad.exe"))).isEmpty();
        assertThat(m.match(SigmaTestRules.sysmon(1, "CommandLine", "x", "ParentCommandLine", "SEKURLSA::tickets"))).hasSize(1);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
