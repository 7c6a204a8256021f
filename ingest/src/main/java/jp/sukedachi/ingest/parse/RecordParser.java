package jp.sukedachi.ingest.parse;

import jp.sukedachi.event.SecurityEvent;

/**
 * Parses the records of one stream, in order. A record is normally one line; for JSON formats it may
 * also be one whole JSON document spanning lines (the framing is the caller's job).
 */
public interface RecordParser {
    /**
     * Returns the event of one record, or null when the record carries no event but is fine (a Zeek
     * header or comment line, a blank line). Throws {@link MalformedRecordException} with a short,
     * human-readable reason for a record that cannot be parsed; the caller quarantines it and goes on.
     * Never throws anything else for any input (fuzz tests hold implementations to this).
     *
     * @param receivedMillis when the record arrived; the event's time when the record has none
     */
    SecurityEvent parse(String record, long receivedMillis) throws MalformedRecordException;
}
