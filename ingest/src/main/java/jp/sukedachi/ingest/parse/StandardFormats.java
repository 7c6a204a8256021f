package jp.sukedachi.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.ingest.parse.net.NetFormats;
import jp.sukedachi.ingest.parse.text.TextFormats;
import jp.sukedachi.ingest.parse.windows.WindowsFormats;

/** The formats shipped with Sukedachi, most specific first (the order breaks sniff ties). */
final class StandardFormats {
    private StandardFormats() {
    }

    static List<LogFormat> all() {
        List<LogFormat> formats = new ArrayList<>();
        // Structured JSON formats first: their sniffs are the most certain.
        formats.addAll(WindowsFormats.all());
        formats.addAll(NetFormats.all());
        formats.addAll(TextFormats.all());
        return formats;
    }
}
