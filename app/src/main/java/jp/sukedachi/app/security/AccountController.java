package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.PasswordPolicy;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.tenant.UserService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own account: change password, set up or remove the authenticator app (SME users). */
@Controller
class AccountController {
    private final UserRepository users;
    private final UserService userService;
    private final TotpEnrolment enrolment;
    private final AuditLog audit;
    private final UserSessions sessions;

    public AccountController(UserRepository users, UserService userService, TotpEnrolment enrolment, AuditLog audit,
            UserSessions sessions) {
        this.users = users;
        this.userService = userService;
        this.enrolment = enrolment;
        this.audit = audit;
        this.sessions = sessions;
    }

    @GetMapping("/account")
    public String account(Actor actor, Model model) {
        model.addAttribute("me", me(actor));
        return "account";
    }

    @PostMapping("/account/password")
    public String changePassword(Actor actor, @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirm,
            Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        List<PasswordPolicy.Violation> violations;
        if (!password.equals(confirm)) {
            violations = List.of(new PasswordPolicy.Violation("password.mismatch"));
        } else {
            try {
                userService.changePassword(actor, current, password);
                // The change ended every session of this user (new epoch); this one carries on.
                sessions.renew(request, response);
                redirect.addFlashAttribute("notice", "account.passwordChanged");
                return "redirect:/account";
            } catch (UserService.PolicyException e) {
                violations = e.violations();
            }
        }
        model.addAttribute("me", me(actor));
        model.addAttribute("violations", violations);
        return "account";
    }

    @GetMapping("/account/totp")
    public String totpForm(Actor actor, HttpSession session, Model model) {
        if (me(actor).totpEnabled()) {
            return "redirect:/account";
        }
        enrolment.prepare(session, actor.login(), model);
        return "account-totp";
    }

    @PostMapping("/account/totp")
    public String totpConfirm(Actor actor, @RequestParam(defaultValue = "") String code, HttpSession session,
            Model model, RedirectAttributes redirect) {
        if (enrolment.confirm(session, principal(), code)) {
            redirect.addFlashAttribute("notice", "account.totpEnabled");
            return "redirect:/account";
        }
        enrolment.prepare(session, actor.login(), model);
        model.addAttribute("wrongCode", true);
        return "account-totp";
    }

    /** SME users may remove their authenticator (staff may not); a current code proves it is them. */
    @PostMapping("/account/totp/disable")
    public String totpDisable(Actor actor, @RequestParam(defaultValue = "") String code, RedirectAttributes redirect) {
        if (actor.role().requiresTotp()) {
            redirect.addFlashAttribute("notice", "account.totpRequired");
            return "redirect:/account";
        }
        if (!enrolment.verifyStored(actor.userId(), code)) {
            audit.record(actor, actor.tenantId(), AuditAction.TOTP_DISABLED, actor.login(), Outcome.FAILURE, "wrong code");
            redirect.addFlashAttribute("notice", "account.totpWrongCode");
            return "redirect:/account";
        }
        users.setTotp(actor.userId(), null, false);
        audit.record(actor, actor.tenantId(), AuditAction.TOTP_DISABLED, actor.login(), Outcome.SUCCESS, null);
        redirect.addFlashAttribute("notice", "account.totpDisabled");
        return "redirect:/account";
    }

    private AppUser me(Actor actor) {
        return users.findById(actor.userId()).orElseThrow(() -> new NotFoundException("user"));
    }

    private static SukedachiPrincipal principal() {
        return (SukedachiPrincipal) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }
}
