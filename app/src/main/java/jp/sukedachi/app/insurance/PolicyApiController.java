package jp.sukedachi.app.insurance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A company's insurance policy over the API. Yen are whole numbers, dates {@code YYYY-MM-DD}. Staff write; the
 * company's people read their own; another company's (or an insurer asking) is 404.
 */
@RestController
@Tag(name = "Insurance policies")
class PolicyApiController {
    private final PolicyRegistry policies;
    private final TenantRepository tenants;
    private final MessageSource messages;

    PolicyApiController(PolicyRegistry policies, TenantRepository tenants, MessageSource messages) {
        this.policies = policies;
        this.tenants = tenants;
        this.messages = messages;
    }

    record LineJson(CoverageLine line, long perClaimLimitYen, long perYearLimitYen) {
    }

    record PolicyJson(UUID id, UUID insurerId, String insurerName, String policyNumber, LocalDate from, LocalDate to,
            boolean inForceToday, long annualLimitYen, long deductibleYen, int coveragePercent, List<LineJson> lines) {
        static PolicyJson of(PolicyTerms p, LocalDate today) {
            return new PolicyJson(p.policyId(), p.insurerId(), p.insurerName(), p.policyNumber(), p.from(), p.to(),
                    p.activeOn(today), p.annualLimitYen(), p.deductibleYen(), p.coveragePercent(), p.lines().stream()
                            .map(l -> new LineJson(l.line(), l.perClaimLimitYen(), l.perYearLimitYen())).toList());
        }
    }

    /** The company's policy in force today (null if none) and all its policies, newest first. */
    record CompanyPolicyJson(String tenant, LocalDate today, PolicyJson current, List<PolicyJson> policies,
            boolean truncated) {
    }

    /**
     * A policy to store: without {@code id} a new one, with it a change of that policy. {@code deductibleYen}
     * defaults to 0 and {@code coveragePercent} to 100; a line left out is not covered.
     */
    record PolicyBody(UUID id, UUID insurerId, String policyNumber, LocalDate from, LocalDate to, Long annualLimitYen,
            Long deductibleYen, Integer coveragePercent, List<LineJson> lines) {
        PolicyDraft draft() {
            if (annualLimitYen == null) {
                throw new InvalidInput("annualLimitYen", "policy.annualLimit", null, "annualLimitYen is required");
            }
            return new PolicyDraft(insurerId, policyNumber, from, to, lines == null ? List.of() : lines.stream()
                    .map(l -> l == null ? null : new PolicyTerms.Line(l.line(), l.perClaimLimitYen(),
                            l.perYearLimitYen())).toList(), annualLimitYen,
                    deductibleYen == null ? 0 : deductibleYen, coveragePercent == null ? 100 : coveragePercent);
        }
    }

    @GetMapping("/api/v1/tenants/{slug}/policy")
    @Operation(summary = "The company's insurance policy in force today and all its policies (staff; the company's own)")
    CompanyPolicyJson get(Actor actor, @PathVariable String slug) {
        Tenant tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("company"));
        LocalDate today = policies.today();
        List<PolicyTerms> list = policies.ofCompany(actor, tenant.id());
        List<PolicyJson> json = list.stream().limit(PolicyTermsRepository.MAX_LIST).map(p -> PolicyJson.of(p, today)).toList();
        return new CompanyPolicyJson(tenant.slug(), today, json.stream().filter(PolicyJson::inForceToday).findFirst()
                .orElse(null), json, list.size() > PolicyTermsRepository.MAX_LIST);
    }

    @PutMapping("/api/v1/tenants/{slug}/policy")
    @Operation(summary = "Store a policy of the company (provider staff): 201 new, 200 changed, 422 with the reason "
            + "when its period overlaps another policy or its limits do not fit")
    ResponseEntity<PolicyJson> put(Actor actor, @PathVariable String slug, @RequestBody PolicyBody body) {
        PolicyRegistry.requireStaff(actor);
        Tenant tenant = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("company"));
        if (body == null) {
            throw new InvalidInput("body", "policy.number", null, "a policy is required");
        }
        PolicyTerms saved = policies.save(actor, tenant.id(), body.id(), body.draft());
        return ResponseEntity.status(body.id() == null ? HttpStatus.CREATED : HttpStatus.OK)
                .body(PolicyJson.of(saved, policies.today()));
    }

    @ExceptionHandler(PolicyRuleBroken.class)
    ProblemDetail unprocessable(PolicyRuleBroken e, Locale locale) {
        return problem(messages, e, locale);
    }

    /** 422 with the field, the reason for scripts (English) and the reason for people (the caller's language). */
    static ProblemDetail problem(MessageSource messages, PolicyRuleBroken e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("reason", messages.getMessage(e, locale));
        return problem;
    }
}
