package jp.sukedachi.ingest.parse.net;

import java.util.List;

import jp.sukedachi.ingest.parse.LogFormat;

/** The network-sensor formats: Suricata EVE and Zeek (TSV and JSON). */
public final class NetFormats {
    private NetFormats() {
    }

    /** New instances of every format in this package, most specific first. */
    public static List<LogFormat> all() {
        return List.of(new SuricataEveFormat(), new ZeekFormat());
    }

    /** Index of the first character that is not whitespace (or a byte-order mark), or -1. */
    static int firstNonBlank(String s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\uFEFF') {
                return i;
            }
        }
        return -1;
    }
}
