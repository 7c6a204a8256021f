package jp.sukedachi.app.incident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The reporting routes of an incident: who must be told and by when, the drafts, and staff's marks. */
@RestController
@Tag(name = "Incident reporting")
class ReportingApiController {
    private final IncidentReporting reporting;
    private final IncidentDrafts drafts;

    ReportingApiController(IncidentReporting reporting, IncidentDrafts drafts) {
        this.reporting = reporting;
        this.drafts = drafts;
    }

    /** {@code sentAt} ISO-8601 (default now); {@code note} what was sent, or (for not-needed) why. */
    public record Mark(Instant sentAt, String note) {
    }

    public record FactsAnswer(boolean answered, Instant learnedAt, String personalData, Integer people,
            boolean sensitiveData, boolean financialData, boolean encrypted, boolean partnersAffected,
            boolean moneyLost, boolean crimeSuspected) {
        static FactsAnswer of(ReportingFacts f) {
            return new FactsAnswer(f.answered(), f.learnedAt(), f.personalData().name(), f.people(), f.sensitiveData(),
                    f.financialData(), f.encrypted(), f.partnersAffected(), f.moneyLost(), f.crimeSuspected());
        }
    }

    public record DraftAnswer(String party, String subject, String body, String url) {
    }

    /** Staff's answer: facts, duties and drafts (in the request's language). */
    public record StaffAnswer(FactsAnswer facts, ReportingExtension.StaffData reporting, List<DraftAnswer> drafts) {
    }

    @GetMapping("/api/v1/incidents/{id}/reporting")
    @Operation(summary = "Who must be told about an incident and by when; staff also get the facts and the drafts"
            + " (drafts are never sent by the service)")
    public Object get(Actor actor, @PathVariable UUID id, Locale locale) {
        IncidentReporting.Plan plan = reporting.plan(actor, id);
        return IncidentReporting.isStaff(actor) ? staffAnswer(actor, plan, locale)
                : ReportingExtension.companyData(plan);
    }

    @PostMapping("/api/v1/incidents/{id}/reporting/facts")
    @Operation(summary = "Answer the facts the reporting rules need; the duties are worked out again, keeping marks")
    public StaffAnswer facts(Actor actor, @PathVariable UUID id,
            @RequestBody(required = false) ReportingExtension.Answers answers, Locale locale) {
        return staffAnswer(actor, reporting.saveFacts(actor, id, answers), locale);
    }

    @PostMapping("/api/v1/incidents/{id}/reporting/{party}/sent")
    @Operation(summary = "Record that a party was told (party e.g. police, ppc-preliminary; staff only)")
    public ReportingExtension.StaffData sent(Actor actor, @PathVariable UUID id, @PathVariable String party,
            @RequestBody(required = false) Mark mark) {
        return ReportingExtension.staffData(reporting.markSent(actor, id, ReportingController.party(party),
                mark == null ? null : mark.sentAt(), mark == null ? null : mark.note()));
    }

    @PostMapping("/api/v1/incidents/{id}/reporting/{party}/not-needed")
    @Operation(summary = "Record that a party need not be told, with the reason in note (staff only)")
    public ReportingExtension.StaffData notNeeded(Actor actor, @PathVariable UUID id, @PathVariable String party,
            @RequestBody(required = false) Mark mark) {
        return ReportingExtension.staffData(reporting.markNotNeeded(actor, id, ReportingController.party(party),
                mark == null ? null : mark.note()));
    }

    private StaffAnswer staffAnswer(Actor actor, IncidentReporting.Plan plan, Locale locale) {
        return new StaffAnswer(FactsAnswer.of(plan.facts()), ReportingExtension.staffData(plan),
                drafts.drafts(actor, plan, locale).stream()
                        .map(d -> new DraftAnswer(d.party().path(), d.subject(), d.body(), d.url())).toList());
    }
}
