package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.ObjectMapper;

/**
 * An address nothing answers. Spring's problem-details handler would answer it with JSON for everybody (a person
 * who mistyped a URL read {@code {"detail":"No static resource …"}}); here a page address gets the translated
 * error page with the user's navigation, and only {@code /api/} and {@code /actuator} keep the JSON problem.
 * Not limited to controllers: the static-resource handler raises these.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private final ObjectMapper json;

    PageErrors(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ModelAndView notFound(HttpServletRequest request) {
        if (!isApi(request)) {
            ModelAndView page = new ModelAndView("forward:/error/404");
            page.setStatus(HttpStatus.NOT_FOUND);
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no resource at this address; see /api/v1/openapi for the API's paths");
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        byte[] body = json.writeValueAsBytes(problem);
        ModelAndView view = new ModelAndView((model, req, response) -> {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(body);
        });
        view.setStatus(HttpStatus.NOT_FOUND);
        return view;
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(Math.min(request.getContextPath().length(),
                request.getRequestURI().length()));
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
    }
}
