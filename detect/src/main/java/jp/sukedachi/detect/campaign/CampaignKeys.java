package jp.sukedachi.detect.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.IndicatorType;

/**
 * The campaign keys of one detection: what, seen at two or more companies within the window, makes their alerts
 * one campaign (issue 19, detector {@code campaign}).
 *
 * <p><b>Why keys and not a {@code Detector}.</b> A campaign needs every company's detections at once, while the
 * pipeline's detectors see one company's stream each (the cluster runtime partitions streams by company). So the
 * correlation runs in the database, inside the transaction that keeps a batch's detections, and this class only
 * says which keys a detection carries. Only detections carry keys, never plain events: the provider-wide key
 * volume is that of detections (thousands a day), not of events.
 *
 * <p><b>The keys</b>, each a {@link Kind} and a normalised value (lower case, at most {@link #MAX_VALUE} chars):
 * <ul>
 * <li>{@link Kind#FILE_HASH} {@code sha256:<hex>} (else sha1, md5): the file hash fields of the evidence
 * ({@code file.hash.*} — Suricata {@code fileinfo}, Zeek {@code files}, CEF — and {@code process.hash.sha256}), and
 * an intel detection whose indicator is a file hash (the same key, so a hash matched by intel and seen by the
 * sensor is one key).</li>
 * <li>{@link Kind#INDICATOR} {@code <TYPE>:<value>}: any other intel indicator (its rule id is the indicator
 * key).</li>
 * <li>{@link Kind#SENDER_DOMAIN} and {@link Kind#SUBJECT}: only for a detection about a mail (its evidence has a
 * sender or subject). Free-mail services (list in {@code freemail-domains.txt}) are no sender key; a subject is
 * normalised (NFKC, lower case, reply/forward prefixes dropped, digit runs as {@code #}) and needs
 * {@value #MIN_SUBJECT} characters.</li>
 * <li>{@link Kind#SIGMA} {@code <rule id>|<parent image>><child image>} (base names): a Sigma detection whose
 * evidence names both processes. A rule alone is too common across companies to say "one attack".</li>
 * </ul>
 * Detections that say nothing about one attacker give no keys: the campaign detector's own (no loop), and the
 * categories {@link #IGNORED} (what a device blocked, scans, silent devices, outdated systems, unknown devices).
 */
public final class CampaignKeys {
    /** Longest key value kept; longer values (odd subjects) are cut. */
    public static final int MAX_VALUE = 300;
    /** Shortest normalised subject that is a key. */
    public static final int MIN_SUBJECT = 6;
    /** The detector id of the campaign correlation's own detections. */
    public static final String DETECTOR = "campaign";
    /** Categories whose detections carry no campaign key. */
    public static final Set<Category> IGNORED = Set.of(Category.BLOCKED, Category.SCAN, Category.SILENT_DEVICE,
            Category.OUTDATED_OS, Category.UNKNOWN_DEVICE, Category.CAMPAIGN);

    private static final Set<String> FREEMAIL = load("freemail-domains.txt");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*(?:re|fw|fwd|aw|wg|tr|sv|vs|返信|転送)\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：]\\s*");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private CampaignKeys() {
    }

    /** What a key is. */
    public enum Kind {
        /** An intel indicator that is not a file hash: {@code TYPE:value}. */
        INDICATOR,
        /** A file's hash: {@code sha256:hex}, {@code sha1:hex} or {@code md5:hex}. */
        FILE_HASH,
        /** The domain of a mail's sender. */
        SENDER_DOMAIN,
        /** A mail's normalised subject. */
        SUBJECT,
        /** A Sigma rule with the parent and child process it fired on. */
        SIGMA
    }

    /** One key. */
    public record Key(Kind kind, String value) implements Comparable<Key> {
        public Key {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int compareTo(Key o) {
            int c = kind.compareTo(o.kind);
            return c != 0 ? c : value.compareTo(o.value);
        }

        /**
         * The indicator that would let every customer's future events match this key (what "share these indicators"
         * publishes), or null when the key is no indicator (a subject, a Sigma pattern, an address range…).
         */
        public Shareable shareable() {
            return switch (kind) {
                case FILE_HASH -> {
                    int colon = value.indexOf(':');
                    yield new Shareable(IndicatorType.valueOf(value.substring(0, colon).toUpperCase(Locale.ROOT)),
                            value.substring(colon + 1));
                }
                case SENDER_DOMAIN -> new Shareable(IndicatorType.EMAIL_DOMAIN, value);
                case INDICATOR -> {
                    int colon = value.indexOf(':');
                    IndicatorType type = colon < 0 ? null : indicatorType(value.substring(0, colon));
                    yield type == null || type == IndicatorType.CIDR ? null
                            : new Shareable(type, value.substring(colon + 1));
                }
                case SUBJECT, SIGMA -> null;
            };
        }
    }

    /** An indicator type and value ready to be published. */
    public record Shareable(IndicatorType type, String value) {
    }

    /** The keys of a detection, sorted and without repeats; empty when it carries none (see the class comment). */
    public static List<Key> of(Detection d) {
        if (d == null || d.tenant() == null || DETECTOR.equals(d.detector()) || IGNORED.contains(d.category())) {
            return List.of();
        }
        Set<Key> keys = new LinkedHashSet<>();
        if ("intel".equals(d.detector())) {
            Key k = indicatorKey(d.ruleId());
            if (k != null) {
                keys.add(k);
            }
        }
        SecurityEvent e = d.evidence();
        if (e != null) {
            addHash(keys, "sha256", e.get(Ecs.FILE_HASH_SHA256), 64);
            addHash(keys, "sha1", e.get(Ecs.FILE_HASH_SHA1), 40);
            addHash(keys, "md5", e.get(Ecs.FILE_HASH_MD5), 32);
            addHash(keys, "sha256", e.get(Ecs.PROCESS_HASH_SHA256), 64);
            String from = e.get(Ecs.EMAIL_FROM_ADDRESS);
            String subject = e.get(Ecs.EMAIL_SUBJECT);
            if (from != null || subject != null) { // a detection about a mail
                String domain = senderDomain(from);
                if (domain != null) {
                    keys.add(new Key(Kind.SENDER_DOMAIN, domain));
                }
                String s = subject(subject);
                if (s != null) {
                    keys.add(new Key(Kind.SUBJECT, s));
                }
            }
            if ("sigma".equals(d.detector())) {
                String parent = image(first(e.get(Ecs.PROCESS_PARENT_EXECUTABLE), e.original("ParentImage")));
                String child = image(first(e.get(Ecs.PROCESS_EXECUTABLE), e.original("Image")));
                if (parent != null && child != null) {
                    keys.add(new Key(Kind.SIGMA, cut(d.ruleId().toLowerCase(Locale.ROOT) + "|" + parent + ">" + child)));
                }
            }
        }
        List<Key> out = new ArrayList<>(keys);
        out.sort(null);
        return out;
    }

    /** The key of an intel rule id ({@code TYPE:value}): a file hash as {@link Kind#FILE_HASH}, else INDICATOR. */
    static Key indicatorKey(String ruleId) {
        int colon = ruleId == null ? -1 : ruleId.indexOf(':');
        if (colon <= 0 || colon == ruleId.length() - 1) {
            return null;
        }
        String type = ruleId.substring(0, colon).toUpperCase(Locale.ROOT);
        String value = ruleId.substring(colon + 1);
        IndicatorType t = indicatorType(type);
        if (t == IndicatorType.SHA256 || t == IndicatorType.SHA1 || t == IndicatorType.MD5) {
            String hex = value.strip().toLowerCase(Locale.ROOT);
            return HEX.matcher(hex).matches() ? new Key(Kind.FILE_HASH, t.name().toLowerCase(Locale.ROOT) + ":" + hex)
                    : null;
        }
        return new Key(Kind.INDICATOR, cut(type + ":" + value.strip().toLowerCase(Locale.ROOT)));
    }

    private static IndicatorType indicatorType(String name) {
        try {
            return IndicatorType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void addHash(Set<Key> keys, String algo, String value, int length) {
        if (value == null) {
            return;
        }
        String hex = value.strip().toLowerCase(Locale.ROOT);
        if (hex.length() == length && HEX.matcher(hex).matches() && !hex.chars().allMatch(c -> c == '0')) {
            keys.add(new Key(Kind.FILE_HASH, algo + ":" + hex));
        }
    }

    /** The domain of a sender address, lower case; null when none or a free-mail service. */
    static String senderDomain(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        int lt = a.lastIndexOf('<');
        if (lt >= 0) {
            int gt = a.indexOf('>', lt);
            a = a.substring(lt + 1, gt < 0 ? a.length() : gt);
        }
        int at = a.lastIndexOf('@');
        if (at < 0 || at == a.length() - 1) {
            return null;
        }
        String domain = a.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || !domain.contains(".") || FREEMAIL.contains(domain)) {
            return null;
        }
        return cut(domain);
    }

    /** A subject normalised for comparison (see the class comment); null when too short to mean anything. */
    static String subject(String subject) {
        if (subject == null) {
            return null;
        }
        String s = Normalizer.normalize(subject, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        String before;
        do {
            before = s;
            s = REPLY_PREFIX.matcher(s).replaceFirst("");
        } while (!s.equals(before));
        s = SPACE.matcher(DIGITS.matcher(s).replaceAll("#")).replaceAll(" ").strip();
        return s.codePointCount(0, s.length()) < MIN_SUBJECT ? null : cut(s);
    }

    /** The base name of a process image, lower case. */
    static String image(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.strip();
        int slash = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        String name = p.substring(slash + 1).toLowerCase(Locale.ROOT);
        return name.isEmpty() ? null : name;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String cut(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE);
    }

    private static Set<String> load(String name) {
        Set<String> out = new HashSet<>();
        try (InputStream in = CampaignKeys.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String l = line.strip().toLowerCase(Locale.ROOT);
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
