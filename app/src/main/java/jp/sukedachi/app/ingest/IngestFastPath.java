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
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers {@code POST /api/v1/ingest} in the servlet filter chain, before Spring Security and MVC.
 * <p>Why it may skip them: the receiver authenticates the device token itself and audits a wrong one (the security
 * chain only ever let it through: permitAll, no CSRF, no session), it reads no parameter but the query string's
 * {@code format}, and it answers in its own JSON. What still runs before it: the node role's 404
 * ({@code NodeRoleFilter}), the refusal of multipart and form bodies' parameter parsing ({@code RawBodyFilter}),
 * the HTTP metrics and the container's limits. Errors go to the same MVC exception handlers the controller has, as
 * if {@link IngestController#ingest} had thrown them.
 * <p>Measured with {@code ./sukedachi bench ingest}: see docs/operations.md.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class IngestFastPath extends OncePerRequestFilter {
    static final String PATH = "/api/v1/ingest";
    private final NdjsonReceiver receiver;
    private final HandlerExceptionResolver errors;
    private final HandlerMethod handler;

    IngestFastPath(NdjsonReceiver receiver, IngestController controller,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) throws NoSuchMethodException {
        this.receiver = receiver;
        this.errors = errors;
        this.handler = new HandlerMethod(controller,
                IngestController.class.getMethod("ingest", HttpServletRequest.class, HttpServletResponse.class));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Exactly the path (any other spelling goes on to MVC, which serves it with the same receiver).
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return !"POST".equals(request.getMethod()) || !uri.startsWith(context)
                || !uri.regionMatches(context.length(), PATH, 0, PATH.length())
                || uri.length() != context.length() + PATH.length();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            receiver.receive(request, response);
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
