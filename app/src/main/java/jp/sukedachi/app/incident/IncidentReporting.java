package jp.sukedachi.app.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import static jp.sukedachi.app.incident.ReportingExtension.Answers.yes;

import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reporting routes of incidents: the facts asked on the reporting page, the duties the rules derive from them and
 * the incident's type, and staff's marks ("sent on …", "not needed because …"). Every read starts from the incident
 * as the actor may see it; every change is staff's, stored with the whole plan and audited. Nothing is ever sent.
 */
@Service
class IncidentReporting {
    static final int NOTE_MAX = 1000;
    static final int PEOPLE_MAX = 100_000_000;

    private final Incidents incidents;
    private final ReportingRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    IncidentReporting(Incidents incidents, ReportingRepository repository, AuditLog audit, Clock clock) {
        this.incidents = incidents;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** The plan of one incident the actor may see: its facts and its duties as they stand now. */
    record Plan(Incident incident, ReportingFacts facts, List<DutyPlan.Line> lines) {
    }

    /** Provider staff who handle cases: they answer the facts and mark the duties. */
    static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    Plan plan(Actor actor, UUID incidentId) {
        return plan(actor, incidents.get(actor, incidentId));
    }

    Plan plan(Actor actor, Incident incident) {
        ReportingFacts facts = facts(actor, incident);
        List<ReportingRules.Required> required = ReportingRules.required(incident.type(), facts, incident.openedAt());
        List<DutyPlan.Line> lines = DutyPlan.merge(incident.id(), incident.tenantId(), required,
                repository.duties(actor, incident.id()), clock.instant());
        return new Plan(incident, facts, lines);
    }

    private ReportingFacts facts(Actor actor, Incident incident) {
        Instant learned = incident.learnedAt() == null ? incident.openedAt() : incident.learnedAt();
        return repository.facts(actor, incident.id(), learned).orElse(ReportingFacts.unanswered(learned));
    }

    /** Stores the answers and the duties they lead to (keeping what staff already marked). */
    @Transactional
    Plan saveFacts(Actor actor, UUID incidentId, ReportingExtension.Answers answers) {
        Incident incident = staffIncident(actor, incidentId);
        ReportingExtension.Answers a = answers == null ? ReportingExtension.Answers.NONE : answers;
        ReportingFacts.PersonalData personalData = personalData(a.personalData());
        Integer people = a.people();
        if (people != null && (people < 0 || people > PEOPLE_MAX)) {
            throw new InvalidInput("people", "reporting.facts.peopleInvalid", null,
                    "people must be a number from 0 to " + PEOPLE_MAX);
        }
        Instant now = clock.instant();
        repository.saveFacts(incident.id(), incident.tenantId(), new ReportingFacts(null, personalData, people,
                yes(a.sensitiveData()), yes(a.financialData()), yes(a.encrypted()), yes(a.partnersAffected()),
                yes(a.moneyLost()), yes(a.crimeSuspected()), true), now, actor.login());
        Plan plan = store(actor, incident);
        audit.record(actor, incident.tenantId(), AuditAction.REPORTING_FACTS_SAVED, "incident:" + incident.id(),
                Outcome.SUCCESS, "duties=" + plan.lines().stream().map(l -> l.party().name()).toList());
        return plan;
    }

    /** How many duties in the actor's scope are past their deadline and not marked. */
    long countOverdue(Actor actor) {
        return repository.countOverdue(actor, clock.instant());
    }

    /** NO, MAYBE or YES as typed (any case); empty: NO. */
    static ReportingFacts.PersonalData personalData(String text) {
        if (text == null || text.isBlank()) {
            return ReportingFacts.PersonalData.NO;
        }
        try {
            return ReportingFacts.PersonalData.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("personalData", "reporting.facts.personalDataInvalid", null,
                    "personalData must be NO, MAYBE or YES");
        }
    }

    /** Staff record that the party was told (at {@code sentAt}, default now). */
    @Transactional
    Plan markSent(Actor actor, UUID incidentId, ReportingParty party, Instant sentAt, String note) {
        Incident incident = staffIncident(actor, incidentId);
        Instant now = clock.instant();
        if (sentAt != null && sentAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidInput("sentAt", "reporting.sentAt.future", null, "sentAt lies in the future");
        }
        return mark(actor, incident, party, ReportDuty.Status.SENT, sentAt == null ? now : sentAt,
                InvalidInput.requireLength("note", "reporting.action.notNeededWhy", blankToNull(note), NOTE_MAX),
                AuditAction.REPORTING_DUTY_SENT);
    }

    /** Staff record that the party need not be told, and why (required). */
    @Transactional
    Plan markNotNeeded(Actor actor, UUID incidentId, ReportingParty party, String why) {
        Incident incident = staffIncident(actor, incidentId);
        String note = InvalidInput.requireLength("note", "reporting.action.notNeededWhy", blankToNull(why), NOTE_MAX);
        if (note == null) {
            throw new InvalidInput("note", "reporting.notNeeded.why", null, "a reason is required");
        }
        return mark(actor, incident, party, ReportDuty.Status.NOT_NEEDED, clock.instant(), note,
                AuditAction.REPORTING_DUTY_NOT_NEEDED);
    }

    private Plan mark(Actor actor, Incident incident, ReportingParty party, ReportDuty.Status status, Instant at,
            String note, AuditAction action) {
        Plan plan = plan(actor, incident);
        if (party == null || plan.lines().stream().noneMatch(l -> l.party() == party)) {
            throw new NotFoundException("reporting duty");
        }
        List<ReportDuty> marked = plan.lines().stream().map(DutyPlan.Line::duty)
                .map(d -> d.party() == party ? new ReportDuty(d.incidentId(), d.tenantId(), party, d.dueAt(), status,
                        at, actor.login(), note) : d)
                .toList();
        repository.replaceDuties(incident.id(), incident.tenantId(), marked);
        audit.record(actor, incident.tenantId(), action, "incident:" + incident.id() + ":" + party.name(),
                Outcome.SUCCESS, note);
        return plan(actor, incident);
    }

    /** Stores the duties as the rules and the marks have them now. */
    /** A case opened or reclassified: its duties are stored at once (keeping staff's marks), so none goes uncounted. */
    @EventListener
    void factsChanged(IncidentFactsChanged changed) {
        store(changed.actor(), incidents.get(changed.actor(), changed.incidentId()));
    }

    private Plan store(Actor actor, Incident incident) {
        Plan plan = plan(actor, incident);
        repository.replaceDuties(incident.id(), incident.tenantId(),
                plan.lines().stream().map(DutyPlan.Line::duty).toList());
        return plan;
    }

    /** The incident, if the actor may see it (else 404) and is staff (else 403). */
    Incident staffIncident(Actor actor, UUID incidentId) {
        Incident incident = incidents.get(actor, incidentId);
        if (!isStaff(actor)) {
            audit.record(actor, incident.tenantId(), AuditAction.ACCESS_DENIED, "incident:" + incidentId + ":reporting",
                    Outcome.DENIED, "reporting is for provider staff");
            throw new AccessDeniedException("reporting is for provider staff");
        }
        return incident;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
