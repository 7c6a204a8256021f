package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * Input a page's form would never send (its browser checks bypassed: a field left out, a number or id that is
 * none, a file too large) gets the error page in the reader's language, naming the field and with a link back
 * to the form, not Spring's JSON problem. Forms that know their fields show the reason next to the field
 * themselves; this is the net under all of them. Ordered before Spring's problem-details handler.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WebErrors {
    static final String TEXT = "errorText";
    static final String BACK = "errorBack";

    private final MessageSource messages;
    private final ObjectProvider<ResponseEntityExceptionHandler> problems;
    private final ObjectMapper json;

    WebErrors(MessageSource messages, ObjectProvider<ResponseEntityExceptionHandler> problems, ObjectMapper json) {
        this.messages = messages;
        this.problems = problems;
        this.json = json;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ModelAndView badInput(IllegalArgumentException e, HandlerMethod handler, HttpServletRequest request, Locale locale) {
        if (isApi(handler)) {
            // as ApiErrors says it (this advice is ordered first, and @Controller also matches REST controllers)
            return json(ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    e.getMessage())));
        }
        String text = e instanceof InvalidInput invalid ? messages.getMessage(invalid, locale) : null;
        return page(request, text);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestPartException.class})
    ModelAndView unreadableField(Exception e, HandlerMethod handler, HttpServletRequest request, Locale locale)
            throws Exception {
        if (isApi(handler)) {
            return springProblem(e, request);
        }
        String field = switch (e) {
            case MissingServletRequestParameterException m -> m.getParameterName();
            case MethodArgumentTypeMismatchException m -> m.getName();
            case MissingServletRequestPartException m -> m.getRequestPartName();
            default -> "";
        };
        String label = messages.getMessage("field." + field, null, null, locale);
        return page(request, label == null ? messages.getMessage("error.400.unreadable", null, locale)
                : messages.getMessage("error.400.field", new Object[] {label}, locale));
    }

    @ExceptionHandler(MultipartException.class)
    ModelAndView badUpload(MultipartException e, HandlerMethod handler, HttpServletRequest request, Locale locale)
            throws Exception {
        if (isApi(handler)) {
            return springProblem(e, request);
        }
        return page(request, messages.getMessage("error.400.upload", null, locale));
    }

    private static boolean isApi(HandlerMethod handler) {
        return handler != null && (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                || handler.hasMethodAnnotation(ResponseBody.class));
    }

    /** An API call gets Spring's problem details, as it did before this advice existed. */
    private ModelAndView springProblem(Exception e, HttpServletRequest request) throws Exception {
        ResponseEntityExceptionHandler handler = problems.getIfAvailable();
        ResponseEntity<Object> answer = handler == null ? null : handler.handleException(e, new ServletWebRequest(request));
        return json(answer != null ? answer : ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, e.getMessage())));
    }

    private ModelAndView json(ResponseEntity<?> answer) {
        byte[] body = answer.getBody() == null ? new byte[0] : json.writeValueAsBytes(answer.getBody());
        ModelAndView view = new ModelAndView((model, req, response) -> {
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(body);
        });
        view.setStatus(answer.getStatusCode());
        return view;
    }

    /** The 400 page with the user's navigation (a forward, so the page's model advice applies). */
    private static ModelAndView page(HttpServletRequest request, String text) {
        request.setAttribute(TEXT, text);
        request.setAttribute(BACK, sameOriginReferer(request));
        ModelAndView view = new ModelAndView("forward:/error/400");
        view.setStatus(HttpStatus.BAD_REQUEST);
        return view;
    }

    /** The page the form was on, when it is one of ours: the way back to correct the input. */
    static String sameOriginReferer(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null || referer.length() > 2000) {
            return null;
        }
        try {
            URI uri = URI.create(referer);
            boolean ours = uri.getHost() == null || (uri.getHost().equalsIgnoreCase(request.getServerName())
                    && (uri.getPort() == -1 || uri.getPort() == request.getServerPort()));
            String path = uri.getRawPath();
            if (!ours || path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
