package jp.sukedachi.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;

/**
 * Event files as analysts have them: NDJSON or pretty-printed JSON objects one after another (Sigma's
 * regression data), text logs one record a line, gzip, or zip archives of such files (OTRF datasets).
 * Records go through the ingest parsers, so rules see exactly what the pipeline would.
 */
public final class EventFiles {
    private EventFiles() {
    }

    /** A file's events and how many records could not be parsed. */
    public record Parsed(List<SecurityEvent> events, int unparsed) {
    }

    /** The records of a file, framed. */
    public static List<String> records(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            List<String> out = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file); ZipInputStream z = new ZipInputStream(in)) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (!e.isDirectory()) {
                        out.addAll(frame(new String(z.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            return out;
        }
        try (InputStream in = Files.newInputStream(file)) {
            InputStream body = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return frame(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** JSON objects (one a line or pretty-printed, one after another) when the text starts with {, else lines. */
    static List<String> frame(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("{")) {
            List<String> lines = new ArrayList<>();
            for (String l : text.split("\r?\n")) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            return lines;
        }
        List<String> docs = new ArrayList<>();
        int depth = 0;
        int start = -1;
        int end = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0 && c != '{') {
                continue; // text between documents: kept by between()
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    between(text, end, i, docs);
                    start = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                docs.add(text.substring(start, i + 1));
                end = i + 1;
            }
        }
        between(text, end, depth > 0 ? start : text.length(), docs);
        if (depth > 0) {
            docs.add(text.substring(start)); // unterminated: the parser reports it
        }
        return docs;
    }

    /** Non-blank text between JSON documents is a record of its own, so it is counted as unparsed, not lost. */
    private static void between(String text, int from, int to, List<String> docs) {
        if (to > from) {
            for (String line : text.substring(from, to).split("\r?\n")) {
                if (!line.isBlank()) {
                    docs.add(line.strip());
                }
            }
        }
    }

    /**
     * Parses records with the format detected from the first record that any format claims (one stream, one
     * parser, as a receiver would); {@code receivedMillis} is the time of events that carry none.
     */
    public static Parsed parse(List<String> records, LogFormats formats, long receivedMillis) {
        LogFormat format = null;
        for (String r : records) {
            format = formats.detect(r).orElse(null);
            if (format != null) {
                break;
            }
        }
        if (format == null) {
            return new Parsed(List.of(), records.size());
        }
        RecordParser parser = format.newParser();
        List<SecurityEvent> events = new ArrayList<>(records.size());
        int bad = 0;
        for (String r : records) {
            try {
                SecurityEvent e = parser.parse(r, receivedMillis);
                if (e != null) {
                    events.add(e);
                }
            } catch (MalformedRecordException e) {
                bad++;
            }
        }
        return new Parsed(events, bad);
    }
}
