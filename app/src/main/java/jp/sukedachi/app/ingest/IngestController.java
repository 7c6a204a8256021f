package jp.sukedachi.app.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.RequestBodies;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.pipeline.PipelineFullException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
class IngestController {
    /** Uncompressed body limit; a shipper batch is far smaller, and the limit bounds gzip bombs. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    private static final String ES_VERSION = "8.15.0";
    private final DeviceService devices;
    private final IngestService ingest;
    private final LogFormats formats;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final NdjsonReceiver receiver;

    IngestController(DeviceService devices, IngestService ingest, LogFormats formats, AuditLog audit,
            ObjectMapper json, NdjsonReceiver receiver) {
        this.receiver = receiver;
        this.devices = devices;
        this.ingest = ingest;
        this.formats = formats;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Documents the receiver and serves what reaches MVC; the requests themselves are answered by {@link IngestFastPath}
     * ahead of the security chain and MVC (see {@link NdjsonReceiver}).
     */
    @PostMapping("/api/v1/ingest")
    @Operation(summary = "Send log records (one per line; gzip or deflate allowed) with the device token as Bearer; "
            + "optional query parameter 'format' overrides the device's format")
    public void ingest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        receiver.receive(request, response);
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
    public ResponseEntity<Map<String, Object>> bulk(HttpServletRequest request, HttpServletResponse response,
            @PathVariable(required = false) String index) throws IOException {
        Optional<Device> device = device(request);
        if (device.isEmpty()) {
            NdjsonReceiver.unauthorized(request, response, audit, json);
            return null; // answered
        }
        long started = System.nanoTime();
        String defaultIndex = index == null ? "sukedachi" : index;
        List<String> lines = RequestBodies.lines(request, MAX_BODY_BYTES);
        // Parsed whole before anything is stored: a malformed bulk body is refused as Elasticsearch does.
        List<BulkItem> items = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            BulkItem item = bulkAction(lines.get(i), i + 1, defaultIndex);
            items.add(item);
            if (item.op.equals("delete")) {
                continue;
            }
            if (i + 1 >= lines.size()) {
                throw new RequestBodies.Refused(HttpStatus.BAD_REQUEST, "illegal_argument_exception",
                        "line " + (i + 1) + ": the '" + item.op + "' action has no document line after it");
            }
            i++;
            item.record = records.size();
            records.add(documentRecord(lines.get(i)));
        }
        IngestService.Result result;
        try {
            result = ingest.ingest(device.get(), records.iterator(), null);
        } catch (PipelineFullException e) {
            NdjsonReceiver.full(response, e, json);
            return null; // answered
        }
        Map<Integer, IngestService.Refusal> refused = new HashMap<>();
        result.refused().forEach(r -> refused.put(r.position(), r));
        List<Map<String, Object>> answer = new ArrayList<>(items.size());
        boolean errors = false;
        for (BulkItem item : items) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("_index", item.index);
            IngestService.Refusal refusal = item.record < 0 ? null : refused.get(item.record);
            if (item.op.equals("delete")) {
                outcome.put("result", "not_found");
                outcome.put("status", 404);
            } else if (refusal == null && records.get(item.record).isBlank()) {
                errors = true;
                outcome.put("status", 400);
                outcome.put("error", Map.of("type", "document_parsing_exception", "reason", "the document is empty"));
            } else if (refusal == null) {
                outcome.put("result", "created");
                outcome.put("status", 201);
            } else {
                // 400: Filebeat and the other shippers log such an item and drop it, never retry it.
                errors = true;
                outcome.put("status", 400);
                outcome.put("error", Map.of("type", "document_parsing_exception", "reason", bulkReason(refusal)));
            }
            answer.add(Map.of(item.op, outcome));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("took", (System.nanoTime() - started) / 1_000_000);
        body.put("errors", errors);
        body.put("items", answer);
        return ResponseEntity.ok().header("X-Elastic-Product", "Elasticsearch").body(body);
    }

    private static String bulkReason(IngestService.Refusal refusal) {
        if (!refusal.quarantined()) {
            return "not stored: " + refusal.reason();
        }
        return refusal.kept() ? "not stored as an event: " + refusal.reason() + "; kept in the device's quarantine"
                : "not stored: " + refusal.reason() + "; the quarantine keeps only the newest "
                        + QuarantineRepository.CAP_PER_DEVICE + " records of a device";
    }

    /** One bulk action: its operation, index and (once read) the position of its document among the records. */
    private static final class BulkItem {
        final String op;
        final String index;
        int record = -1;

        BulkItem(String op, String index) {
            this.op = op;
            this.index = index;
        }
    }

    private BulkItem bulkAction(String line, int number, String defaultIndex) {
        JsonNode action;
        try {
            action = json.readTree(line);
        } catch (RuntimeException e) {
            action = null;
        }
        if (action == null || !action.isObject() || action.size() != 1) {
            throw new RequestBodies.Refused(HttpStatus.BAD_REQUEST, "illegal_argument_exception",
                    "line " + number + ": malformed action/metadata line, expected {\"index\":{…}} or {\"create\":{…}}");
        }
        String op = action.propertyNames().iterator().next();
        if (!List.of("index", "create", "update", "delete").contains(op)) {
            throw new RequestBodies.Refused(HttpStatus.BAD_REQUEST, "illegal_argument_exception",
                    "line " + number + ": unknown bulk action '" + op + "'");
        }
        JsonNode named = action.get(op).get("_index");
        return new BulkItem(op, named != null && named.isString() ? named.asString() : defaultIndex);
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
