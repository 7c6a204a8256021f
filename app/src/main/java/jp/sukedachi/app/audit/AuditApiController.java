package jp.sukedachi.app.audit;

import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log over the API, newest first, 50 a page; pass the last id as {@code before} for the next page. */
@RestController
class AuditApiController {
    private final AuditRepository audit;

    public AuditApiController(AuditRepository audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    public List<AuditEvent> list(Actor actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String login,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long before) {
        AuditController.requireViewer(actor);
        return audit.find(actor, AuditController.filter(action, login, from, to, before));
    }
}
