package jp.sukedachi.ingest.parse.net;

import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.RecordParser;
import tools.jackson.core.json.JsonFactory;

/** Zeek logs, TSV (with their {@code #} header lines) or JSON, any log type. */
public final class ZeekFormat implements LogFormat {
    public static final String ID = ZeekParser.FORMAT;

    /** Thread-safe; shared by this format's parsers so they share Jackson's property-name table. */
    private final JsonFactory json = new JsonFactory();

    @Override
    public String id() {
        return ID;
    }

    /**
     * 95 for the {@code #separator} / {@code #fields} header lines, 80 for the other Zeek header lines,
     * 90 for a JSON object with {@code "_path"} or {@code "@stream"} (Corelight), or with both
     * {@code "uid"} and {@code "ts"} (plain Zeek JSON); 60 for a line that starts like a TSV data line
     * (epoch seconds with six fraction digits, then a tab), which is Zeek's but needs its header to parse;
     * else 0.
     */
    @Override
    public int sniff(String record) {
        int i = NetFormats.firstNonBlank(record);
        if (i < 0) {
            return 0;
        }
        char c = record.charAt(i);
        if (c == '#') {
            if (record.startsWith("#separator", i) || record.startsWith("#fields", i)) {
                return 95;
            }
            return record.startsWith("#set_separator", i) || record.startsWith("#empty_field", i)
                    || record.startsWith("#unset_field", i) || record.startsWith("#path", i)
                    || record.startsWith("#types", i) || record.startsWith("#open", i) || record.startsWith("#close", i)
                    ? 80 : 0;
        }
        if (c != '{') {
            return looksLikeTsvData(record, i) ? 60 : 0;
        }
        if (record.indexOf("\"_path\"", i) >= 0 || record.indexOf("\"@stream\"", i) >= 0) {
            return 90;
        }
        return record.indexOf("\"uid\"", i) >= 0 && record.indexOf("\"ts\"", i) >= 0 ? 90 : 0;
    }

    /** {@code 1521911721.789543<TAB>}: Zeek's TSV {@code ts}, always with six fraction digits. */
    private static boolean looksLikeTsvData(String s, int i) {
        int n = s.length();
        int start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start || i - start > 11 || i >= n || s.charAt(i) != '.') {
            return false;
        }
        int frac = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - frac == 6 && i < n && s.charAt(i) == '\t';
    }

    @Override
    public RecordParser newParser() {
        return new ZeekParser(json);
    }
}
