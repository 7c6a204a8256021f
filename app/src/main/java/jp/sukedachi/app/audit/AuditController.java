package jp.sukedachi.app.audit;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log viewer: admins see everything, SME owners their own company's entries. */
@Controller
class AuditController {
    /** Dates in the filter are days in Japan, where the users are. */
    private final AuditRepository audit;
    private final MessageSource messages;

    public AuditController(AuditRepository audit, MessageSource messages) {
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/audit")
    public String view(Actor actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String login,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long before, Locale locale, Model model) {
        requireViewer(actor);
        var filter = filter(action, login, from, to, before);
        List<AuditEvent> events = audit.find(actor, filter);
        model.addAttribute("events", events);
        Map<Long, String> details = new HashMap<>();
        for (AuditEvent e : events) {
            details.put(e.id(), readable(e.detail(), locale));
        }
        model.addAttribute("details", details);
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("filter", filter);
        model.addAttribute("fromDate", from);
        model.addAttribute("toDate", to);
        model.addAttribute("nextBefore", events.size() == AuditRepository.PAGE_SIZE ? events.getLast().id() : null);
        return "audit";
    }

    /** A recorded detail with the role names a person reads ("role TENANT_MEMBER" becomes the role's label). */
    String readable(String detail, Locale locale) {
        if (detail == null) {
            return null;
        }
        String out = detail;
        for (Role role : Role.values()) {
            if (out.contains(role.name())) {
                String label = messages.getMessage(role.labelKey(), null, role.name(), locale);
                out = out.replaceAll("\\b" + role.name() + "\\b", java.util.regex.Matcher.quoteReplacement(label));
            }
        }
        return out;
    }

    static AuditRepository.Filter filter(String action, String login, LocalDate from, LocalDate to, Long before) {
        String cleanAction = action == null || action.isBlank() ? null : AuditAction.valueOf(action).name();
        String cleanLogin = login == null || login.isBlank() ? null : login.strip();
        if (cleanLogin != null && cleanLogin.length() > 254) {
            throw new IllegalArgumentException("login filter too long");
        }
        return new AuditRepository.Filter(cleanAction, cleanLogin,
                from == null ? null : from.atStartOfDay(Formats.TOKYO).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(Formats.TOKYO).toInstant(), before);
    }

    static void requireViewer(Actor actor) {
        if (!actor.isAdmin() && actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("the audit log is for admins and company owners");
        }
    }
}
