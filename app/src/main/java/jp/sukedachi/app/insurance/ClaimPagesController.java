package jp.sukedachi.app.insurance;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The claim pages of provider staff and insurers. {@code /claims} is the queue (staff: every claim; an insurer: its
 * claims past DRAFT) with a status filter. {@code /claims/{id}} is, for staff, the claim to work on (items, lines,
 * invoices, submit, answers, history, the pack) and, for an insurer, the review page: it shows the claim pack
 * ({@link ClaimPacks#content}) and nothing else of the company, with the forms to ask, approve, reject and mark paid.
 */
@Controller
class ClaimPagesController {
    private final Claims claims;
    private final ClaimPacks packs;
    private final MessageSource messages;

    ClaimPagesController(Claims claims, ClaimPacks packs, MessageSource messages) {
        this.claims = claims;
        this.packs = packs;
        this.messages = messages;
    }

    @GetMapping("/claims")
    String queue(Actor actor, @RequestParam(required = false) String status, Model model, Locale locale) {
        Claims.requireReader(actor);
        Set<ClaimStatus> filter = Set.of();
        try {
            filter = ClaimApiController.statuses(status);
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorText", ClaimForms.refusal(messages, e, locale));
        }
        Claims.ClaimList list = claims.list(actor, filter);
        model.addAttribute("claims", list.items());
        model.addAttribute("more", list.more());
        model.addAttribute("max", Claims.LIST_MAX);
        model.addAttribute("status", filter.size() == 1 ? filter.iterator().next().name() : "");
        model.addAttribute("statuses", ClaimStatus.values());
        model.addAttribute("insurer", actor.role() == Role.INSURER);
        return "claims/queue";
    }

    /** Opens a claim from the incident page's panel (staff). */
    @PostMapping("/claims")
    String open(Actor actor, @RequestParam(required = false) UUID incidentId, Model model, Locale locale) {
        Claims.requireStaff(actor);
        if (incidentId == null) {
            throw new NotFoundException("incident");
        }
        try {
            return "redirect:/claims/" + claims.open(actor, incidentId).id();
        } catch (ClaimRefused | IllegalArgumentException e) {
            String text = ClaimForms.refusal(messages, e, locale);
            String page = queue(actor, null, model, locale);
            model.addAttribute("errorText", text);
            model.addAttribute("backIncident", incidentId);
            return page;
        }
    }

    @GetMapping("/claims/{id}")
    String claim(Actor actor, @PathVariable UUID id, Model model) {
        Claims.requireReader(actor);
        Claim claim = claims.get(actor, id);
        model.addAttribute("claim", claim);
        if (actor.role() == Role.INSURER) {
            // The review page reads the pack and the claim's own workflow (status, question, decision), nothing else.
            model.addAttribute("pack", packs.content(actor, id));
            return "claims/review";
        }
        model.addAttribute("lines", CoverageLine.values());
        model.addAttribute("maxFileMb", claims.maxFileBytes() / (1024 * 1024));
        return "claims/claim";
    }

    // --- staff ---

    @PostMapping("/claims/{id}/fill")
    String fill(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.fill(actor, id), "#items");
    }

    @PostMapping("/claims/{id}/items")
    String addItem(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String line,
            @RequestParam(required = false) String description, @RequestParam(required = false) String yen,
            Model model, Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.addItem(actor, id, ClaimForms.line(line), description,
                ClaimForms.yen("yen", yen)), "#items");
    }

    @PostMapping("/claims/{id}/items/{itemId}/remove")
    String removeItem(Actor actor, @PathVariable UUID id, @PathVariable long itemId, Model model, Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.removeItem(actor, id, itemId), "#items");
    }

    @PostMapping("/claims/{id}/invoices")
    String invoice(Actor actor, @PathVariable UUID id, @RequestParam(value = "file", required = false)
            MultipartFile file, @RequestParam(required = false) String line,
            @RequestParam(required = false) String issuer, @RequestParam(required = false) String yen, Model model,
            Locale locale) throws IOException {
        byte[] content = file == null ? null : file.getBytes();
        return attempt(actor, id, model, locale, () -> claims.addInvoice(actor, id, new Claims.Invoice(
                ClaimForms.line(line), issuer, ClaimForms.yen("yen", yen), file == null ? null
                        : file.getOriginalFilename(), file == null ? null : file.getContentType(), content)),
                "#files");
    }

    @PostMapping("/claims/{id}/submit")
    String submit(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.submit(actor, id), "");
    }

    @PostMapping("/claims/{id}/answer")
    String answer(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String answer, Model model,
            Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.answer(actor, id, answer), "");
    }

    // --- the insurer ---

    @PostMapping("/claims/{id}/request-info")
    String requestInfo(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String question,
            Model model, Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.requestInfo(actor, id, question), "");
    }

    @PostMapping("/claims/{id}/approve")
    String approve(Actor actor, @PathVariable UUID id, Model model, Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.approve(actor, id), "");
    }

    /** A partial approval: a field {@code approved_<LINE>} per line and the reason. */
    @PostMapping("/claims/{id}/partial")
    String partial(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> form, Model model,
            Locale locale) {
        return attempt(actor, id, model, locale, () -> {
            Map<CoverageLine, Long> approved = new EnumMap<>(CoverageLine.class);
            for (CoverageLine l : CoverageLine.values()) {
                Long yen = ClaimForms.yen("approved_" + l.name(), form.get("approved_" + l.name()));
                if (yen != null) {
                    approved.put(l, yen);
                }
            }
            claims.approvePart(actor, id, approved, form.get("reason"));
        }, "");
    }

    @PostMapping("/claims/{id}/reject")
    String reject(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason, Model model,
            Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.reject(actor, id, reason), "");
    }

    @PostMapping("/claims/{id}/paid")
    String paid(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String paidOn, Model model,
            Locale locale) {
        return attempt(actor, id, model, locale, () -> claims.markPaid(actor, id, ClaimForms.day("paidOn", paidOn)),
                "");
    }

    // --- downloads ---

    @GetMapping("/claims/{id}/pack.pdf")
    ResponseEntity<byte[]> packPdf(Actor actor, @PathVariable UUID id) {
        Claim c = claims.get(actor, id);
        return PdfResponses.attachment(packs.pdf(actor, id), "claim-" + c.number() + ".pdf");
    }

    @GetMapping("/claims/{id}/pack.zip")
    ResponseEntity<byte[]> packZip(Actor actor, @PathVariable UUID id) {
        Claim c = claims.get(actor, id);
        return ClaimForms.zip(packs.zip(actor, id), "claim-" + c.number() + ".zip");
    }

    @GetMapping("/claims/{id}/files/{fileId}")
    ResponseEntity<byte[]> file(Actor actor, @PathVariable UUID id, @PathVariable long fileId) {
        Claim c = claims.get(actor, id);
        Claim.File meta = c.files().stream().filter(f -> f.id() == fileId).findFirst()
                .orElseThrow(() -> new NotFoundException("file"));
        byte[] content = claims.fileContent(actor, id, fileId).orElseThrow(() -> new NotFoundException("file"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(meta.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(meta.contentType())).body(content);
    }

    /** Runs a step; on a refusal the claim page again with the reason in plain words (and its 4xx status). */
    private String attempt(Actor actor, UUID id, Model model, Locale locale, Runnable step, String anchor) {
        try {
            step.run();
            return "redirect:/claims/" + id + anchor;
        } catch (ClaimRefused | IllegalArgumentException e) {
            String text = ClaimForms.refusal(messages, e, locale);
            String page = claim(actor, id, model);
            model.addAttribute("errorText", text);
            return page;
        }
    }
}
