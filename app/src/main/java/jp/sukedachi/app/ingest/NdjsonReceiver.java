package jp.sukedachi.app.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.ingest.text.TextDecoder;
import jp.sukedachi.pipeline.PipelineFullException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/ingest}: records in the device's format, one per line, the device token as Bearer (or the other
 * spellings {@link IngestController#token} reads). The whole body is read and checked before anything is stored, and
 * the answer (202 with the counts) comes only once the events are durable.
 * <p>Devices call this many times a second, so it writes its own small answer and reads the device and its charset
 * with one query: {@link IngestFastPath} serves it ahead of Spring Security and MVC, whose per-request work (a chain of
 * filters, handler mapping, message converters) cost more CPU than parsing a request of a thousand records. Errors
 * are still rendered by the MVC exception handlers, so every receiver refuses in the same words.
 */
@Component
class NdjsonReceiver {
    private final DeviceService devices;
    private final IngestService ingest;
    private final AuditLog audit;
    private final ObjectMapper json;

    NdjsonReceiver(DeviceService devices, IngestService ingest, AuditLog audit, ObjectMapper json) {
        this.devices = devices;
        this.ingest = ingest;
        this.audit = audit;
        this.json = json;
    }

    /** Serves one request; a refused body or a full journal is thrown for the MVC exception handlers to answer. */
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DeviceService.Sender> sender = devices.sender(IngestController.token(request.getHeader(HttpHeaders.AUTHORIZATION)));
        if (sender.isEmpty()) {
            unauthorized(request, response, audit, json);
            return;
        }
        String format = request.getParameter("format");
        Iterator<String> lines;
        List<String> undecodable = new ArrayList<>();
        TextDecoder decoder = null;
        if (RequestBodies.declaresCharset(request)) {
            lines = RequestBodies.lines(request, IngestController.MAX_BODY_BYTES).iterator();
        } else {
            // No charset declared (curl, most shippers): each record is read in the device's charset setting, as
            // syslog is (auto: UTF-8, else Shift_JIS, else EUC-JP); bytes valid in none are kept in base64.
            decoder = TextDecoder.of(sender.get().charset());
            lines = new DecodedLines(RequestBodies.byteLines(request, IngestController.MAX_BODY_BYTES), decoder,
                    undecodable);
        }
        IngestService.Result result;
        try {
            result = ingest.ingest(sender.get().device(), lines, format);
        } catch (PipelineFullException e) {
            full(response, e, json);
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

    /** 401 for a missing, unknown or disabled token (or a company being offboarded), audited. */
    static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuditLog audit, ObjectMapper json)
            throws IOException {
        audit.recordAnonymous(null, null, null, AuditAction.DEVICE_TOKEN_REJECTED, Outcome.DENIED, request.getRequestURI());
        write(response, HttpServletResponse.SC_UNAUTHORIZED, json.writeValueAsString(Map.of("error", "invalid_device_token",
                "message", "unknown or disabled device token (or its company is being offboarded)")));
    }

    /** 503 with Retry-After: the journal is behind; nothing of the request was kept. */
    static void full(HttpServletResponse response, PipelineFullException e, ObjectMapper json) throws IOException {
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
