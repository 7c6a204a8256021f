package jp.sukedachi.app.tenant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST API for tenants and users; every read goes through the caller's scope. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tenants and users")
class TenantApiController {
    private final TenantRepository tenants;
    private final UserRepository users;
    private final TenantService tenantService;
    private final UserService userService;
    private final InviteLinks links;

    public TenantApiController(TenantRepository tenants, UserRepository users, TenantService tenantService,
            UserService userService, InviteLinks links) {
        this.tenants = tenants;
        this.users = users;
        this.tenantService = tenantService;
        this.userService = userService;
        this.links = links;
    }

    /** The caller as the server sees it. */
    public record Me(UUID userId, String login, Role role, UUID tenantId) {
    }

    /** A created invitation: the link to hand to the person (shown once). */
    public record InvitationResponse(UserView user, String inviteLink) {
    }

    @GetMapping("/me")
    @Operation(summary = "Who am I")
    public Me me(Actor actor) {
        return new Me(actor.userId(), actor.login(), actor.role(), actor.tenantId());
    }

    @GetMapping("/tenants")
    @Operation(summary = "Tenants visible to the caller")
    public List<Tenant> listTenants(Actor actor) {
        return tenants.findVisible(actor);
    }

    @GetMapping("/tenants/{id}")
    public Tenant getTenant(Actor actor, @PathVariable UUID id) {
        return tenants.find(actor, id).orElseThrow(() -> new NotFoundException("tenant"));
    }

    @PostMapping("/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a tenant (provider admin)")
    public Tenant createTenant(Actor actor, @Valid @RequestBody TenantDraft draft) {
        return tenantService.create(actor, draft);
    }

    @PutMapping("/tenants/{id}")
    @Operation(summary = "Change a tenant (provider admin)")
    public Tenant updateTenant(Actor actor, @PathVariable UUID id, @Valid @RequestBody TenantDraft draft) {
        return tenantService.update(actor, id, draft);
    }

    @GetMapping("/users")
    @Operation(summary = "Users visible to the caller, optionally of one tenant")
    public List<UserView> listUsers(Actor actor, @RequestParam(required = false) UUID tenantId) {
        return users.findVisible(actor, tenantId).stream().map(UserView::of).toList();
    }

    @GetMapping("/users/{id}")
    public UserView getUser(Actor actor, @PathVariable UUID id) {
        return users.find(actor, id).map(UserView::of).orElseThrow(() -> new NotFoundException("user"));
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a user; the answer holds the invitation link, valid for 7 days")
    public InvitationResponse invite(Actor actor, @Valid @RequestBody InviteDraft draft, HttpServletRequest request) {
        var invitation = userService.invite(actor, draft);
        return new InvitationResponse(UserView.of(invitation.user()), links.link(request, invitation.token()));
    }
}
