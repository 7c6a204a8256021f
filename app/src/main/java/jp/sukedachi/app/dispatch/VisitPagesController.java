package jp.sukedachi.app.dispatch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The responder's pages, made for a phone first: today's and upcoming visits (with their own availability), and one
 * visit with the address, directions, whom to call, what to do, check-in, the record, evidence and check-out.
 * Provider staff may open them too (every visit); company users have the incident page instead.
 */
@Controller
class VisitPagesController {
    private final Visits visits;
    private final Responders responders;
    private final MessageSource messages;

    VisitPagesController(Visits visits, Responders responders, MessageSource messages) {
        this.visits = visits;
        this.responders = responders;
        this.messages = messages;
    }

    private static void requireResponderOrStaff(Actor actor) {
        if (actor.role() != Role.RESPONDER && !Visits.isStaff(actor)) {
            throw new AccessDeniedException("responders and provider staff");
        }
    }

    @GetMapping("/visits")
    String list(Actor actor, Model model) {
        requireResponderOrStaff(actor);
        Instant tomorrow = visits.startOfToday().plus(Duration.ofDays(1));
        List<Visit> all = visits.fromToday(actor);
        model.addAttribute("today", all.stream().filter(v -> v.windowStart().isBefore(tomorrow)).toList());
        model.addAttribute("upcoming", all.stream().filter(v -> !v.windowStart().isBefore(tomorrow)).toList());
        if (actor.role() == Role.RESPONDER) {
            model.addAttribute("profile", responders.find(actor, actor.userId()));
            model.addAttribute("availabilities", Availability.values());
        }
        model.addAttribute("now", visits.now());
        return "dispatch/visits";
    }

    @PostMapping("/visits/availability")
    String availability(Actor actor, @RequestParam(defaultValue = "AVAILABLE") String availability,
            @RequestParam(defaultValue = "") String availabilityNote,
            @RequestParam(defaultValue = "") String availableUntil, Model model, Locale locale) {
        if (actor.role() != Role.RESPONDER) {
            throw new AccessDeniedException("responders only");
        }
        try {
            responders.saveAvailability(actor, actor.userId(), availability, availabilityNote,
                    DispatchForms.localTime("availableUntil", availableUntil));
            return "redirect:/visits";
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", DispatchForms.refusal(messages, e, locale));
            return list(actor, model);
        }
    }

    @GetMapping("/visits/{id}")
    String visit(Actor actor, @PathVariable UUID id, Model model) {
        requireResponderOrStaff(actor);
        Visit visit = visits.find(actor, id).orElseThrow(() -> new NotFoundException("visit"));
        model.addAttribute("visit", visit);
        model.addAttribute("evidence", visits.evidence(actor, id));
        model.addAttribute("maxEvidenceMb", visits.maxEvidenceMb());
        model.addAttribute("now", visits.now());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", RecordForm.of(visit));
        }
        return "dispatch/visit";
    }

    @PostMapping("/visits/{id}/check-in")
    String checkIn(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        try {
            visits.checkIn(actor, id);
            return "redirect:/visits/" + id;
        } catch (IllegalArgumentException e) {
            return again(actor, id, e, null, model, locale);
        }
    }

    @PostMapping("/visits/{id}/record")
    String record(Actor actor, @PathVariable UUID id, RecordForm form, Model model, Locale locale) {
        try {
            visits.saveRecord(actor, id, form.toRecord());
            return "redirect:/visits/" + id + "#record";
        } catch (IllegalArgumentException e) {
            return again(actor, id, e, form, model, locale);
        }
    }

    @PostMapping("/visits/{id}/check-out")
    String checkOut(Actor actor, @PathVariable UUID id, RecordForm form, Model model, Locale locale) {
        try {
            visits.checkOut(actor, id, form.toRecord());
            return "redirect:/visits/" + id;
        } catch (IllegalArgumentException e) {
            return again(actor, id, e, form, model, locale);
        }
    }

    @PostMapping("/visits/{id}/evidence")
    String evidence(Actor actor, @PathVariable UUID id, @RequestParam(value = "file", required = false)
            MultipartFile file, Model model, Locale locale) throws IOException {
        try {
            byte[] content = file == null ? new byte[0] : file.getBytes();
            visits.attach(actor, id, file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getContentType(), content);
            return "redirect:/visits/" + id + "#evidence";
        } catch (IllegalArgumentException e) {
            return again(actor, id, e, null, model, locale);
        }
    }

    @GetMapping("/visits/{id}/evidence/{evidenceId}")
    ResponseEntity<byte[]> download(Actor actor, @PathVariable UUID id, @PathVariable long evidenceId) {
        VisitEvidence meta = visits.evidence(actor, id).stream().filter(e -> e.id() == evidenceId).findFirst()
                .orElseThrow(() -> new NotFoundException("evidence"));
        byte[] content = visits.evidenceContent(actor, id, evidenceId).orElseThrow(() -> new NotFoundException("evidence"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(meta.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(meta.contentType())).body(content);
    }

    /** The visit page again with the refusal in plain words (and what was typed, so nothing is lost). */
    private String again(Actor actor, UUID id, IllegalArgumentException e, RecordForm form, Model model,
            Locale locale) {
        model.addAttribute("errorText", DispatchForms.refusal(messages, e, locale));
        if (form != null) {
            model.addAttribute("form", form);
        }
        String page = visit(actor, id, model);
        return page;
    }

    /** The record form's fields, as typed. */
    record RecordForm(String workDone, String findings, Boolean findingsInternal, String signedOffBy,
            String travelMinutes, String minutesOnSite, String minutesReason) {

        static RecordForm of(Visit v) {
            return new RecordForm(v.workDone(), v.findings(), v.findingsInternal(), v.signedOffBy(),
                    v.travelMinutes() == null ? "" : v.travelMinutes().toString(),
                    v.minutesOnSite() == null ? "" : v.minutesOnSite().toString(), v.minutesReason());
        }

        VisitRecord toRecord() {
            return new VisitRecord(workDone, findings, Boolean.TRUE.equals(findingsInternal), signedOffBy,
                    DispatchForms.minutes("travelMinutes", travelMinutes),
                    DispatchForms.minutes("minutesOnSite", minutesOnSite), minutesReason);
        }
    }
}
