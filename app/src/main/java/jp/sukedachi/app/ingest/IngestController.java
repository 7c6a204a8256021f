package jp.sukedachi.app.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.RequestBodies;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.text.TextDecoder;
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
class IngestController {
    /** Uncompressed body limit; a shipper batch is far smaller, and the limit bounds gzip bombs. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    private static final String ES_VERSION = "8.15.0";
    private final DeviceService devices;
    private final IngestService ingest;
    private final LogFormats formats;
    private final AuditLog audit;
    private final ObjectMapper json;

    IngestController(DeviceService devices, IngestService ingest, LogFormats formats, AuditLog audit,
            ObjectMapper json) {
        this.devices = devices;
        this.ingest = ingest;
        this.formats = formats;
        this.audit = audit;
        this.json = json;
    }

    @PostMapping("/api/v1/ingest")
    @Operation(summary = "Send log records (one per line; gzip or deflate allowed) with the device token as Bearer")
    public ResponseEntity<Map<String, Object>> ingest(HttpServletRequest request,
            @RequestParam(required = false) String format) {
        Optional<Device> device = device(request);
        if (device.isEmpty()) {
            return unauthorized(request);
        }
        // The whole body is read and checked before anything is stored: a refused batch leaves nothing.
        Iterator<String> lines;
        List<String> undecodable = new ArrayList<>();
        TextDecoder decoder = null;
        if (RequestBodies.declaresCharset(request)) {
            lines = RequestBodies.lines(request, MAX_BODY_BYTES).iterator();
        } else {
            // No charset declared (curl, most shippers): each record is read in the device's charset setting, as
            // syslog is (auto: UTF-8, else Shift_JIS, else EUC-JP); bytes valid in none are kept in base64.
            decoder = TextDecoder.of(devices.charset(device.get().id()));
            lines = new DecodedLines(RequestBodies.byteLines(request, MAX_BODY_BYTES), decoder, undecodable);
        }
        try {
            IngestService.Result result = ingest.ingest(device.get(), lines, format);
            if (!undecodable.isEmpty()) {
                ingest.quarantine(device.get(), undecodable, "bytes are not valid text in the device's character set ("
                        + decoder.setting() + "); the original bytes are kept in base64");
            }
            int quarantined = result.quarantined() + undecodable.size();
            // The undecodable records went in last, so they are the newest the quarantine keeps.
            int kept = Math.min(quarantined, QuarantineRepository.CAP_PER_DEVICE);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("accepted", result.accepted());
            body.put("quarantined", quarantined);
            body.put("quarantineKept", kept);
            body.put("quarantineDropped", quarantined - kept);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        } catch (PipelineFullException e) {
            return full(e);
        }
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
    public ResponseEntity<Map<String, Object>> bulk(HttpServletRequest request,
            @PathVariable(required = false) String index) {
        Optional<Device> device = device(request);
        if (device.isEmpty()) {
            return unauthorized(request);
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
            return full(e);
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

    private ResponseEntity<Map<String, Object>> unauthorized(HttpServletRequest request) {
        audit.recordAnonymous(null, null, null, AuditAction.DEVICE_TOKEN_REJECTED,
                Outcome.DENIED, request.getRequestURI());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "invalid_device_token", "message", "unknown or disabled device token (or its company is being offboarded)"));
    }

    private static ResponseEntity<Map<String, Object>> full(PipelineFullException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .body(Map.of("error", "busy", "message", "ingest is behind; retry after " + e.retryAfterSeconds() + " s"));
    }

    /**
     * A body's lines decoded one at a time as the parser asks for them (a request never holds every line as a String
     * at once); a line valid in no charset the device allows is set aside, in base64, for the quarantine.
     */
    private static final class DecodedLines implements Iterator<String> {
        private final RequestBodies.ByteLines body;
        private final TextDecoder decoder;
        private final List<String> undecodable;
        private int line;
        private String next;

        DecodedLines(RequestBodies.ByteLines body, TextDecoder decoder, List<String> undecodable) {
            this.body = body;
            this.decoder = decoder;
            this.undecodable = undecodable;
            advance();
        }

        private void advance() {
            next = null;
            while (next == null && line < body.count()) {
                int start = body.start(line);
                TextDecoder.Decoded text = decoder.decode(body.body(), start, body.end(line) - start);
                line++;
                if (text.lossless()) {
                    next = text.text();
                } else {
                    undecodable.add("base64:" + text.base64());
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public String next() {
            if (next == null) {
                throw new java.util.NoSuchElementException();
            }
            String current = next;
            advance();
            return current;
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
