package jp.sukedachi.app.incident;

import java.time.Instant;

/**
 * What the reporting rules need to know about an incident beyond its type: asked on the reporting page, because the
 * incident record does not hold it (V24 {@code incident_report_facts}).
 *
 * @param learnedAt when the company learned of the incident: every deadline counts from here
 * @param personalData whether personal data was, or may have been, leaked, lost or damaged
 * @param people how many people's data, when known
 * @param sensitiveData health, criminal records and the like (要配慮個人情報)
 * @param financialData data whose misuse may cost the people money (card numbers, bank log-ins)
 * @param encrypted the data was strongly encrypted and the key is safe: no PPC report is needed
 * @param partnersAffected partners' or customers' data or systems may be affected (or mail went out in the company's
 *     name)
 * @param moneyLost money was paid out or taken (fraud, a false invoice)
 * @param crimeSuspected someone may have committed a crime (theft, extortion, intrusion)
 * @param answered whether a person has answered the questions (else these are defaults)
 */
record ReportingFacts(Instant learnedAt, PersonalData personalData, Integer people, boolean sensitiveData,
        boolean financialData, boolean encrypted, boolean partnersAffected, boolean moneyLost, boolean crimeSuspected,
        boolean answered) {

    /** Personal data in the incident: none, maybe (a leak cannot be ruled out), or yes. */
    enum PersonalData {
        NO, MAYBE, YES;

        String labelKey() {
            return "reporting.facts.personalData." + name();
        }
    }

    /** Before anyone answered: learned when the incident was opened, nothing else known. */
    static ReportingFacts unanswered(Instant openedAt) {
        return new ReportingFacts(openedAt, PersonalData.NO, null, false, false, false, false, false, false, false);
    }

    boolean personalDataInvolved() {
        return personalData == PersonalData.YES || personalData == PersonalData.MAYBE;
    }
}
