package jp.sukedachi.app.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The receivers' bodies are data, never form fields. curl's default Content-Type is
 * application/x-www-form-urlencoded, and the servlet container parses such a body into parameters
 * (consuming it) the first time anything asks for a parameter: the locale interceptor's {@code lang},
 * a {@code @RequestParam}, a security filter. Behind this filter parameters come from the query string
 * only, so the body stays unread for the receiver. Multipart bodies are refused with 415 before
 * Spring's multipart resolver could consume (or fail on) them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RawBodyFilter extends OncePerRequestFilter {
    /** True for the endpoints whose body is log records or a feed. */
    public static boolean isBodyEndpoint(String path) {
        return path.equals("/api/v1/ingest") || path.equals("/api/v1/intel/import")
                || path.startsWith("/api/v1/") && path.endsWith("/_bulk");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod())
                || !isBodyEndpoint(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"error\":\"unsupported_media_type\",\"message\":\"multipart/form-data is "
                    + "not read here: send the file itself as the request body (curl --data-binary @FILE "
                    + "-H 'Content-Type: application/x-ndjson')\"}");
            return;
        }
        // Only a form type makes the container read the body for parameters; other requests pass as they are.
        boolean form = type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        chain.doFilter(form ? new QueryOnlyParameters(request) : request, response);
    }

    /** A request whose parameters are the query string's alone; the body is left to the receiver. */
    static final class QueryOnlyParameters extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        QueryOnlyParameters(HttpServletRequest request) {
            super(request);
            parameters = Collections.unmodifiableMap(parse(request.getQueryString()));
        }

        private static Map<String, String[]> parse(String query) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            Map<String, String[]> map = new LinkedHashMap<>();
            values.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            return map;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }

        @Override
        public String getParameter(String name) {
            String[] v = parameters.get(name);
            return v == null || v.length == 0 ? null : v[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] v = parameters.get(name);
            return v == null ? null : v.clone();
        }
    }
}
