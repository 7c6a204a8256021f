package jp.sukedachi.app.incident;

import java.time.Instant;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The reporting routes' part of an incident ({@code "reporting"}): for staff, each party to tell with its deadline,
 * status and the marking buttons, linking to the reporting page; for the company, a plain list of who must be told
 * and by when, without staff's notes.
 */
@Component
public class ReportingExtension implements IncidentExtension {
    private final IncidentReporting reporting;

    ReportingExtension(IncidentReporting reporting) {
        this.reporting = reporting;
    }

    /**
     * One duty as staff see it (JSON: {@code party} is the URL name, e.g. {@code ppc-preliminary}; {@code status}
     * TODO, SENT or NOT_NEEDED; {@code urgency} OVERDUE, DUE_SOON, LATER or DONE). The {@code *Key} members name
     * the message a page draws.
     */
    public record StaffDuty(String party, String partyKey, String reasonKey, Instant dueAt, String status,
            String statusKey, String urgency, String urgencyKey, Instant doneAt, String doneBy, String note,
            String url) {
        static StaffDuty of(DutyPlan.Line l) {
            ReportDuty d = l.duty();
            return new StaffDuty(d.party().path(), d.party().labelKey(),
                    l.reasonKey() == null ? "reporting.reason.kept" : l.reasonKey(), d.dueAt(), d.status().name(),
                    d.status().labelKey(), l.urgency().name(), l.urgency().labelKey(), d.doneAt(), d.doneBy(),
                    d.note(), d.party().url());
        }

        public boolean open() {
            return "TODO".equals(status);
        }

        public boolean immediate() {
            return "desk".equals(party);
        }
    }

    /** Staff's part: whether the facts were answered, the duties, and how many are overdue or due soon. */
    public record StaffData(boolean factsAnswered, List<StaffDuty> duties, long overdue, long dueSoon) {
    }

    /** One duty as the company reads it: who, by when, and whether it is done — no notes, no names. */
    public record CompanyDuty(String partyKey, String reasonKey, Instant dueAt, boolean done, Instant doneAt,
            String urgency) {
    }

    public record CompanyData(List<CompanyDuty> duties) {
    }

    /**
     * The answers the reporting rules need that the incident record does not hold ({@code personalData} NO, MAYBE or
     * YES; {@code people} optional) — as the API and other capabilities (the demo) give them.
     */
    public record Answers(String personalData, Integer people, Boolean sensitiveData, Boolean financialData,
            Boolean encrypted, Boolean partnersAffected, Boolean moneyLost, Boolean crimeSuspected) {
        static final Answers NONE = new Answers(null, null, false, false, false, false, false, false);

        /** An answer left out is "no". */
        static boolean yes(Boolean answer) {
            return Boolean.TRUE.equals(answer);
        }
    }

    /** Staff answer the facts of an incident; the duties are worked out again (marks kept). */
    public void answer(Actor staff, java.util.UUID incidentId, Answers a) {
        reporting.saveFacts(staff, incidentId, a);
    }

    /** Staff record that a party ({@code police}, {@code ppc-preliminary} …) was told at {@code at} (null: now). */
    public void markSent(Actor staff, java.util.UUID incidentId, String party, Instant at, String note) {
        reporting.markSent(staff, incidentId, ReportingController.party(party), at, note);
    }

    /** How many duties in the actor's scope are past their deadline and not marked (for a staff home's count). */
    public long overdueDuties(Actor actor) {
        return reporting.countOverdue(actor);
    }

    @Override
    public String name() {
        return "reporting";
    }

    @Override
    public String fragment() {
        return "incident/reporting-panel :: panel";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Object data(Actor actor, IncidentSummary incident) {
        IncidentReporting.Plan plan = reporting.plan(actor, incident.id());
        return IncidentReporting.isStaff(actor) ? staffData(plan) : companyData(plan);
    }

    static StaffData staffData(IncidentReporting.Plan plan) {
        List<StaffDuty> duties = plan.lines().stream().map(StaffDuty::of).toList();
        return new StaffData(plan.facts().answered(), duties,
                plan.lines().stream().filter(l -> l.urgency() == DutyPlan.Urgency.OVERDUE).count(),
                plan.lines().stream().filter(l -> l.urgency() == DutyPlan.Urgency.DUE_SOON).count());
    }

    static CompanyData companyData(IncidentReporting.Plan plan) {
        return new CompanyData(plan.lines().stream()
                // Kept only as staff's record (no longer required), or judged not needed: not the company's concern.
                .filter(l -> l.reasonKey() != null && l.duty().status() != ReportDuty.Status.NOT_NEEDED)
                .map(l -> new CompanyDuty(l.party().labelKey(), l.reasonKey(), l.duty().dueAt(),
                        l.duty().status() == ReportDuty.Status.SENT, l.duty().status() == ReportDuty.Status.SENT
                                ? l.duty().doneAt() : null, l.urgency().name()))
                .toList());
    }
}
