package jp.sukedachi.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer skd_…}. A wrong key is answered 401 at once (never falls back to
 * the session), so a script learns immediately that its key is bad.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private final ApiKeyService keys;
    private final AuditLog audit;

    public ApiKeyAuthenticationFilter(ApiKeyService keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // Only admin keys are handled here; device tokens (sdt_…) are checked by the ingest receivers.
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !header.substring(7).strip().startsWith(ApiKeyService.KEY_PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        var actor = keys.authenticate(header.substring(7).trim());
        if (actor.isEmpty()) {
            String shown = header.substring(7).trim();
            audit.recordAnonymous(null, null, null, AuditAction.API_KEY_REJECTED, Outcome.DENIED,
                    "key " + (shown.length() > 10 ? shown.substring(0, 10) + "…" : shown) + " " + request.getRequestURI());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"error\":\"invalid_api_key\",\"message\":\"unknown or revoked API key\"}");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(actor.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
