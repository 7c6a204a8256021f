package jp.sukedachi.app.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the device receivers, {@code POST /api/v1/ingest} and the Elasticsearch {@code _bulk} paths, in the servlet
 * filter chain, before Spring Security and MVC.
 * <p>Why they may skip them: the receivers authenticate the device token themselves and audit a wrong one (the
 * security chain only ever let them through: permitAll, no CSRF, no session), read no parameter but the query
 * string's {@code format} and answer in their own JSON. What still runs before them: the node role's 404
 * ({@code NodeRoleFilter}), the refusal of multipart and form bodies' parameter parsing ({@code RawBodyFilter}),
 * the HTTP metrics and the container's limits. Errors go to the same MVC exception handlers the controller has, as
 * if {@link IngestController} had thrown them. A path spelled any other way (percent-encoded, with ;parameters)
 * goes on to MVC, which serves it with the same receivers.
 * <p>Measured with {@code ./sukedachi bench ingest}: see docs/operations.md.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class IngestFastPath extends OncePerRequestFilter {
    private static final String PREFIX = "/api/v1/";
    private static final String INGEST = PREFIX + "ingest";
    private static final String BULK = "_bulk";
    private final DeviceReceivers receivers;
    private final HandlerExceptionResolver errors;
    private final HandlerMethod ingestHandler;
    private final HandlerMethod bulkHandler;

    IngestFastPath(DeviceReceivers receivers, IngestController controller,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) throws NoSuchMethodException {
        this.receivers = receivers;
        this.errors = errors;
        this.ingestHandler = new HandlerMethod(controller,
                IngestController.class.getMethod("ingest", HttpServletRequest.class, HttpServletResponse.class));
        this.bulkHandler = new HandlerMethod(controller,
                IngestController.class.getMethod("bulk", HttpServletRequest.class, HttpServletResponse.class, String.class));
    }

    /** What a path is: {@code ingest}, or {@code bulk} (under {@code /es} or not, with its index or null). */
    record Route(boolean bulk, boolean es, String index) {
        /** The controller's mapping this route stands for: the HTTP metrics' {@code uri} tag, as MVC would set it. */
        String pattern() {
            return bulk ? PREFIX + (es ? "es/" : "") + (index == null ? "" : "{index}/") + BULK : INGEST;
        }
    }

    /** The route of a raw path without the context path, or null when it is none of the receivers'. */
    static Route route(String path) {
        if (path.equals(INGEST)) {
            return new Route(false, false, null);
        }
        if (!path.startsWith(PREFIX) || !path.endsWith("/" + BULK)) {
            return null;
        }
        String rest = path.substring(PREFIX.length(), path.length() - BULK.length()); // "", "es/", "x/" or "es/x/"
        boolean es = rest.startsWith("es/");
        String index = es ? rest.substring(3) : rest;
        if (index.isEmpty()) {
            return new Route(true, es, null);
        }
        index = index.substring(0, index.length() - 1);
        boolean plain = !index.isEmpty() && index.chars().allMatch(c -> c != '/' && c != '%' && c != ';');
        return plain ? new Route(true, es, index) : null;
    }

    /** The route of a POST to a receiver's path as the filter sees it (raw, without the context path), else null. */
    private static Route route(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return "POST".equals(request.getMethod()) && uri.startsWith(context) ? route(uri.substring(context.length())) : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return route(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Route route = route(request);
        HandlerMethod handler = route.bulk() ? bulkHandler : ingestHandler;
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(route.pattern()));
        try {
            if (route.bulk()) {
                receivers.bulk(request, response, route.index());
            } else {
                receivers.ingest(request, response);
            }
        } catch (Exception e) {
            ModelAndView answer = response.isCommitted() ? null : errors.resolveException(request, response, handler, e);
            if (answer == null || answer.getView() == null && !answer.isEmpty()) {
                // Unhandled, or a page to forward to (never for a REST handler): the container's error handling.
                if (e instanceof IOException io) {
                    throw io;
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new ServletException(e);
            }
            // Handlers answer either directly (an empty ModelAndView) or with a view object that writes the answer.
            if (answer.getView() != null) {
                if (answer.getStatus() != null) {
                    response.setStatus(answer.getStatus().value());
                }
                try {
                    answer.getView().render(answer.getModel(), request, response);
                } catch (Exception renderFailed) {
                    renderFailed.addSuppressed(e);
                    throw new ServletException(renderFailed);
                }
            }
        }
    }
}
