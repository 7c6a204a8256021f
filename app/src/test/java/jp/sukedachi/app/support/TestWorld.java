package jp.sukedachi.app.support;

import java.util.UUID;
import jp.sukedachi.app.security.SecretCipher;
import jp.sukedachi.app.security.SukedachiPrincipal;
import jp.sukedachi.app.security.Totp;
import jp.sukedachi.app.security.UserSessions;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.InviteDraft;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.tenant.UserService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Builds test data through the real services, with unique names so tests sharing a Spring context
 * never collide. Passwords are random and strong (the policy applies in tests too).
 */
@Component
public class TestWorld {
    private final TenantService tenants;
    private final UserService users;
    private final UserRepository userRepository;
    private final Totp totp;
    private final SecretCipher cipher;
    private final UserSessions sessions;

    public TestWorld(TenantService tenants, UserService users, UserRepository userRepository, Totp totp,
            SecretCipher cipher, UserSessions sessions) {
        this.tenants = tenants;
        this.users = users;
        this.userRepository = userRepository;
        this.totp = totp;
        this.cipher = cipher;
        this.sessions = sessions;
    }

    /** A user with the password (and TOTP secret, if any) a test needs to log in. */
    public record Login(AppUser user, String password, String totpSecret) {
        public Actor actor() {
            return user.actor();
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String password() {
        return "Pw-" + UUID.randomUUID();
    }

    public Login staff(Role role, boolean withTotp) {
        String password = password();
        String secret = withTotp ? totp.newSecret() : null;
        AppUser user = users.provision(null, unique(role.name().toLowerCase()) + "@staff.example.jp", "Staff " + role,
                role, password, secret == null ? null : cipher.encrypt(secret));
        return new Login(user, password, secret);
    }

    public Login admin() {
        return staff(Role.PROVIDER_ADMIN, true);
    }

    public Tenant tenant(Actor admin, String name) {
        return tenants.create(admin, new TenantDraft(name, null, null, "E", "21-50", "27", name + " contact",
                unique("contact") + "@" + name.toLowerCase().replaceAll("[^a-z0-9]", "") + ".example.jp", "06-1234-5678"));
    }

    public Login smeUser(Tenant tenant, Role role) {
        String password = password();
        AppUser user = users.provision(tenant.id(), unique(role.name().toLowerCase()) + "@sme.example.jp",
                "SME " + role, role, password, null);
        return new Login(user, password, null);
    }

    public UserService.Invitation invite(Actor actor, Tenant tenant, Role role) {
        return users.invite(actor, new InviteDraft(unique("invitee") + "@sme.example.jp", "Invitee", role,
                tenant == null ? null : tenant.id()));
    }

    public String currentCode(Login login) {
        return totp.currentCode(login.totpSecret());
    }

    public AppUser reload(AppUser user) {
        return userRepository.findById(user.id()).orElseThrow();
    }

    /** A fully logged-in authentication for MockMvc's {@code authentication(…)} post-processor. */
    public Authentication authentication(Login login) {
        SukedachiPrincipal principal = new SukedachiPrincipal(reload(login.user()),
                sessions.epochOf(login.user().id()));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }
}
