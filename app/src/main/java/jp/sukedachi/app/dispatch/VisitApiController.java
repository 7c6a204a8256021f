package jp.sukedachi.app.dispatch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * On-site visits over the API: requested from an incident by provider staff, listed per incident or as the caller's
 * own (a responder's assigned visits, staff all, a company its own), assigned, checked in and out with the record,
 * and evidence files. Times are ISO-8601.
 */
@RestController
@Tag(name = "Visits")
class VisitApiController {
    private final Visits visits;

    VisitApiController(Visits visits) {
        this.visits = visits;
    }

    /** A request for a visit; times ISO-8601 with an offset, e.g. 2026-12-07T10:00:00+09:00. */
    record RequestBodyJson(String windowStart, String windowEnd, String address, String contactName,
            String contactPhone, String notes) {
    }

    record AssignJson(UUID responderId) {
    }

    record CancelJson(String reason) {
    }

    record CheckOutJson(String workDone, String findings, Boolean findingsInternal, String signedOffBy,
            Integer travelMinutes, Integer minutesOnSite, String minutesReason) {
        VisitRecord toRecord() {
            return new VisitRecord(workDone, findings, Boolean.TRUE.equals(findingsInternal), signedOffBy,
                    travelMinutes, minutesOnSite, minutesReason);
        }
    }

    @PostMapping("/api/v1/incidents/{id}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request an on-site visit for an incident (provider staff); the answer holds its targetArrival")
    Visit request(Actor actor, @PathVariable UUID id, @RequestBody RequestBodyJson body) {
        RequestBodyJson b = body == null ? new RequestBodyJson(null, null, null, null, null, null) : body;
        return visits.request(actor, id, new VisitRequest(DispatchForms.isoTime("windowStart", b.windowStart()),
                DispatchForms.isoTime("windowEnd", b.windowEnd()), b.address(), b.contactName(), b.contactPhone(),
                b.notes()));
    }

    @GetMapping("/api/v1/incidents/{id}/visits")
    @Operation(summary = "The visits of an incident the caller may see (a company: without internal findings)")
    List<Visit> forIncident(Actor actor, @PathVariable UUID id) {
        return visits.ofVisibleIncident(actor, id);
    }

    @GetMapping("/api/v1/visits")
    @Operation(summary = "The caller's visits: a responder's assigned ones, every visit for staff, a company's own")
    List<Visit> list(Actor actor) {
        return visits.all(actor);
    }

    @GetMapping("/api/v1/visits/{id}")
    @Operation(summary = "One visit")
    Visit one(Actor actor, @PathVariable UUID id) {
        return visits.find(actor, id).orElseThrow(() -> new NotFoundException("visit"));
    }

    @PostMapping("/api/v1/visits/{id}/assign")
    @Operation(summary = "Assign a requested (or re-assign an assigned) visit to a responder (provider staff)")
    Visit assign(Actor actor, @PathVariable UUID id, @RequestBody AssignJson body) {
        return visits.assign(actor, id, body == null ? null : body.responderId());
    }

    @PostMapping("/api/v1/visits/{id}/check-in")
    @Operation(summary = "Check in on site now (the assigned responder)")
    Visit checkIn(Actor actor, @PathVariable UUID id) {
        return visits.checkIn(actor, id);
    }

    @PostMapping("/api/v1/visits/{id}/check-out")
    @Operation(summary = "Check out with the record: workDone, findings, signedOffBy, travelMinutes (400 before check-in)")
    Visit checkOut(Actor actor, @PathVariable UUID id, @RequestBody CheckOutJson body) {
        CheckOutJson b = body == null ? new CheckOutJson(null, null, null, null, null, null, null) : body;
        return visits.checkOut(actor, id, b.toRecord());
    }

    @PostMapping("/api/v1/visits/{id}/cancel")
    @Operation(summary = "Cancel a visit with the reason (provider staff)")
    Visit cancel(Actor actor, @PathVariable UUID id, @RequestBody CancelJson body) {
        return visits.cancel(actor, id, body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/visits/{id}/evidence")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a photo or PDF as evidence (multipart field 'file'; SHA-256 stored, size-capped)")
    VisitEvidence evidence(Actor actor, @PathVariable UUID id,
            @RequestParam(value = "file", required = false) MultipartFile file) throws IOException {
        return visits.attach(actor, id, file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getContentType(), file == null ? new byte[0] : file.getBytes());
    }

    @GetMapping("/api/v1/visits/{id}/evidence")
    @Operation(summary = "The evidence files of a visit (staff and its responder)")
    List<VisitEvidence> evidenceList(Actor actor, @PathVariable UUID id) {
        return visits.evidence(actor, id);
    }
}
