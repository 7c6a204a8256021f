package jp.sukedachi.app.incident;

import java.time.Duration;
import java.util.Locale;

/**
 * An outside party a company may have to tell about an incident, with the time allowed from the moment the company
 * learned of it and the official page where the report or consultation is made. The list is data: a new party is one
 * constant here, one rule in {@link ReportingRules} and its texts ({@code reporting.party.<NAME>},
 * {@code reporting.draft.<NAME>.*}). Phone numbers are not kept here: they change, and the official pages hold them.
 */
enum ReportingParty {
    /** The contracted desk (this service) is told first — handbook §2.1 step 5. */
    DESK(Duration.ZERO, null),
    /** The simple cyber insurance of the service: tell the insurer as soon as possible so costs can be claimed. */
    INSURER(Duration.ofDays(1), null),
    /** The prefecture's police cyber-crime desk; the national page leads to each prefecture (handbook §2.6). */
    POLICE(Duration.ofDays(1), "https://www.npa.go.jp/bureau/cyber/soudan.html"),
    /** IPA's voluntary virus / unauthorised-access reports and its consultation desk for companies (§2.3). */
    IPA(Duration.ofDays(7), "https://www.ipa.go.jp/security/todokede/"),
    /** JPCERT/CC's incident report: coordination to take down phishing sites, defaced pages, C2 servers. */
    JPCERT(Duration.ofDays(1), "https://www.jpcert.or.jp/form/"),
    /** The PPC's preliminary report: "promptly", read by the PPC as about 3–5 days; we aim at the early end. */
    PPC_PRELIMINARY(Duration.ofDays(3), "https://www.ppc.go.jp/personalinfo/legal/leakAction/"),
    /** The PPC's final report: 30 days, 60 when a wrongful purpose may be the cause (see {@link ReportingRules}). */
    PPC_FINAL(Duration.ofDays(30), "https://www.ppc.go.jp/personalinfo/legal/leakAction/"),
    /** The affected people themselves (本人通知), promptly — due with the preliminary report. */
    PEOPLE(Duration.ofDays(3), null),
    /** Partners and customers whose data or systems may be affected, or who got mail in the company's name. */
    PARTNERS(Duration.ofDays(1), null);

    private final Duration due;
    private final String url;

    ReportingParty(Duration due, String url) {
        this.due = due;
        this.url = url;
    }

    /** The time allowed from learning of the incident (the usual one; {@link ReportingRules} may lengthen it). */
    Duration due() {
        return due;
    }

    /** The official page where the report is made, or null when the party is reached directly. */
    String url() {
        return url;
    }

    String labelKey() {
        return "reporting.party." + name();
    }

    /** The party in a URL: {@code ppc-preliminary}. */
    String path() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A party named in a URL or a request ({@code ppc-preliminary}, {@code PPC_PRELIMINARY}); null if none. */
    static ReportingParty parse(String text) {
        if (text == null) {
            return null;
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ReportingParty p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
