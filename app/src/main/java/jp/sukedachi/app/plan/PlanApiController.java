package jp.sukedachi.app.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plans and contracts over the API. Plans: provider staff read, the provider admin writes; a class 1 plan above a
 * price cap is answered 422 naming the cap ({@code cap}, {@code limit}, {@code actual}, {@code reason}). Contracts:
 * staff read and write any company's, the company's owner reads their own; a device count that breaks a cap is 422
 * too. Yen are whole yen, tax excluded; days are YYYY-MM-DD.
 */
@RestController
@Tag(name = "Plans and contracts")
class PlanApiController {
    private final PlanService service;
    private final TenantRepository tenants;
    private final MessageSource messages;

    PlanApiController(PlanService service, TenantRepository tenants, MessageSource messages) {
        this.service = service;
        this.tenants = tenants;
        this.messages = messages;
    }

    /** A plan as sent: type network, endpoint or hybrid; tier 1 or 2; the included parts and rates are optional. */
    record PlanBody(String name, String type, Integer tier, Long monthlyYen, Long perDeviceYen,
            Integer deskHoursPerMonth, Integer visitsPerYear, Integer targetArrivalHours, Long onsiteYenPerHour,
            Long travelYenPerHour, Long deskYenPerHour, Boolean retired) {
        PlanDraft draft() {
            return new PlanDraft(name, PlanForms.type(type), tier, monthlyYen, perDeviceYen, deskHoursPerMonth,
                    visitsPerYear, targetArrivalHours, onsiteYenPerHour, travelYenPerHour, deskYenPerHour);
        }
    }

    /** A plan as answered; type in lower case as it is sent. */
    record PlanJson(UUID id, String name, String type, int tier, long monthlyYen, long perDeviceYen,
            int deskHoursPerMonth, int visitsPerYear, int targetArrivalHours, long onsiteYenPerHour,
            long travelYenPerHour, long deskYenPerHour, boolean retired, Instant updatedAt) {
        static PlanJson of(Plan p) {
            return new PlanJson(p.id(), p.name(), p.type().name().toLowerCase(Locale.ROOT), p.tier(), p.monthlyYen(),
                    p.perDeviceYen(), p.deskHoursPerMonth(), p.visitsPerYear(), p.targetArrivalHours(),
                    p.onsiteYenPerHour(), p.travelYenPerHour(), p.deskYenPerHour(), p.retired(), p.updatedAt());
        }
    }

    record ContractBody(UUID planId, String start, String end, Integer devices, Integer endpoints) {
    }

    /**
     * A company's contract in force today (null when it has none), its monthly fee, and the devices contracted next
     * to those sending now.
     */
    record ContractJson(String tenant, ContractTerms contract, Long monthlyFeeYen, PlanService.Usage usage,
            boolean overContract) {
    }

    @PostMapping("/api/v1/plans")
    @Operation(summary = "Define a plan (provider admin): 201 with Location; 422 naming the price cap a plan breaks")
    ResponseEntity<PlanJson> create(Actor actor, @RequestBody(required = false) PlanBody body) {
        Plan plan = service.create(actor, body(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id())).body(PlanJson.of(plan));
    }

    @GetMapping("/api/v1/plans")
    @Operation(summary = "Every plan, offered ones first (provider staff)")
    ResponseEntity<List<PlanJson>> list(Actor actor) {
        PlanService.Listing listing = service.plans(actor);
        var answer = ResponseEntity.ok();
        if (listing.cut()) {
            answer.header("X-Sukedachi-Truncated", Integer.toString(listing.plans().size()));
        }
        return answer.body(listing.plans().stream().map(PlanJson::of).toList());
    }

    @GetMapping("/api/v1/plans/{id}")
    @Operation(summary = "One plan (provider staff)")
    PlanJson one(Actor actor, @PathVariable UUID id) {
        return PlanJson.of(service.plan(actor, id));
    }

    @PutMapping("/api/v1/plans/{id}")
    @Operation(summary = "Change a plan (provider admin); retired true stops offering it. 422 when the new prices "
            + "break a cap. New prices apply to contracts made from now on; running contracts keep their agreed prices")
    PlanJson update(Actor actor, @PathVariable UUID id, @RequestBody(required = false) PlanBody body) {
        Plan old = service.plan(actor, id);
        PlanBody b = body(body);
        return PlanJson.of(service.update(actor, id, b.draft(), b.retired() == null ? old.retired() : b.retired()));
    }

    @GetMapping("/api/v1/tenants/{slug}/contract")
    @Operation(summary = "The company's contract in force today with devices contracted and sending (staff; the "
            + "company's owner for their own)")
    ContractJson contract(Actor actor, @PathVariable String slug) {
        return answer(actor, tenant(actor, slug));
    }

    @PutMapping("/api/v1/tenants/{slug}/contract")
    @Operation(summary = "Set the company's contract (provider staff): {planId, start, end, devices, endpoints}. A "
            + "later start ends the running contract the day before and takes the plan's current prices; the same "
            + "start with the same plan keeps the agreed prices. 422 when the endpoint count breaks a cap")
    ContractJson setContract(Actor actor, @PathVariable String slug, @RequestBody(required = false) ContractBody body) {
        Tenant tenant = tenant(actor, slug);
        ContractBody b = body == null ? new ContractBody(null, null, null, null, null) : body;
        service.setContract(actor, tenant.id(), new ContractDraft(b.planId(),
                PlanForms.day("start", "contract.start", b.start()), PlanForms.day("end", "contract.end", b.end()),
                b.devices(), b.endpoints()));
        return answer(actor, tenant);
    }

    private ContractJson answer(Actor actor, Tenant tenant) {
        var contract = service.contract(actor, tenant.id()).orElse(null);
        var usage = service.usage(actor, tenant.id());
        return new ContractJson(tenant.slug(), contract, contract == null ? null : contract.monthlyFeeYen(), usage,
                usage.overContract());
    }

    private Tenant tenant(Actor actor, String slug) {
        return tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
    }

    private static PlanBody body(PlanBody body) {
        if (body == null) {
            throw new InvalidInput("name", "plan.error.required", null, "the request body is missing",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(
                            new String[] {"plan.name"}, "name"));
        }
        return body;
    }

    /** 422: the input is well formed but breaks a price cap; the body names the cap, its limit and the amount. */
    @ExceptionHandler(CapExceeded.class)
    ProblemDetail capExceeded(CapExceeded e) {
        Locale locale = LocaleContextHolder.getLocale();
        CapCheck.Breach first = e.breaches().getFirst();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Price cap exceeded");
        problem.setProperty("cap", first.cap());
        problem.setProperty("limit", first.limit());
        problem.setProperty("actual", first.actual());
        problem.setProperty("reason", messages.getMessage(first, locale));
        problem.setProperty("caps", e.breaches().stream().map(b -> new BreachJson(b.cap(), b.limit(), b.actual(),
                b.english(), messages.getMessage(b, locale))).toList());
        return problem;
    }

    record BreachJson(String cap, long limit, long actual, String detail, String reason) {
    }
}
