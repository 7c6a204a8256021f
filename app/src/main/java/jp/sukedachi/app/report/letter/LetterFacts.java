package jp.sukedachi.app.report.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a letter says, taken once when it is made and kept as JSON with the letter: the PDF and the verification
 * page both print this snapshot, so the partner reads online exactly what the paper says. Message keys (device kind,
 * incident type) are kept rather than their words so either language can print them.
 *
 * @param from first day of the period watched (Japan date)
 * @param to last day of the period watched (Japan date, inclusive)
 * @param incidentsNotListed incidents of the period beyond the list's cap (stated on the letter, never dropped
 *     silently)
 * @param incidentsClosed how many of all the period's incidents, listed or not, were closed when the letter was made
 * @param selfCheck the latest self-check when the letter was made; null when the company has none
 */
record LetterFacts(int version, String company, LocalDate from, LocalDate to, Instant issuedAt, String issuer,
        List<DeviceFact> devices, List<IncidentFact> incidents, long incidentsNotListed, long incidentsClosed,
        SelfCheckFact selfCheck, SecurityActionFact securityAction) {
    static final int VERSION = 1;

    /** A device and the share of the period it was watched, in tenths of a percent, rounded down. */
    record DeviceFact(String name, String kindKey, LocalDate registeredOn, int watchedPermille) {
        String percent() {
            return watchedPermille / 10 + "." + watchedPermille % 10;
        }
    }

    /** An incident that was open at some time in the period; {@code closedOn} null while it is still handled. */
    record IncidentFact(long number, String typeKey, LocalDate openedOn, LocalDate closedOn) {
        boolean closed() {
            return closedOn != null;
        }
    }

    /** The self-check's total score out of {@code max} and the day it was answered. */
    record SelfCheckFact(int score, int max, LocalDate answeredOn) {
    }

    /**
     * SECURITY ACTION: the level declared (0 none, 1 ★, 2 ★★), its ID and day as recorded, and how many of the
     * five basic rules are followed.
     */
    record SecurityActionFact(int level, String code, LocalDate declaredOn, int rulesFollowed, int rules) {
        String stars() {
            return "★".repeat(level);
        }
    }
}
