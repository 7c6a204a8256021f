package jp.sukedachi.ingest.parse.windows;

import java.util.function.Consumer;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** Parses one stream of Windows event records; the layout is detected per record. Not thread-safe. */
final class WindowsEventParser implements RecordParser {
    private final JsonFactory json;
    private final WinRecord record = new WinRecord();
    private final WinJson reader = new WinJson(record);
    /** Bound once: a method reference per record would allocate. */
    private final Consumer<JsonParser> body = reader::readTop;

    WindowsEventParser(JsonFactory json) {
        this.json = json;
    }

    @Override
    public SecurityEvent parse(String text, long receivedMillis) throws MalformedRecordException {
        if (text == null || text.isBlank()) {
            return null;
        }
        record.reset(SecurityEvent.builder(WindowsEventFormat.ID).received(receivedMillis).raw(text));
        readDocument(json, text, body);
        if (!record.hasEvent()) {
            throw new MalformedRecordException("no Windows event id (EventID, winlog.event_id or win.system.eventID)");
        }
        record.finishEcs();
        return record.builder().build();
    }

    /** Reads exactly one JSON object with {@code body}; Jackson's errors become the quarantine reason. */
    static void readDocument(JsonFactory json, String text, Consumer<JsonParser> body)
            throws MalformedRecordException {
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedRecordException(first == JsonToken.START_ARRAY
                        ? "a JSON array, expected one JSON object per record" : "not a JSON object");
            }
            body.accept(p);
            if (p.nextToken() != null) {
                throw new MalformedRecordException("more than one JSON value in the record");
            }
        } catch (JacksonException e) {
            throw new MalformedRecordException("invalid JSON: " + reason(e));
        }
    }

    private static String reason(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }
}
