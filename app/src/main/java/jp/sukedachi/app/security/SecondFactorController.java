package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second login step: enter the code from the authenticator app, or set one up (staff must). */
@Controller
class SecondFactorController {
    private final TotpEnrolment enrolment;
    private final LoginCompletion completion;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public SecondFactorController(TotpEnrolment enrolment, LoginCompletion completion, LoginThrottle throttle,
            AuditLog audit) {
        this.enrolment = enrolment;
        this.completion = completion;
        this.throttle = throttle;
        this.audit = audit;
    }

    @GetMapping("/login/totp")
    public String codeForm(Model model) {
        PendingSecondFactor pending = pending();
        if (!pending.user().totpEnabled()) {
            return "redirect:/login/totp/enrol";
        }
        model.addAttribute("login", pending.user().getUsername());
        return "login-totp";
    }

    @PostMapping("/login/totp")
    public String verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) throws IOException {
        PendingSecondFactor pending = pending();
        SukedachiPrincipal user = pending.user();
        String address = PasswordAuthenticationProvider.currentAddress();
        if (throttle.lockedUntil(user.getUsername(), address).isEmpty()
                && enrolment.verifyStored(user.userId(), code)) {
            audit.record(user.actor(), user.tenantId(), AuditAction.TOTP_VERIFY, user.getUsername(), Outcome.SUCCESS, null);
            completion.complete(pending.passwordAuthentication(), request, response, "password+totp");
            return null;
        }
        throttle.recordFailure(user.getUsername(), address);
        audit.record(user.actor(), user.tenantId(), AuditAction.TOTP_VERIFY, user.getUsername(), Outcome.FAILURE,
                "wrong or reused code");
        if (throttle.lockedUntil(user.getUsername(), address).isPresent()) {
            // Out of tries: the password step must be passed again after the lock.
            SecurityContextHolder.clearContext();
            request.getSession().invalidate();
            return "redirect:/login?throttled";
        }
        model.addAttribute("login", user.getUsername());
        model.addAttribute("wrongCode", true);
        return "login-totp";
    }

    @GetMapping("/login/totp/enrol")
    public String enrolForm(HttpSession session, Model model) {
        PendingSecondFactor pending = pending();
        if (pending.user().totpEnabled()) {
            return "redirect:/login/totp";
        }
        enrolment.prepare(session, pending.user().getUsername(), model);
        return "login-totp-enrol";
    }

    @PostMapping("/login/totp/enrol")
    public String enrol(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response, Model model) throws IOException {
        PendingSecondFactor pending = pending();
        HttpSession session = request.getSession();
        if (enrolment.confirm(session, pending.user(), code)) {
            completion.complete(pending.passwordAuthentication(), request, response, "password+totp(enrolled)");
            return null;
        }
        throttle.recordFailure(pending.user().getUsername(), PasswordAuthenticationProvider.currentAddress());
        enrolment.prepare(session, pending.user().getUsername(), model);
        model.addAttribute("wrongCode", true);
        return "login-totp-enrol";
    }

    private static PendingSecondFactor pending() {
        // The security chain admits only PendingSecondFactor to these URLs.
        return (PendingSecondFactor) SecurityContextHolder.getContext().getAuthentication();
    }
}
