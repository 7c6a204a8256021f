package jp.sukedachi.app.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP receivers' mappings: {@code /api/v1/ingest} takes lines in the device's format; {@code /api/v1/_bulk}
 * speaks the Elasticsearch bulk API so Filebeat, Winlogbeat, Fluent Bit and Vector ship here unchanged. Both are
 * served by {@link DeviceReceivers}, nearly always through {@link IngestFastPath} before MVC; the mappings stay for the
 * OpenAPI document and for the spellings the filter leaves to MVC.
 */
@RestController
@Tag(name = "Ingest")
class IngestController {
    private static final String ES_VERSION = "8.15.0";
    private final DeviceReceivers receivers;

    IngestController(DeviceReceivers receivers) {
        this.receivers = receivers;
    }

    /**
     * Documents the receiver and serves what reaches MVC; the requests themselves are answered by {@link IngestFastPath}
     * ahead of the security chain and MVC (see {@link DeviceReceivers}). The same for {@link #bulk}.
     */
    @PostMapping("/api/v1/ingest")
    @Operation(summary = "Send log records (one per line; gzip or deflate allowed) with the device token as Bearer; "
            + "optional query parameter 'format' overrides the device's format")
    public void ingest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        receivers.ingest(request, response);
    }

    /** Elasticsearch's root: shippers read the version here before they send. */
    @GetMapping({"/api/v1/", "/api/v1/es", "/api/v1/es/"})
    public ResponseEntity<Map<String, Object>> esRoot() {
        return ResponseEntity.ok().header("X-Elastic-Product", "Elasticsearch")
                .body(Map.of("name", "sukedachi", "cluster_name", "sukedachi", "tagline", "You Know, for Search",
                        "version", Map.of("number", ES_VERSION, "build_flavor", "default",
                                "minimum_wire_compatibility_version", "7.17.0")));
    }

    @PostMapping({"/api/v1/_bulk", "/api/v1/{index}/_bulk", "/api/v1/es/_bulk", "/api/v1/es/{index}/_bulk"})
    @Operation(summary = "Elasticsearch bulk API: action and document lines; the device token in the usual auth header; "
            + "each item 201 when stored, 400 with error.reason when not (quarantined, not an event)")
    public void bulk(HttpServletRequest request, HttpServletResponse response,
            @PathVariable(required = false) String index) throws IOException {
        receivers.bulk(request, response, index);
    }

    static Iterator<String> lines(BufferedReader reader) {
        return new Iterator<>() {
            private String next = read();

            private String read() {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                String current = next;
                next = read();
                return current;
            }
        };
    }
}
