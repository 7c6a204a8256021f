package jp.sukedachi.app.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The device receivers over HTTP: {@link #ingest} ({@code POST /api/v1/ingest}, records in the device's format, one per
 * line) and {@link #bulk} (the Elasticsearch bulk API). The device is identified by its token ({@link #token}); the
 * whole body is read and checked before anything is stored, and the answer comes only once the events are durable.
 * <p>Devices call these many times a second, so they write their own answers and read the device and its charset
 * with one query: {@link IngestFastPath} serves them ahead of Spring Security and MVC, whose per-request work (a chain
 * of filters, handler mapping, message converters) cost more CPU than parsing a request of a thousand records. Errors
 * are still rendered by the MVC exception handlers, so every receiver refuses in the same words.
 */
@Component
class DeviceReceivers {
    /** Uncompressed body limit; a shipper batch is far smaller, and the limit bounds gzip bombs. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    private final DeviceService devices;
    private final IngestService ingest;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final LogFormats formats;

    DeviceReceivers(DeviceService devices, IngestService ingest, LogFormats formats, AuditLog audit, ObjectMapper json) {
        this.formats = formats;
        this.devices = devices;
        this.ingest = ingest;
        this.audit = audit;
        this.json = json;
    }

    /** Serves one request; a refused body is thrown for the MVC exception handlers to answer. */
    void ingest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DeviceService.Sender> sender = sender(request);
        if (sender.isEmpty()) {
            unauthorized(request, response);
            return;
        }
        String format = request.getParameter("format");
        Iterator<String> lines;
        List<String> undecodable = new ArrayList<>();
        TextDecoder decoder = null;
        if (RequestBodies.declaresCharset(request)) {
            lines = RequestBodies.lines(request, MAX_BODY_BYTES).iterator();
        } else {
            // No charset declared (curl, most shippers): each record is read in the device's charset setting, as
            // syslog is (auto: UTF-8, else Shift_JIS, else EUC-JP); bytes valid in none are kept in base64.
            decoder = TextDecoder.of(sender.get().charset());
            lines = new DecodedLines(RequestBodies.byteLines(request, MAX_BODY_BYTES), decoder,
                    undecodable);
        }
        IngestService.Result result;
        try {
            result = ingest.ingest(sender.get().device(), lines, format);
        } catch (PipelineFullException e) {
            full(response, e);
            return;
        }
        if (!undecodable.isEmpty()) {
            ingest.quarantine(sender.get().device(), undecodable, "bytes are not valid text in the device's character set ("
                    + decoder.setting() + "); the original bytes are kept in base64");
        }
        int quarantined = result.quarantined() + undecodable.size();
        // The undecodable records went in last, so they are the newest the quarantine keeps.
        int kept = Math.min(quarantined, QuarantineRepository.CAP_PER_DEVICE);
        // Numbers only: written by hand, the one answer a busy receiver gives thousands of times a second.
        String body = "{\"accepted\":" + result.accepted() + ",\"quarantined\":" + quarantined + ",\"quarantineKept\":"
                + kept + ",\"quarantineDropped\":" + (quarantined - kept) + "}";
        write(response, HttpServletResponse.SC_ACCEPTED, body);
    }

    /**
     * {@code POST /api/v1/_bulk} (also under {@code /es} and with an index): the Elasticsearch bulk API as Filebeat,
     * Winlogbeat, Fluent Bit and Vector send it. Each item answers 201 when stored, 400 with the reason when not
     * (quarantined, or not an event): shippers log such an item and never retry it.
     */
    void bulk(HttpServletRequest request, HttpServletResponse response, String index) throws IOException {
        Optional<Device> device = sender(request).map(DeviceService.Sender::device);
        if (device.isEmpty()) {
            unauthorized(request, response);
            return;
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
            full(response, e);
            return;
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
        response.setHeader("X-Elastic-Product", "Elasticsearch");
        write(response, HttpServletResponse.SC_OK, json.writeValueAsString(body));
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

    private Optional<DeviceService.Sender> sender(HttpServletRequest request) {
        return devices.sender(token(request.getHeader(HttpHeaders.AUTHORIZATION)));
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

    /** 401 for a missing, unknown or disabled token (or a company being offboarded), audited. */
    private void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        audit.recordAnonymous(null, null, null, AuditAction.DEVICE_TOKEN_REJECTED, Outcome.DENIED, request.getRequestURI());
        write(response, HttpServletResponse.SC_UNAUTHORIZED, json.writeValueAsString(Map.of("error", "invalid_device_token",
                "message", "unknown or disabled device token (or its company is being offboarded)")));
    }

    /** 503 with Retry-After: the journal is behind; nothing of the request was kept. */
    private void full(HttpServletResponse response, PipelineFullException e) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "busy");
        body.put("message", "ingest is behind; retry after " + e.retryAfterSeconds() + " s");
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, json.writeValueAsString(body));
    }

    /** A JSON answer with a length and the headers the API's security chain gives its answers. */
    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
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
                throw new NoSuchElementException();
            }
            String current = next;
            advance();
            return current;
        }
    }
}
