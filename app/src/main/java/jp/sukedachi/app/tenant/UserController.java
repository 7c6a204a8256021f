package jp.sukedachi.app.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users: admins see everyone and invite any role; an SME owner sees and invites the people of their company. */
@Controller
class UserController {
    private final UserRepository users;
    private final TenantRepository tenants;
    private final UserService service;
    private final InviteLinks links;
    private final InvitationMails mails;

    public UserController(UserRepository users, TenantRepository tenants, UserService service, InviteLinks links,
            InvitationMails mails) {
        this.mails = mails;
        this.users = users;
        this.tenants = tenants;
        this.service = service;
        this.links = links;
    }

    @GetMapping("/users")
    public String list(Actor actor, Model model) {
        requireManager(actor);
        return page(actor, model, new InviteDraft("", "", actor.isAdmin() ? Role.ANALYST : Role.TENANT_MEMBER, null));
    }

    @PostMapping("/users/invite")
    public String invite(Actor actor, @Valid @ModelAttribute("invite") InviteDraft draft, BindingResult errors,
            Model model, HttpServletRequest request, Locale locale) {
        requireManager(actor);
        if (errors.hasErrors()) {
            return page(actor, model, draft);
        }
        try {
            var invitation = service.invite(actor, draft);
            String link = links.link(request, invitation.token());
            String inviter = users.findById(actor.userId()).map(AppUser::displayName).orElse(actor.login());
            model.addAttribute("invited", UserView.of(invitation.user()));
            model.addAttribute("link", link);
            model.addAttribute("mail", mails.send(actor, invitation, link, inviter, locale).name());
            return "invite-created";
        } catch (DuplicateException e) {
            errors.rejectValue("email", e.messageKey());
        } catch (NotFoundException e) {
            errors.rejectValue("tenantId", "user.tenantRequired");
        }
        return page(actor, model, draft);
    }

    @PostMapping("/users/{id}/disable")
    public String disable(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        return setEnabled(actor, id, false, redirect);
    }

    @PostMapping("/users/{id}/enable")
    public String enable(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        return setEnabled(actor, id, true, redirect);
    }

    private String setEnabled(Actor actor, UUID id, boolean enabled, RedirectAttributes redirect) {
        try {
            service.setEnabled(actor, id, enabled);
            redirect.addFlashAttribute("notice", enabled ? "user.enabled" : "user.disabled");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("notice", "user.cannotDisableSelf");
        }
        return "redirect:/users";
    }

    private String page(Actor actor, Model model, InviteDraft draft) {
        model.addAttribute("users", users.findVisible(actor, null).stream().map(UserView::of).toList());
        var visibleTenants = tenants.findVisible(actor);
        model.addAttribute("tenants", visibleTenants);
        model.addAttribute("tenantNames", visibleTenants.stream()
                .collect(Collectors.toMap(Tenant::id, Tenant::name)));
        model.addAttribute("roles", List.copyOf(actor.role().mayInvite()));
        model.addAttribute("invite", draft);
        return "users";
    }

    private static void requireManager(Actor actor) {
        if (!actor.isAdmin() && actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("user management is for admins and company owners");
        }
    }

    @GetMapping("/invite/{token}")
    public String acceptForm(@PathVariable String token, Model model, HttpServletResponse response) {
        var invitation = service.findInvitation(token);
        if (invitation.isEmpty()) {
            return invalidInvitation(model, response);
        }
        model.addAttribute("invited", UserView.of(invitation.get()));
        model.addAttribute("token", token);
        return "invite-accept";
    }

    @PostMapping("/invite/{token}")
    public String accept(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm, Model model, HttpServletResponse response) {
        var invitation = service.findInvitation(token);
        if (invitation.isEmpty()) {
            return invalidInvitation(model, response);
        }
        model.addAttribute("invited", UserView.of(invitation.get()));
        model.addAttribute("token", token);
        if (!password.equals(confirm)) {
            model.addAttribute("violations", List.of(new PasswordPolicy.Violation("password.mismatch")));
            return "invite-accept";
        }
        try {
            service.acceptInvitation(token, password);
            return "redirect:/login?activated";
        } catch (UserService.PolicyException e) {
            model.addAttribute("violations", e.violations());
            return "invite-accept";
        }
    }

    private static String invalidInvitation(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("status", 404);
        model.addAttribute("messageKey", "invite.invalid");
        return "error";
    }
}
