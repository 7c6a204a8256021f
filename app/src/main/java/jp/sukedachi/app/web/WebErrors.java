package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Input a page's form would never send (its browser checks bypassed: a field left out, a number or id that is
 * none, a file too large) gets the error page in the reader's language, naming the field and with a link back
 * to the form, not Spring's JSON problem. Forms that know their fields show the reason next to the field
 * themselves; this is the net under all of them. Ordered before Spring's problem-details handler.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {
    static final String TEXT = "errorText";
    static final String BACK = "errorBack";

    private final MessageSource messages;

    WebErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    String badInput(IllegalArgumentException e, HttpServletRequest request, Locale locale) {
        String text = e instanceof InvalidInput invalid ? messages.getMessage(invalid, locale) : null;
        return page(request, text);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestPartException.class})
    String unreadableField(Exception e, HttpServletRequest request, Locale locale) {
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
    String badUpload(HttpServletRequest request, Locale locale) {
        return page(request, messages.getMessage("error.400.upload", null, locale));
    }

    /** The 400 page with the user's navigation (a forward, so the page's model advice applies). */
    private static String page(HttpServletRequest request, String text) {
        request.setAttribute(TEXT, text);
        request.setAttribute(BACK, sameOriginReferer(request));
        return "forward:/error/400";
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
