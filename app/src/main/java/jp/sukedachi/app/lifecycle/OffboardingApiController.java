package jp.sukedachi.app.lifecycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The export ZIP and the offboarding of a company (provider admin), by the company's slug. */
@RestController
@RequestMapping("/api/v1/tenants/{slug}")
@Tag(name = "Data lifecycle")
class OffboardingApiController {
    private final Offboardings offboardings;

    OffboardingApiController(Offboardings offboardings) {
        this.offboardings = offboardings;
    }

    /** Starting an offboarding: why, and who at the company (or the provider) asked for it. */
    record Start(String reason, String requestedBy) {
    }

    /** An offboarding as the API shows it; a completed one has no reason and no requester any more. */
    record View(String status, Instant startedAt, Instant dueAt, String reason, String requestedBy, String startedBy,
            String cancelledBy, Instant finishedAt, Long deletedRows, String deletedCounts, Long journalRecordsErased) {
        static View of(Offboarding o) {
            return new View(o.status().name(), o.startedAt(), o.dueAt(), o.reason(), o.requestedBy(), o.startedBy(),
                    o.cancelledBy(), o.finishedAt(), o.deletedRows(), o.deletedCounts(), o.journalErased());
        }
    }

    /** The company's offboardings, newest first, and the grace period in days. */
    record History(int graceDays, List<View> offboardings) {
    }

    @GetMapping("/export")
    @Operation(summary = "Everything of the company as a ZIP: for its owner what the company's pages show (staff's "
            + "internal notes left out and counted in tables/_counts.json); for a provider admin or analyst everything "
            + "(copy=provider, the default for staff) or the company's copy to hand over (copy=company); 400 for "
            + "another copy, 403 when the owner asks for the provider's")
    void export(Actor actor, @PathVariable String slug, @RequestParam(required = false) String copy,
            HttpServletResponse response) throws IOException {
        Offboardings.requireExporter(actor);
        Tenant tenant = offboardings.company(actor, slug);
        boolean company = CompanyView.companyCopy(actor, copy);
        if (!company && CompanyView.appliesTo(actor)) {
            throw new AccessDeniedException("the provider's copy with internal notes is for provider staff");
        }
        OffboardingController.zipHeaders(response, company, tenant, offboardings.now());
        offboardings.export(actor, tenant, company, response.getOutputStream());
    }

    @PostMapping("/offboarding")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start the offboarding (provider admin): the company is suspended now and deleted after "
            + "the grace period; 409 when one is already running")
    View start(Actor actor, @PathVariable String slug, @RequestBody Start body) {
        Offboardings.requireAdmin(actor);
        Tenant tenant = offboardings.company(actor, slug);
        return View.of(offboardings.start(actor, tenant, body.reason(), body.requestedBy()));
    }

    @GetMapping("/offboarding")
    @Operation(summary = "The company's offboardings (provider admin); after the deletion, the completed record "
            + "found by the slug's hash")
    History get(Actor actor, @PathVariable String slug) {
        Offboardings.requireAdmin(actor);
        List<Offboarding> list;
        try {
            list = offboardings.ofTenant(actor, offboardings.company(actor, slug));
        } catch (NotFoundException gone) {
            list = offboardings.completedOf(actor, slug);
            if (list.isEmpty()) {
                throw gone;
            }
        }
        return new History(offboardings.graceDays(), list.stream().map(View::of).toList());
    }

    @DeleteMapping("/offboarding")
    @Operation(summary = "Cancel the running offboarding (provider admin): the company works again; 404 when none runs")
    View cancel(Actor actor, @PathVariable String slug) {
        Offboardings.requireAdmin(actor);
        return View.of(offboardings.cancel(actor, offboardings.company(actor, slug)));
    }
}
