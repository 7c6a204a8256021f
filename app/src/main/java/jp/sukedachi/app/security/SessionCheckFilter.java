package jp.sukedachi.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a login session whose user was disabled, changed role or changed password since it logged in
 * ({@link UserSessions}): the session is invalidated before anything else runs, pages are sent to the
 * login page with a notice, API calls get 401.
 */
final class SessionCheckFilter extends OncePerRequestFilter {
    private final UserSessions sessions;
    private final AuditLog audit;
    private final boolean api;

    SessionCheckFilter(UserSessions sessions, AuditLog audit, boolean api) {
        this.sessions = sessions;
        this.audit = audit;
        this.api = api;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SukedachiPrincipal user = sessionUser(SecurityContextHolder.getContext().getAuthentication());
        if (user == null || sessions.stillValid(user)) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        audit.recordAnonymous(user.getUsername(), user.userId(), user.tenantId(), AuditAction.ACCESS_DENIED,
                Outcome.DENIED, "session ended (account disabled, role or password changed): " + request.getRequestURI());
        if (api) {
            SecurityConfig.json(response, HttpServletResponse.SC_UNAUTHORIZED, "session_ended",
                    "this session has ended because the account was disabled or its role or password changed; log in again");
        } else {
            response.sendRedirect(request.getContextPath() + "/login?ended");
        }
    }

    /** Public static files need no check (and no database read per image). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
                || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    /** The user behind a session login (password step done, with or without the second factor). */
    private static SukedachiPrincipal sessionUser(Authentication authentication) {
        if (authentication instanceof PendingSecondFactor pending) {
            return pending.user();
        }
        return authentication != null && authentication.getPrincipal() instanceof SukedachiPrincipal p ? p : null;
    }
}
