package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Whether a login session may still act. A session stays valid only while its user is active, still has
 * the role it logged in with, and the user's stored session epoch is the one of the login. Disabling a
 * user or changing a password raises the epoch ({@link UserRepository}), so all other sessions of that
 * user end on their next request. The check reads the database on every request (one primary-key
 * lookup, no cache): it holds at once and on every instance that shares the database.
 */
@Component
public class UserSessions {
    private final UserRepository users;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    public UserSessions(UserRepository users) {
        this.users = users;
    }

    /**
     * The epoch a new session gets. Read before the password is checked: a change racing the login then
     * leaves the new session with the older epoch, which the next request refuses.
     */
    public long epochOfLogin(String login) {
        return users.sessionEpochOfLogin(login);
    }

    public long epochOf(UUID userId) {
        return users.sessionEpochOf(userId);
    }

    /** Whether a session made for this principal may still act. */
    public boolean stillValid(SukedachiPrincipal principal) {
        return users.sessionStillValid(principal.userId(), principal.role(), principal.sessionEpoch());
    }

    /**
     * After the user changed their own password: the session they did it in carries on with the new
     * epoch, under a new session id; their other sessions stay ended.
     */
    public void renew(HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof SukedachiPrincipal old)) {
            return;
        }
        long epoch = epochOf(old.userId());
        AppUser user = users.findById(old.userId()).orElseThrow();
        SukedachiPrincipal renewed = new SukedachiPrincipal(user, epoch);
        renewed.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(renewed, null, renewed.getAuthorities()));
        SecurityContextHolder.setContext(context);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        contexts.saveContext(context, request, response);
    }
}
