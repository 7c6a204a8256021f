package jp.sukedachi.app.config;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A body the receivers refuse (encoding, charset, size, truncation): its status and what to change. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusedBodyAdvice {
    @ExceptionHandler(RequestBodies.Refused.class)
    ResponseEntity<Map<String, Object>> refused(RequestBodies.Refused e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", e.error(), "message", e.getMessage()));
    }
}
