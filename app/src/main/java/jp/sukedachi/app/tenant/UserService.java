package jp.sukedachi.app.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inviting users, accepting an invitation, changing a password, disabling an account. An invitation
 * is a link with a random token (only its hash is stored) valid for 7 days; the invited person
 * chooses their own password, so nobody else ever knows it.
 */
@Service
public class UserService {
    public static final Duration INVITE_VALIDITY = Duration.ofDays(7);
    private final UserRepository users;
    private final TenantRepository tenants;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public UserService(UserRepository users, TenantRepository tenants, PasswordEncoder encoder, PasswordPolicy policy,
            AuditLog audit, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.encoder = encoder;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** A created invitation; {@code token} goes into the link and is not stored. */
    public record Invitation(AppUser user, String token) {
    }

    /** Thrown when a new password breaks the policy; carries every broken rule. */
    public static class PolicyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<PasswordPolicy.Violation> violations;

        public PolicyException(List<PasswordPolicy.Violation> violations) {
            super("password policy: " + violations.stream().map(PasswordPolicy.Violation::messageKey).toList());
            this.violations = violations;
        }

        public List<PasswordPolicy.Violation> violations() {
            return violations;
        }
    }

    @Transactional
    public Invitation invite(Actor actor, InviteDraft draft) {
        if (!actor.role().mayInvite().contains(draft.role())) {
            throw new AccessDeniedException(actor.role() + " may not invite " + draft.role());
        }
        UUID tenantId = draft.role().isProviderSide() ? null : draft.tenantId();
        if (!draft.role().isProviderSide()) {
            if (actor.role() == Role.TENANT_OWNER) {
                tenantId = actor.tenantId();
            }
            // The tenant must be one the actor can see: an owner cannot invite into another company.
            if (tenantId == null || tenants.find(actor, tenantId).isEmpty()) {
                throw new NotFoundException("tenant");
            }
        }
        if (users.loginTaken(draft.email())) {
            throw new DuplicateException("user.loginTaken");
        }
        String token = Tokens.random();
        Instant now = clock.instant();
        AppUser user = new AppUser(UUID.randomUUID(), tenantId, draft.email().strip(), draft.displayName().strip(),
                draft.email().strip(), draft.role(), null, null, false, null, null, AppUser.Status.INVITED,
                now.plus(INVITE_VALIDITY), now, null);
        users.insert(user, Tokens.sha256(token));
        audit.record(actor, tenantId, AuditAction.USER_INVITED, user.login(), Outcome.SUCCESS, "role " + user.role());
        return new Invitation(user, token);
    }

    /** The pending invitation behind a link, if the link is valid and not expired. */
    public Optional<AppUser> findInvitation(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return users.findByInviteHash(Tokens.sha256(token))
                .filter(u -> u.inviteExpiresAt() != null && u.inviteExpiresAt().isAfter(clock.instant()));
    }

    @Transactional
    public AppUser acceptInvitation(String token, String password) {
        AppUser user = findInvitation(token).orElseThrow(() -> new NotFoundException("invitation"));
        checkPolicy(user, password);
        users.activateWithPassword(user.id(), encoder.encode(password), clock.instant());
        audit.recordAnonymous(user.login(), user.id(), user.tenantId(), AuditAction.INVITE_ACCEPTED, Outcome.SUCCESS, null);
        return users.findById(user.id()).orElseThrow();
    }

    @Transactional
    public void changePassword(Actor actor, String current, String replacement) {
        AppUser user = users.findById(actor.userId()).orElseThrow(() -> new NotFoundException("user"));
        if (user.passwordHash() == null || !encoder.matches(current == null ? "" : current, user.passwordHash())) {
            audit.record(actor, actor.tenantId(), AuditAction.PASSWORD_CHANGED, actor.login(), Outcome.FAILURE,
                    "current password wrong");
            throw new PolicyException(List.of(new PasswordPolicy.Violation("password.currentWrong")));
        }
        checkPolicy(user, replacement);
        users.changePassword(user.id(), encoder.encode(replacement), clock.instant());
        audit.record(actor, actor.tenantId(), AuditAction.PASSWORD_CHANGED, actor.login(), Outcome.SUCCESS, null);
    }

    @Transactional
    public void setEnabled(Actor actor, UUID userId, boolean enabled) {
        boolean mayManage = actor.isAdmin() || actor.role() == Role.TENANT_OWNER;
        if (!mayManage) {
            throw new AccessDeniedException("not allowed to manage users");
        }
        AppUser target = users.find(actor, userId).orElseThrow(() -> new NotFoundException("user"));
        if (target.id().equals(actor.userId())) {
            throw new IllegalArgumentException("you cannot disable your own account");
        }
        if (target.role().isProviderSide() && !actor.isAdmin()) {
            throw new NotFoundException("user");
        }
        users.setStatus(actor, userId, enabled ? AppUser.Status.ACTIVE : AppUser.Status.DISABLED);
        audit.record(actor, target.tenantId(), enabled ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED,
                target.login(), Outcome.SUCCESS, null);
    }

    /**
     * Creates an active user directly, bypassing invitation: only for bootstrap (the first admin of a
     * fresh installation, the demo world). Still applies the password policy.
     */
    @Transactional
    public AppUser provision(UUID tenantId, String login, String displayName, Role role, String password,
            String totpSecretEncrypted) {
        AppUser draft = new AppUser(UUID.randomUUID(), tenantId, login, displayName, login, role, null, null, false,
                null, null, AppUser.Status.ACTIVE, null, clock.instant(), null);
        checkPolicy(draft, password);
        AppUser user = new AppUser(draft.id(), tenantId, login, displayName, login, role, encoder.encode(password),
                totpSecretEncrypted, totpSecretEncrypted != null, null, null, AppUser.Status.ACTIVE, null,
                clock.instant(), null);
        users.insert(user, null);
        return user;
    }

    private void checkPolicy(AppUser user, String password) {
        List<String> context = new ArrayList<>();
        context.add(user.login());
        context.add(user.login().split("@")[0]);
        context.add(user.displayName());
        if (user.tenantId() != null) {
            tenants.find(new Actor(user.id(), user.login(), user.role(), user.tenantId()), user.tenantId())
                    .ifPresent(t -> context.add(t.name()));
        }
        var violations = policy.check(password, user.role().isProviderSide(), context);
        if (!violations.isEmpty()) {
            throw new PolicyException(violations);
        }
    }

}
