package jp.sukedachi.intel.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.testkit.Datasets;

/** Test helpers: run an import and keep what the sink got. */
final class Feeds {
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final ImportContext CTX = new ImportContext("test", NOW, Duration.ofDays(30), null);

    private Feeds() {
    }

    record Run(ImportResult result, List<Indicator> indicators) {
        List<String> keys() {
            return indicators.stream().map(Indicator::key).toList();
        }

        List<String> values(IndicatorType type) {
            return indicators.stream().filter(i -> i.type() == type).map(Indicator::value).toList();
        }

        Optional<Indicator> find(IndicatorType type, String value) {
            return indicators.stream().filter(i -> i.type() == type && i.value().equals(value)).findFirst();
        }

        List<String> reasons() {
            return result.errors().stream().map(ImportError::reason).collect(Collectors.toList());
        }
    }

    static Run run(Reader in, FeedFormat format, ImportContext ctx) {
        List<Indicator> got = new ArrayList<>();
        ImportResult r = new FeedImporter().importFeed(in, format, ctx, got::add);
        return new Run(r, got);
    }

    static Run run(String text, FeedFormat format) {
        return run(new StringReader(text), format, CTX);
    }

    static Run dataset(String relative, FeedFormat format) throws IOException {
        try (Reader in = Files.newBufferedReader(Datasets.path(relative), StandardCharsets.UTF_8)) {
            return run(in, format, CTX);
        }
    }

    static Run resource(String name, FeedFormat format) throws IOException {
        try (InputStream in = Feeds.class.getResourceAsStream(name)) {
            return run(new String(in.readAllBytes(), StandardCharsets.UTF_8), format);
        }
    }

    static String head(Path p) throws IOException {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        return s.substring(0, Math.min(4096, s.length()));
    }
}
