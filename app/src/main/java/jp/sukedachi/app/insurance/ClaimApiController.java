package jp.sukedachi.app.insurance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Claims over the API: opened from an incident (provider staff), the queue (staff: every claim; an insurer: its
 * claims past DRAFT), one claim with its lines (claimedYen, payableYen, selfBurdenYen), items and history, the
 * workflow's steps, invoices and the pack. A step the claim's state does not allow answers 409, a broken rule 422,
 * both with the reason.
 */
@RestController
@Tag(name = "Claims")
class ClaimApiController {
    private final Claims claims;
    private final ClaimPacks packs;
    private final MessageSource messages;

    ClaimApiController(Claims claims, ClaimPacks packs, MessageSource messages) {
        this.claims = claims;
        this.packs = packs;
        this.messages = messages;
    }

    record ItemJson(CoverageLine line, String description, Long yen) {
    }

    record QuestionJson(String question) {
    }

    record AnswerJson(String answer) {
    }

    /** Without {@code approvedYen}: approve in full; with it (yen per line): approve that part, with the reason. */
    record ApproveJson(Map<CoverageLine, Long> approvedYen, String reason) {
    }

    record ReasonJson(String reason) {
    }

    record PaidJson(String paidOn) {
    }

    @PostMapping("/api/v1/incidents/{id}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a claim for an incident under the company's policy of that day (provider staff); its"
            + " items are filled from the completed visits and the desk time (422 without a policy)")
    Claim open(Actor actor, @PathVariable UUID id) {
        return claims.open(actor, id);
    }

    @GetMapping("/api/v1/claims")
    @Operation(summary = "The claims the caller may see, newest first (an insurer: its queue); status= one or more of"
            + " DRAFT, SUBMITTED, INFO_REQUESTED, APPROVED, PARTIALLY_APPROVED, REJECTED, PAID (comma-separated);"
            + " a list cut at 300 carries X-Sukedachi-Truncated: 300")
    List<Claim> list(Actor actor, @RequestParam(required = false) String status, HttpServletResponse response) {
        Claims.ClaimList list = claims.list(actor, statuses(status));
        if (list.more()) {
            response.setHeader("X-Sukedachi-Truncated", Integer.toString(Claims.LIST_MAX));
        }
        return list.items();
    }

    /** Statuses by name, comma-separated; an unknown one is refused (400), never ignored. */
    static Set<ClaimStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return Set.of();
        }
        Set<ClaimStatus> set = EnumSet.noneOf(ClaimStatus.class);
        for (String s : status.split(",")) {
            try {
                set.add(ClaimStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("status", "claims.error.status", null, "unknown status " + s.strip()
                        + "; one of " + Arrays.toString(ClaimStatus.values()));
            }
        }
        return set;
    }

    @GetMapping("/api/v1/claims/{id}")
    @Operation(summary = "One claim: status, lines (claimedYen, payableYen, selfBurdenYen, approvedYen), items,"
            + " files and history")
    Claim one(Actor actor, @PathVariable UUID id) {
        return claims.get(actor, id);
    }

    @PostMapping("/api/v1/claims/{id}/fill")
    @Operation(summary = "Add the visits and desk time recorded since the claim was opened (provider staff)")
    Claim fill(Actor actor, @PathVariable UUID id) {
        claims.fill(actor, id);
        return claims.get(actor, id);
    }

    @PostMapping("/api/v1/claims/{id}/items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a cost typed by staff: line, description, yen")
    Claim addItem(Actor actor, @PathVariable UUID id, @RequestBody(required = false) ItemJson body) {
        ItemJson b = body == null ? new ItemJson(null, null, null) : body;
        return claims.addItem(actor, id, b.line(), b.description(), b.yen());
    }

    @DeleteMapping("/api/v1/claims/{id}/items/{itemId}")
    @Operation(summary = "Take out a typed cost or an invoice (visits and desk time stay)")
    Claim removeItem(Actor actor, @PathVariable UUID id, @PathVariable long itemId) {
        return claims.removeItem(actor, id, itemId);
    }

    @PostMapping("/api/v1/claims/{id}/invoices")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload an invoice (multipart: file = PDF/PNG/JPEG, line, issuer, yen); SHA-256 stored")
    Claim invoice(Actor actor, @PathVariable UUID id, @RequestParam(value = "file", required = false)
            MultipartFile file, @RequestParam(required = false) String line,
            @RequestParam(required = false) String issuer, @RequestParam(required = false) String yen)
            throws IOException {
        return claims.addInvoice(actor, id, new Claims.Invoice(ClaimForms.line(line), issuer, ClaimForms.yen("yen", yen),
                file == null ? null : file.getOriginalFilename(), file == null ? null : file.getContentType(),
                file == null ? null : file.getBytes()));
    }

    @PostMapping("/api/v1/claims/{id}/submit")
    @Operation(summary = "DRAFT → SUBMITTED (provider staff)")
    Claim submit(Actor actor, @PathVariable UUID id) {
        return claims.submit(actor, id);
    }

    @PostMapping("/api/v1/claims/{id}/request-info")
    @Operation(summary = "SUBMITTED → INFO_REQUESTED with a question (the insurer)")
    Claim requestInfo(Actor actor, @PathVariable UUID id, @RequestBody(required = false) QuestionJson body) {
        return claims.requestInfo(actor, id, body == null ? null : body.question());
    }

    @PostMapping("/api/v1/claims/{id}/answer")
    @Operation(summary = "INFO_REQUESTED → SUBMITTED with the answer (provider staff)")
    Claim answer(Actor actor, @PathVariable UUID id, @RequestBody(required = false) AnswerJson body) {
        return claims.answer(actor, id, body == null ? null : body.answer());
    }

    @PostMapping("/api/v1/claims/{id}/approve")
    @Operation(summary = "SUBMITTED → APPROVED (no body), or PARTIALLY_APPROVED with approvedYen per line (each at"
            + " most its payableYen) and a reason (the insurer)")
    Claim approve(Actor actor, @PathVariable UUID id, @RequestBody(required = false) ApproveJson body) {
        if (body == null || body.approvedYen() == null) {
            return claims.approve(actor, id);
        }
        return claims.approvePart(actor, id, body.approvedYen(), body.reason());
    }

    @PostMapping("/api/v1/claims/{id}/reject")
    @Operation(summary = "SUBMITTED or INFO_REQUESTED → REJECTED with a reason (the insurer)")
    Claim reject(Actor actor, @PathVariable UUID id, @RequestBody(required = false) ReasonJson body) {
        return claims.reject(actor, id, body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/claims/{id}/paid")
    @Operation(summary = "APPROVED or PARTIALLY_APPROVED → PAID; paidOn YYYY-MM-DD (the insurer)")
    Claim paid(Actor actor, @PathVariable UUID id, @RequestBody(required = false) PaidJson body) {
        return claims.markPaid(actor, id, ClaimForms.day("paidOn", body == null ? null : body.paidOn()));
    }

    @GetMapping("/api/v1/claims/{id}/pack.pdf")
    @Operation(summary = "The claim pack's summary in Japanese (PDF): staff and the claim's insurer")
    ResponseEntity<byte[]> packPdf(Actor actor, @PathVariable UUID id) {
        Claim c = claims.get(actor, id);
        return PdfResponses.attachment(packs.pdf(actor, id), "claim-" + c.number() + ".pdf");
    }

    @GetMapping("/api/v1/claims/{id}/pack.zip")
    @Operation(summary = "The claim pack as a ZIP: the summary, the evidence files and manifest-sha256.txt")
    ResponseEntity<byte[]> packZip(Actor actor, @PathVariable UUID id) {
        Claim c = claims.get(actor, id);
        return ClaimForms.zip(packs.zip(actor, id), "claim-" + c.number() + ".zip");
    }

    @ExceptionHandler(ClaimRefused.class)
    ProblemDetail refused(ClaimRefused e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setProperty("reason", messages.getMessage(e, locale));
        return problem;
    }
}
