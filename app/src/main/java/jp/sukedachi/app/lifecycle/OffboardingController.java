package jp.sukedachi.app.lifecycle;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff page of a company's offboarding ({@code /tenants/{id}/offboarding}: export, start, cancel, and the
 * completed offboardings) and the company's own page ({@code /my/data}: what offboarding means, the owner's
 * download).
 */
@Controller
class OffboardingController {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Tokyo"));

    private final Offboardings offboardings;
    private final TenantRepository tenants;
    private final MessageSource messages;

    OffboardingController(Offboardings offboardings, TenantRepository tenants, MessageSource messages) {
        this.offboardings = offboardings;
        this.tenants = tenants;
        this.messages = messages;
    }

    /** The provider's complete export (with staff's internal notes) says so in its file name too. */
    static void zipHeaders(HttpServletResponse response, boolean company, Tenant tenant, Instant at) {
        response.setContentType("application/zip");
        String kind = company ? "" : "-" + ExportReadme.PROVIDER_LABEL;
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("sukedachi-export-" + tenant.slug() + "-" + DAY.format(at) + kind + ".zip",
                        StandardCharsets.UTF_8)
                .build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    private static void requireStaff(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("offboarding page: provider staff");
        }
    }

    private Tenant tenant(Actor actor, UUID id) {
        return tenants.find(actor, id).orElseThrow(() -> new NotFoundException("tenant"));
    }

    @GetMapping("/tenants/{id}/offboarding")
    String page(Actor actor, @PathVariable UUID id, Model model) {
        requireStaff(actor);
        Tenant tenant = tenant(actor, id);
        model.addAttribute("tenant", tenant);
        model.addAttribute("graceDays", offboardings.graceDays());
        model.addAttribute("admin", actor.isAdmin());
        if (actor.isAdmin()) {
            var history = offboardings.ofTenant(actor, tenant);
            model.addAttribute("running", history.stream()
                    .filter(o -> o.status() == Offboarding.Status.RUNNING).findFirst().orElse(null));
            model.addAttribute("history", history);
            model.addAttribute("completed", offboardings.completed(actor, 20));
        }
        return "lifecycle/offboarding";
    }

    @PostMapping("/tenants/{id}/offboarding")
    String start(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String requestedBy, Locale locale, RedirectAttributes redirect) {
        Offboardings.requireAdmin(actor);
        Tenant tenant = tenant(actor, id);
        try {
            offboardings.start(actor, tenant, reason, requestedBy);
            redirect.addFlashAttribute("notice", messages.getMessage("offboard.started", null, locale));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errorText", messages.getMessage(e, locale));
        } catch (DuplicateException e) {
            redirect.addFlashAttribute("errorText", messages.getMessage(e.messageKey(), null, locale));
        }
        return "redirect:/tenants/" + id + "/offboarding";
    }

    @PostMapping("/tenants/{id}/offboarding/cancel")
    String cancel(Actor actor, @PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        Offboardings.requireAdmin(actor);
        offboardings.cancel(actor, tenant(actor, id));
        redirect.addFlashAttribute("notice", messages.getMessage("offboard.cancelled", null, locale));
        return "redirect:/tenants/" + id + "/offboarding";
    }

    /** {@code copy=company}: the copy to hand to the company (no internal notes); otherwise the provider's. */
    @GetMapping("/tenants/{id}/offboarding/export")
    void staffExport(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String copy,
            HttpServletResponse response) throws IOException {
        requireStaff(actor);
        Tenant tenant = tenant(actor, id);
        boolean company = CompanyView.companyCopy(actor, copy);
        zipHeaders(response, company, tenant, offboardings.now());
        offboardings.export(actor, tenant, company, response.getOutputStream());
    }

    @GetMapping("/my/data")
    String myData(Actor actor, Model model) {
        if (actor.tenantId() == null) {
            throw new AccessDeniedException("/my/data is the company's page");
        }
        model.addAttribute("tenant", tenant(actor, actor.tenantId()));
        model.addAttribute("owner", actor.role() == Role.TENANT_OWNER);
        model.addAttribute("graceDays", offboardings.graceDays());
        return "lifecycle/my-data";
    }

    @GetMapping("/my/data/export")
    void myExport(Actor actor, HttpServletResponse response) throws IOException {
        if (actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("the export is for the company's owner");
        }
        Tenant tenant = tenant(actor, actor.tenantId());
        zipHeaders(response, true, tenant, offboardings.now());
        offboardings.export(actor, tenant, true, response.getOutputStream());
    }
}
