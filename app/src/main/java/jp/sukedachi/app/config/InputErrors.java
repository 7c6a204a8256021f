package jp.sukedachi.app.config;

import java.util.Arrays;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * API answers for refused input that name the field: {@link InvalidInput} (with the limit it broke) and JSON
 * bodies Jackson could not bind (a number for a named choice, an unknown choice, a wrong type). Ordered
 * before the generic handlers, which would only say "Failed to read request".
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InputErrors {
    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field());
        if (e.limit() != null) {
            problem.setProperty("limit", e.limit());
        }
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String field = bind.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String what = cause instanceof MismatchedInputException m && m.getTargetType() != null
                    && m.getTargetType().isEnum() ? " (one of " + Arrays.toString(
                            m.getTargetType().getEnumConstants()) + ", by name)" : "";
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    field + ": invalid value" + what);
            problem.setProperty("field", field);
            return problem;
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the request body is missing or is not valid JSON");
    }
}
