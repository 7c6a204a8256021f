package jp.sukedachi.detect.sigma;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;

/** Builds one-rule engines and Windows events for the unit tests. */
final class SigmaTestRules {
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    private static final LogsourceMappings MAPPINGS = LogsourceMappings.standard();

    private SigmaTestRules() {
    }

    /** A process_creation rule with this detection block (indented by the caller with 4 spaces). */
    static String processRule(String detection) {
        return """
                title: test
                id: 00000000-0000-0000-0000-000000000001
                logsource:
                    product: windows
                    category: process_creation
                detection:
                """ + detection;
    }

    static SigmaRule parse(String yaml) {
        SigmaParser.Parsed p = new SigmaParser().parse(yaml, "test.yml", "").getFirst();
        if (p.error() != null) {
            throw new AssertionError(p.error().category() + ": " + p.error().getMessage());
        }
        return p.rule();
    }

    static SigmaException reject(String yaml) {
        SigmaParser.Parsed p = new SigmaParser().parse(yaml, "test.yml", "").getFirst();
        if (p.error() == null) {
            throw new AssertionError("expected a refusal, the rule loaded");
        }
        return p.error();
    }

    /** True when the process_creation rule matches a Sysmon 1 event with these EventData fields. */
    static boolean matches(String detection, String... fields) {
        return matchesEvent(processRule(detection), sysmon(1, fields));
    }

    static boolean matchesEvent(String yaml, SecurityEvent e) {
        SigmaRule r = parse(yaml);
        boolean with = !SigmaEngine.compile(List.of(r), MAPPINGS).newMatcher().match(e).isEmpty();
        boolean without = !SigmaEngine.compile(List.of(r), MAPPINGS, false).newMatcher().match(e).isEmpty();
        if (with != without) {
            throw new AssertionError("prefilter changed the result: " + with + " vs " + without);
        }
        return with;
    }

    static SecurityEvent sysmon(int eventId, String... fields) {
        return windows(SYSMON, eventId, fields);
    }

    static SecurityEvent windows(String channel, int eventId, String... fields) {
        SecurityEvent.Builder b = SecurityEvent.builder("windows").timestamp(0).received(0)
                .original("EventID", Integer.toString(eventId)).original("Channel", channel);
        for (int i = 0; i < fields.length; i += 2) {
            b.original(fields[i], fields[i + 1]);
        }
        return b.build();
    }
}
