package jp.sukedachi.app.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.ObjectMapper;

/**
 * What this process answers over HTTP, by its {@link NodeRole}: the receivers' paths on {@code receiver} and
 * {@code all}, the pages and the REST API on {@code web} and {@code all}, the actuator (health, metrics) on every
 * role. Anything else answers 404 in the API's JSON error shape with a sentence naming the role and where to go
 * instead. Runs before the security filters, so a page asked of a receiver is not first sent to a login page that
 * is not there either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NodeRoleFilter extends OncePerRequestFilter {
    private final NodeRole role;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectMapper json;

    NodeRoleFilter(NodeSettings settings, MessageSource messages, LocaleResolver locales, ObjectMapper json) {
        this.role = settings.role();
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /** The receivers' HTTP paths: NDJSON ingest, Elastic {@code _bulk} and the handshake Elastic clients make. */
    static boolean isReceiverPath(String path) {
        return path.equals("/api/v1/ingest") || path.startsWith("/api/v1/") && path.endsWith("/_bulk")
                || path.equals("/api/v1/") || path.equals("/api/v1/es") || path.equals("/api/v1/es/");
    }

    /** Whether {@code role} answers this path (decoded, without the context path). */
    static boolean serves(NodeRole role, String path) {
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            return true;
        }
        return isReceiverPath(path) ? role.serves(NodeRole.Part.RECEIVERS) : role.serves(NodeRole.Part.PAGES);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return role == NodeRole.ALL;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The servlet path is decoded and free of dot segments and ;parameters: no spelling of a path slips past.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (serves(role, path)) {
            chain.doFilter(request, response);
            return;
        }
        String message = messages.getMessage("node.role." + role.setting(), null, locales.resolveLocale(request));
        response.setStatus(HttpStatus.NOT_FOUND.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "not_found");
        body.put("status", 404);
        body.put("message", message);
        body.put("role", role.setting());
        response.getWriter().write(json.writeValueAsString(body));
    }
}
