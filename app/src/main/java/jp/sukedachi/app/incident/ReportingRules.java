package jp.sukedachi.app.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which outside parties a company must or should tell about an incident, and by when — from the incident's type and
 * the facts asked on the reporting page. Each rule is one method citing the duty it comes from (the Act on the
 * Protection of Personal Information §26 with its enforcement rules §7–§10, and the first-response steps of the
 * handbook extract §2). Pure: the same input always gives the same duties.
 */
final class ReportingRules {
    /** Attacks: someone acted on purpose, so a leak's cause "may be a wrongful purpose" (APPI rules §7 (iii)). */
    static final Set<IncidentType> ATTACKS = EnumSet.of(IncidentType.RANSOMWARE, IncidentType.MALWARE,
            IncidentType.PHISHING, IncidentType.UNAUTHORISED_ACCESS, IncidentType.DEFACEMENT);
    /** More people than this makes any leak reportable (APPI rules §7 (iv)). */
    static final int PPC_PEOPLE_THRESHOLD = 1000;
    /** The PPC's final report when a wrongful purpose may be the cause (APPI rules §8 (2)). */
    static final Duration PPC_FINAL_MALICIOUS = Duration.ofDays(60);

    private ReportingRules() {
    }

    /** One party to tell, by when, and why (a message key); {@code doneAt} set when telling it is already done. */
    record Required(ReportingParty party, Instant dueAt, String reasonKey, Instant doneAt) {
    }

    static List<Required> required(IncidentType type, ReportingFacts facts, Instant openedAt) {
        List<Required> out = new ArrayList<>();
        Instant learned = facts.learnedAt();
        // Handbook §2.1 (5): the contracted desk first — it knows, since it opened this incident.
        out.add(new Required(ReportingParty.DESK, learned, "reporting.reason.DESK", openedAt));
        if (insurerNeeded(type, facts)) {
            out.add(due(ReportingParty.INSURER, learned, "reporting.reason.INSURER"));
        }
        if (policeNeeded(type, facts)) {
            out.add(due(ReportingParty.POLICE, learned, "reporting.reason.POLICE"));
        }
        if (ipaNeeded(type)) {
            out.add(due(ReportingParty.IPA, learned, "reporting.reason.IPA"));
        }
        if (jpcertNeeded(type)) {
            out.add(due(ReportingParty.JPCERT, learned, "reporting.reason.JPCERT"));
        }
        if (ppcReportable(type, facts)) {
            String why = ppcReasonKey(type, facts);
            out.add(due(ReportingParty.PPC_PRELIMINARY, learned, why));
            // APPI rules §8 (2): final report within 30 days, 60 when the cause may be a wrongful purpose.
            Duration finalDue = malicious(type, facts) ? PPC_FINAL_MALICIOUS : ReportingParty.PPC_FINAL.due();
            out.add(new Required(ReportingParty.PPC_FINAL, learned.plus(finalDue), why, null));
            // APPI §26 (2): the people concerned are told promptly whenever the PPC must be.
            out.add(due(ReportingParty.PEOPLE, learned, "reporting.reason.PEOPLE"));
        }
        if (facts.partnersAffected()) {
            // Handbook §1.13 / incident duties: partners hear it from the company before harm spreads to them.
            out.add(due(ReportingParty.PARTNERS, learned, "reporting.reason.PARTNERS"));
        }
        return out;
    }

    private static Required due(ReportingParty party, Instant learned, String reasonKey) {
        return new Required(party, learned.plus(party.due()), reasonKey, null);
    }

    /** The service's cyber insurance pays for attacks and leaks: its insurer hears of any that may cost money. */
    static boolean insurerNeeded(IncidentType type, ReportingFacts facts) {
        boolean attackWithDamage = ATTACKS.contains(type) && type != IncidentType.PHISHING;
        return attackWithDamage || facts.personalDataInvolved() || facts.moneyLost();
    }

    /** Handbook §2.1 (6): clear or possible damage from a crime goes to the prefecture's cyber-crime desk. */
    static boolean policeNeeded(IncidentType type, ReportingFacts facts) {
        // Ransomware is extortion; intrusion and defacement break the Unauthorized Computer Access Act.
        boolean crimeByType = type == IncidentType.RANSOMWARE || type == IncidentType.UNAUTHORISED_ACCESS
                || type == IncidentType.DEFACEMENT;
        // Fraud (a false invoice, BEC) or theft of a device is a crime too, whatever the type.
        return crimeByType || facts.moneyLost() || facts.crimeSuspected();
    }

    /** Handbook §2.3: IPA takes (voluntary) reports of viruses and of unauthorised access, so others are warned. */
    static boolean ipaNeeded(IncidentType type) {
        return type == IncidentType.RANSOMWARE || type == IncidentType.MALWARE
                || type == IncidentType.UNAUTHORISED_ACCESS || type == IncidentType.DEFACEMENT;
    }

    /** JPCERT/CC coordinates the take-down of phishing sites, defaced pages and malware's control servers. */
    static boolean jpcertNeeded(IncidentType type) {
        return type == IncidentType.PHISHING || type == IncidentType.DEFACEMENT || type == IncidentType.MALWARE;
    }

    /** APPI §26 with rules §7: a leak that happened or may have happened is reportable in four cases. */
    static boolean ppcReportable(IncidentType type, ReportingFacts facts) {
        // Rules §7: data protected by strong encryption is not "leaked" for the report.
        if (!facts.personalDataInvolved() || facts.encrypted()) {
            return false;
        }
        return facts.sensitiveData() || facts.financialData() || malicious(type, facts) || overThreshold(facts);
    }

    /** The first of the four reportable cases that applies, as the reason a person reads. */
    private static String ppcReasonKey(IncidentType type, ReportingFacts facts) {
        if (facts.sensitiveData()) {
            return "reporting.reason.PPC.sensitive";
        }
        if (facts.financialData()) {
            return "reporting.reason.PPC.financial";
        }
        if (malicious(type, facts)) {
            return "reporting.reason.PPC.malicious";
        }
        return "reporting.reason.PPC.many";
    }

    /** Rules §7 (iii): the cause may be a wrongful purpose — an attack, or a crime such as theft. */
    static boolean malicious(IncidentType type, ReportingFacts facts) {
        return ATTACKS.contains(type) || facts.crimeSuspected();
    }

    /** Rules §7 (iv): more than 1,000 people. */
    private static boolean overThreshold(ReportingFacts facts) {
        return facts.people() != null && facts.people() > PPC_PEOPLE_THRESHOLD;
    }
}
