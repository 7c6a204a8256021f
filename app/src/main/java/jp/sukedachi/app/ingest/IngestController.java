package jp.sukedachi.app.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.LimitedInputStream;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.pipeline.PipelineFullException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * HTTP receivers. {@code /api/v1/ingest} takes lines in the device's format; {@code /api/v1/_bulk}
 * speaks the Elasticsearch bulk API so Filebeat, Winlogbeat, Fluent Bit and Vector ship here
 * unchanged. Both authenticate the device by its token and answer only after the events are durable.
 */
@RestController
@Tag(name = "Ingest")
public class IngestController {
    /** Uncompressed body limit; a shipper batch is far smaller, and the limit bounds gzip bombs. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    private static final String ES_VERSION = "8.15.0";
    private final DeviceService devices;
    private final IngestService ingest;
    private final LogFormats formats;
    private final AuditLog audit;
    private final ObjectMapper json;

    public IngestController(DeviceService devices, IngestService ingest, LogFormats formats, AuditLog audit,
            ObjectMapper json) {
        this.devices = devices;
        this.ingest = ingest;
        this.formats = formats;
        this.audit = audit;
        this.json = json;
    }

    @PostMapping("/api/v1/ingest")
    @Operation(summary = "Send log records (one per line; gzip allowed) with the device token as Bearer")
    public ResponseEntity<Map<String, Object>> ingest(HttpServletRequest request,
            @RequestParam(required = false) String format) throws IOException {
        Optional<Device> device = device(request);
        if (device.isEmpty()) {
            return unauthorized(request);
        }
        try (BufferedReader reader = reader(request)) {
            IngestService.Result result = ingest.ingest(device.get(), lines(reader), format);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", result.accepted(),
                    "quarantined", result.quarantined()));
        } catch (PipelineFullException e) {
            return full(e);
        } catch (LimitedInputStream.LimitExceededException e) {
            return tooLarge();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof LimitedInputStream.LimitExceededException) {
                return tooLarge();
            }
            throw e;
        }
    }

    private static ResponseEntity<Map<String, Object>> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", "body_too_large",
                "message", "the request body exceeds " + MAX_BODY_BYTES + " bytes (uncompressed); send smaller batches"));
    }

    /** Elasticsearch's root: shippers read the version here before they send. */
    @GetMapping({"/api/v1/", "/api/v1/es"})
    public ResponseEntity<Map<String, Object>> esRoot() {
        return ResponseEntity.ok().header("X-Elastic-Product", "Elasticsearch")
                .body(Map.of("name", "sukedachi", "cluster_name", "sukedachi", "tagline", "You Know, for Search",
                        "version", Map.of("number", ES_VERSION, "build_flavor", "default",
                                "minimum_wire_compatibility_version", "7.17.0")));
    }

    @PostMapping({"/api/v1/_bulk", "/api/v1/{index}/_bulk", "/api/v1/es/_bulk", "/api/v1/es/{index}/_bulk"})
    @Operation(summary = "Elasticsearch bulk API: action and document lines; the device token in the usual auth header")
    public ResponseEntity<Map<String, Object>> bulk(HttpServletRequest request,
            @PathVariable(required = false) String index) throws IOException {
        Optional<Device> device = device(request);
        if (device.isEmpty()) {
            return unauthorized(request);
        }
        long started = System.nanoTime();
        List<String> records = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        try (BufferedReader reader = reader(request)) {
            String action;
            while ((action = reader.readLine()) != null) {
                if (action.isBlank()) {
                    continue;
                }
                String op = action.contains("\"create\"") ? "create" : action.contains("\"delete\"") ? "delete"
                        : action.contains("\"update\"") ? "update" : "index";
                if (op.equals("delete")) {
                    items.add(Map.of(op, Map.of("_index", index == null ? "sukedachi" : index, "status", 404)));
                    continue;
                }
                String doc = reader.readLine();
                if (doc == null) {
                    break;
                }
                records.add(documentRecord(doc));
                items.add(Map.of(op, Map.of("_index", index == null ? "sukedachi" : index, "status", 201,
                        "result", "created")));
            }
            ingest.ingest(device.get(), records.iterator(), null);
        } catch (PipelineFullException e) {
            return full(e);
        } catch (LimitedInputStream.LimitExceededException e) {
            return tooLarge();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("took", (System.nanoTime() - started) / 1_000_000);
        body.put("errors", false);
        body.put("items", items);
        return ResponseEntity.ok().header("X-Elastic-Product", "Elasticsearch").body(body);
    }

    /**
     * A shipper's document: parsed as it is when a format recognises it (Winlogbeat, Suricata EVE …);
     * otherwise its {@code message} field, where Filebeat and Fluent Bit put the original line.
     */
    String documentRecord(String doc) {
        if (formats.detect(doc).isPresent()) {
            return doc;
        }
        try {
            JsonNode node = json.readTree(doc);
            JsonNode message = node.get("message");
            if (message == null) {
                message = node.get("log");
            }
            return message != null && message.isString() ? message.asString() : doc;
        } catch (RuntimeException e) {
            return doc;
        }
    }

    private Optional<Device> device(HttpServletRequest request) {
        return devices.authenticate(token(request.getHeader(HttpHeaders.AUTHORIZATION)));
    }

    /** The device token from Bearer, Elastic "ApiKey base64(id:key)" / "ApiKey key", or Basic (password). */
    static String token(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = h.substring(0, space);
        String value = h.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return value;
        }
        if (value.startsWith(DeviceService.TOKEN_PREFIX)) {
            return value;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ResponseEntity<Map<String, Object>> unauthorized(HttpServletRequest request) {
        audit.recordAnonymous(null, null, null, AuditAction.DEVICE_TOKEN_REJECTED,
                Outcome.DENIED, request.getRequestURI());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "invalid_device_token", "message", "unknown or disabled device token"));
    }

    private static ResponseEntity<Map<String, Object>> full(PipelineFullException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .body(Map.of("error", "busy", "message", "ingest is behind; retry after " + e.retryAfterSeconds() + " s"));
    }

    private static BufferedReader reader(HttpServletRequest request) throws IOException {
        InputStream in = new LimitedInputStream(request.getInputStream(), MAX_BODY_BYTES);
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            in = new LimitedInputStream(new GZIPInputStream(in), MAX_BODY_BYTES);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
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
