package jp.sukedachi.detect.sigma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rules of a directory tree (every {@code .yml}/{@code .yaml} file) or of uploaded texts: those that
 * load, and for each one that does not, the file and the precise reason. Later duplicates of an id are refused.
 *
 * @param rules    loaded rules, in file order
 * @param rejected refused documents
 */
public record SigmaRuleSet(List<SigmaRule> rules, List<Rejected> rejected) {
    /** A document that did not load. */
    public record Rejected(String file, int document, String category, String reason) {
    }

    /** Reads every rule under {@code dir}; {@link SigmaRule#folder()} is the file's folder relative to it. */
    public static SigmaRuleSet load(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yml") || n.endsWith(".yaml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Builder b = new Builder();
        for (Path f : files) {
            Path rel = dir.relativize(f);
            String folder = rel.getParent() == null ? "" : rel.getParent().toString().replace('\\', '/');
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                b.rejected.add(new Rejected(rel.toString(), 0, "unreadable", String.valueOf(e.getMessage())));
                continue;
            }
            b.add(text, rel.toString().replace('\\', '/'), folder);
        }
        return b.build();
    }

    /** Collects rules from several texts (a directory, uploads) with one id space. */
    public static final class Builder {
        private final SigmaParser parser = new SigmaParser();
        private final List<SigmaRule> rules = new ArrayList<>();
        private final List<Rejected> rejected = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        public Builder add(String text, String file, String folder) {
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            for (SigmaParser.Parsed p : parser.parse(text, file, folder)) {
                if (p.error() != null) {
                    rejected.add(new Rejected(file, p.document(), p.error().category(), p.error().getMessage()));
                } else if (!ids.add(p.rule().id())) {
                    rejected.add(new Rejected(file, p.document(), "duplicate id", "id " + p.rule().id() + " is already loaded"));
                } else {
                    rules.add(p.rule());
                }
            }
            return this;
        }

        /** Adds an already parsed rule (from another set), refusing a duplicate id. */
        public Builder addRule(SigmaRule r) {
            if (!ids.add(r.id())) {
                rejected.add(new Rejected(r.file(), 0, "duplicate id", "id " + r.id() + " is already loaded"));
            } else {
                rules.add(r);
            }
            return this;
        }

        public SigmaRuleSet build() {
            return new SigmaRuleSet(List.copyOf(rules), List.copyOf(rejected));
        }
    }

    /** Refusals per reason category. */
    public Map<String, Integer> rejectedByCategory() {
        Map<String, Integer> m = new TreeMap<>();
        rejected.forEach(r -> m.merge(r.category(), 1, Integer::sum));
        return m;
    }
}
