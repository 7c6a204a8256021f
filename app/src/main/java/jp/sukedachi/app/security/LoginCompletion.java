package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * After the password step: users who need a second factor are parked in a {@link PendingSecondFactor}
 * and sent to the TOTP page (or to enrolment, for staff without one); everyone else is logged in.
 */
@Component
class LoginCompletion implements AuthenticationSuccessHandler {
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache requestCache = new HttpSessionRequestCache();
    private final UserRepository users;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final SessionLifetime lifetime;

    public LoginCompletion(UserRepository users, LoginThrottle throttle, AuditLog audit, Clock clock,
            SessionLifetime lifetime) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        SukedachiPrincipal user = (SukedachiPrincipal) authentication.getPrincipal();
        if (user.needsSecondFactor()) {
            install(new PendingSecondFactor(authentication), request, response);
            response.sendRedirect(request.getContextPath()
                    + (user.totpEnabled() ? "/login/totp" : "/login/totp/enrol"));
            return;
        }
        complete(authentication, request, response, "password");
    }

    /** Makes the authentication the session's, records it, and goes where the user was heading. */
    public void complete(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
            String factors) throws IOException {
        SukedachiPrincipal user = (SukedachiPrincipal) authentication.getPrincipal();
        // A new session id at each privilege change defeats session fixation.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        install(authentication, request, response);
        lifetime.loggedIn(request);
        throttle.recordSuccess(user.getUsername());
        users.recordLogin(user.userId(), clock.instant());
        audit.record(user.actor(), user.tenantId(), AuditAction.LOGIN, user.getUsername(), Outcome.SUCCESS,
                "factors: " + factors);
        SavedRequest saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        String target = saved != null && "GET".equals(saved.getMethod()) ? saved.getRedirectUrl() : request.getContextPath() + "/";
        response.sendRedirect(target);
    }

    private void install(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
