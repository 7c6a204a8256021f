package jp.sukedachi.app.ingest;

import java.util.Map;
import jp.sukedachi.pipeline.PipelineStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A batch the journal could not keep (disk below the reserve, or a write error) is refused with 507 Insufficient
 * Storage or 503, always with Retry-After and the reason. Nothing of the batch was kept, so the sender's retry
 * creates no duplicates.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageRefusals {
    private static final Logger log = LoggerFactory.getLogger(StorageRefusals.class);

    @ExceptionHandler(PipelineStorageException.class)
    ResponseEntity<Map<String, Object>> refused(PipelineStorageException e) {
        log.warn("ingest refused, nothing kept: {}", e.getMessage());
        HttpStatus status = e.diskFull() ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .body(Map.of("error", e.diskFull() ? "insufficient_storage" : "storage_unavailable",
                        "message", e.getMessage() + "; nothing of this request was kept, retry after "
                                + e.retryAfterSeconds() + " s",
                        "kept", 0));
    }
}
