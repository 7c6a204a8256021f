package jp.sukedachi.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/** The formats shipped with Sukedachi, most specific first (the order breaks sniff ties). */
final class StandardFormats {
    private StandardFormats() {
    }

    static List<LogFormat> all() {
        List<LogFormat> formats = new ArrayList<>();
        // Structured JSON formats first: their sniffs are the most certain.
        formats.addAll(jp.sukedachi.ingest.parse.windows.WindowsFormats.all());
        formats.addAll(jp.sukedachi.ingest.parse.net.NetFormats.all());
        formats.addAll(jp.sukedachi.ingest.parse.text.TextFormats.all());
        return formats;
    }
}
