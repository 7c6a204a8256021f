package jp.sukedachi.app.support;

/**
 * The Sigma rules the windowed-state tests load: a rule every failed Windows logon (EventID 4625) matches, and the
 * correlation "five failed logons of one user within ten minutes" over it. Each test gives its own ids and titles.
 */
public final class SigmaTestRules {
    private SigmaTestRules() {
    }

    public static String failedLogon(String id, String title) {
        return """
                title: %s
                id: %s
                status: test
                level: low
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4625
                    condition: selection
                """.formatted(title, id);
    }

    public static String fiveFailedLogons(String id, String failedLogonId, String title) {
        return """
                title: %s
                id: %s
                status: test
                level: high
                correlation:
                    type: event_count
                    rules:
                        - %s
                    group-by:
                        - TargetUserName
                    timespan: 10m
                    condition:
                        gte: 5
                """.formatted(title, id, failedLogonId);
    }
}
