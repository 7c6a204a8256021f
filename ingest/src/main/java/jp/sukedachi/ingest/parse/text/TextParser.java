package jp.sukedachi.ingest.parse.text;

import java.util.Arrays;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.parse.Times;

/**
 * Parses one stream of syslog-family lines: the syslog header, then the vendor's fields. A parser
 * made for {@code syslog} recognises the vendor per line (a relay mixes devices); one made for a
 * vendor applies that vendor's parsing to every line. The event's format is the vendor applied.
 * Scratch state (key/values, header, CSV fields) is reused across records.
 */
final class TextParser implements RecordParser {
    private final Vendor vendor;
    final SyslogHeader header = new SyslogHeader();
    final KeyValues kv = new KeyValues();
    /** CSV fields (Palo Alto, pfSense), reused. */
    String[] fields = new String[128];
    long received;

    TextParser(Vendor vendor) {
        this.vendor = vendor;
    }

    @Override
    public SecurityEvent parse(String record, long receivedMillis) throws MalformedRecordException {
        if (record == null) {
            return null;
        }
        int end = record.length();
        while (end > 0 && (record.charAt(end - 1) == '\n' || record.charAt(end - 1) == '\r')) {
            end--;
        }
        String s = end == record.length() ? record : record.substring(0, end);
        if (s.isBlank()) {
            return null;
        }
        checkText(s);
        received = receivedMillis;
        kv.clear();
        header.parse(s, receivedMillis, kv);
        Vendor v = vendor == Vendor.SYSLOG ? Vendor.detect(s) : vendor;
        SecurityEvent.Builder b = SecurityEvent.builder(v.id()).raw(s).received(receivedMillis);
        if (header.timestamp != Times.INVALID) {
            b.timestamp(header.timestamp);
        }
        if (header.pri >= 0) {
            b.set(Ecs.LOG_SYSLOG_FACILITY, Chars.small(header.pri >> 3));
            b.set(Ecs.LOG_SYSLOG_SEVERITY, Chars.small(header.pri & 7));
        }
        b.set(Ecs.HOST_NAME, header.hostname);
        b.set(Ecs.LOG_SYSLOG_APPNAME, header.appname);
        if (header.procid != null && Chars.parseLong(header.procid) >= 0) {
            b.set(Ecs.PROCESS_PID, header.procid);
        }
        if (header.msgid != null) {
            b.original("msgid", header.msgid);
        }
        int msg = header.msgStart;
        if (msg < s.length()) {
            b.set(Ecs.MESSAGE, msg == 0 ? s : s.substring(msg));
        }
        if (s.startsWith("@cee:", msg)) {
            Cee.parse(this, s, msg + 5, b);
        } else {
            v.enrich(this, s, msg, b);
        }
        for (int i = 0; i < kv.size(); i++) {
            b.original(kv.key(i), kv.value(i));
        }
        return b.build();
    }

    /**
     * Text logs have no control characters other than tab and line breaks (an octet-counted syslog frame may
     * span lines, RFC 6587); anything else is binary, not a log line.
     */
    private static void checkText(String s) throws MalformedRecordException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new MalformedRecordException("control character 0x" + Integer.toHexString(c) + " at " + i
                        + ": binary data, not a text log line");
            }
        }
    }

    /** Room for n CSV fields. */
    String[] fields(int n) {
        if (fields.length < n) {
            fields = Arrays.copyOf(fields, Math.max(n, fields.length * 2));
        }
        return fields;
    }
}
