package jp.sukedachi.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * Errors that reach Spring's error page (e.g. a URL the firewall refuses) are JSON on API paths even
 * when the client asks for HTML; Tomcat's own ones are handled by {@link ApiErrorReportValve}.
 */
@Component
class ApiErrorViews implements ErrorViewResolver, Ordered {
    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString().substring(Math.min(request.getContextPath().length(), uri.toString().length()));
        if (!path.startsWith("/api/") && !path.startsWith("/actuator")) {
            return null;
        }
        String body = "{\"error\":\"" + status.name().toLowerCase(Locale.ROOT) + "\",\"status\":" + status.value()
                + ",\"message\":\"" + status.getReasonPhrase() + "\"}";
        View json = (m, req, response) -> {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(body);
        };
        ModelAndView view = new ModelAndView(json);
        view.setStatus(status);
        return view;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
