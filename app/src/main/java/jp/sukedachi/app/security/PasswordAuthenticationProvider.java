package jp.sukedachi.app.security;

import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.tenant.PasswordPolicy;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password step: throttle first, then check the hash (also for unknown logins, so timing does
 * not reveal which accounts exist), audit every outcome.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {
    // Hash of a random password: compared against when the login does not exist, to spend equal time.
    private final String dummyHash;
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final UserSessions sessions;
    private final TenantRepository tenants;

    public PasswordAuthenticationProvider(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle,
            AuditLog audit, UserSessions sessions, TenantRepository tenants) {
        this.tenants = tenants;
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
        this.sessions = sessions;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String login = UserRepository.normalizeLogin(authentication.getName());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = currentAddress();
        var locked = throttle.lockedUntil(login, address);
        if (locked.isPresent()) {
            audit.recordAnonymous(login, null, null, AuditAction.LOGIN_THROTTLED, Outcome.DENIED,
                    "locked until " + locked.get());
            throw new LoginThrottledException(locked.get());
        }
        if (password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            // Bounded input: never hash megabytes.
            throttle.recordFailure(login, address);
            throw new BadCredentialsException("bad credentials");
        }
        long epoch = sessions.epochOfLogin(login);
        var user = users.findByLogin(login).map(u -> new SukedachiPrincipal(u, epoch));
        boolean matches = encoder.matches(password, user.map(SukedachiPrincipal::getPassword).orElse(dummyHash));
        // A company being offboarded (issue 17) has no logins until the offboarding is cancelled.
        boolean suspended = user.isPresent() && tenants.isSuspended(user.get().tenantId());
        if (user.isEmpty() || !matches || !user.get().isEnabled() || suspended) {
            throttle.recordFailure(login, address);
            audit.recordAnonymous(login, user.map(SukedachiPrincipal::userId).orElse(null),
                    user.map(SukedachiPrincipal::tenantId).orElse(null), AuditAction.LOGIN, Outcome.FAILURE,
                    user.isEmpty() ? "unknown login" : !matches ? "wrong password"
                            : suspended ? "company being offboarded" : "account not active");
            throw user.isEmpty() ? new UsernameNotFoundException("bad credentials")
                    : new BadCredentialsException("bad credentials");
        }
        SukedachiPrincipal principal = user.get();
        principal.eraseCredentials();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String currentAddress() {
        return AuditLog.currentIp();
    }
}
