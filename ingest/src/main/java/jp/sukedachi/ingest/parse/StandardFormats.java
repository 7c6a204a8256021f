package jp.sukedachi.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/** The formats shipped with Sukedachi, most specific first (the order breaks sniff ties). */
final class StandardFormats {
    private StandardFormats() {
    }

    static List<LogFormat> all() {
        List<LogFormat> formats = new ArrayList<>();
        // Each parser package adds its formats here.
        return formats;
    }
}
