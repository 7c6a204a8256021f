package jp.sukedachi.app.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The duties of one incident as they stand: what the rules require now, merged with what staff already marked. A
 * marked duty is never lost when the facts change (it stays, even if no longer required); an open duty follows the
 * rules (its deadline moves with the facts, and it goes when no longer required). Pure.
 */
final class DutyPlan {
    /** A deadline this close is "due soon". */
    static final Duration SOON = Duration.ofHours(24);

    private DutyPlan() {
    }

    /** How pressing a duty is, for the words beside it. */
    enum Urgency {
        DONE, OVERDUE, DUE_SOON, LATER;

        String labelKey() {
            return "reporting.urgency." + name();
        }
    }

    /**
     * A duty as shown: the stored duty, why the rules ask for it (null when only kept because staff marked it),
     * and how pressing it is at {@code now}.
     */
    record Line(ReportDuty duty, String reasonKey, Urgency urgency) {
        ReportingParty party() {
            return duty.party();
        }
    }

    /** The duties to store and show: required ones (keeping their marks) and marked ones no longer required. */
    static List<Line> merge(UUID incidentId, UUID tenantId, List<ReportingRules.Required> required,
            List<ReportDuty> stored, Instant now) {
        Map<ReportingParty, ReportDuty> byParty = new EnumMap<>(ReportingParty.class);
        stored.forEach(d -> byParty.put(d.party(), d));
        List<Line> lines = new ArrayList<>();
        for (ReportingRules.Required r : required) {
            ReportDuty old = byParty.remove(r.party());
            ReportDuty duty;
            if (old != null && old.done()) {
                duty = new ReportDuty(incidentId, tenantId, r.party(), r.dueAt(), old.status(), old.doneAt(),
                        old.doneBy(), old.note());
            } else if (r.doneAt() != null) {
                duty = new ReportDuty(incidentId, tenantId, r.party(), r.dueAt(), ReportDuty.Status.SENT, r.doneAt(),
                        null, null);
            } else {
                duty = new ReportDuty(incidentId, tenantId, r.party(), r.dueAt(), ReportDuty.Status.TODO, null, null,
                        null);
            }
            lines.add(new Line(duty, r.reasonKey(), urgency(duty, now)));
        }
        for (ReportDuty kept : byParty.values()) {
            if (kept.done()) {
                lines.add(new Line(kept, null, Urgency.DONE));
            }
        }
        lines.sort(Comparator.comparing((Line l) -> l.duty().dueAt()).thenComparing(l -> l.party().ordinal()));
        return lines;
    }

    static Urgency urgency(ReportDuty duty, Instant now) {
        if (duty.done()) {
            return Urgency.DONE;
        }
        if (!duty.dueAt().isAfter(now)) {
            return Urgency.OVERDUE;
        }
        return duty.dueAt().isAfter(now.plus(SOON)) ? Urgency.LATER : Urgency.DUE_SOON;
    }
}
