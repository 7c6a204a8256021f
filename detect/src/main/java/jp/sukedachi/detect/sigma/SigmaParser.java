package jp.sukedachi.detect.sigma;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads Sigma rule files (one or several YAML documents) into {@link SigmaRule}s: detection maps and lists,
 * keywords, null, every modifier of the specification, wildcards and escaping, conditions with and/or/not,
 * parentheses and {@code 1 of}/{@code all of}, and correlation rules. Thread-safe (a YAML reader per call).
 */
public final class SigmaParser {
    /** Rule files larger than this are refused before YAML sees them (the largest SigmaHQ rule, a hash list, is ~0.5 MB). */
    public static final int MAX_RULE_CHARS = 2 * 1024 * 1024;

    /** One YAML document's outcome: a rule or the reason it was refused. */
    public record Parsed(SigmaRule rule, SigmaException error, int document) {
    }

    public List<Parsed> parse(String text, String file, String folder) {
        List<Parsed> out = new ArrayList<>();
        if (text.length() > MAX_RULE_CHARS) {
            out.add(new Parsed(null, new SigmaException("too large", "the file has more than " + MAX_RULE_CHARS
                    + " characters"), 0));
            return out;
        }
        int doc = 0;
        try {
            for (Object o : yaml().loadAll(text)) {
                doc++;
                if (o == null) {
                    continue;
                }
                try {
                    out.add(new Parsed(rule(o, file, folder), null, doc));
                } catch (SigmaException e) {
                    out.add(new Parsed(null, e, doc));
                }
            }
        } catch (YAMLException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
            Mark mark = e instanceof MarkedYAMLException marked ? marked.getProblemMark() : null;
            out.add(new Parsed(null, new SigmaException("yaml", m.length() > 300 ? m.substring(0, 300) + "…" : m,
                    mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1), doc + 1));
        }
        if (out.isEmpty()) {
            out.add(new Parsed(null, new SigmaException("empty", "the file holds no YAML document"), 0));
        }
        return out;
    }

    /** The only implicit type is null: numbers, dates and yes/no stay the strings the author wrote. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_RULE_CHARS * 2);
        options.setNestingDepthLimit(30);
        DumperOptions dump = new DumperOptions();
        Resolver strings = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options, strings);
    }

    private SigmaRule rule(Object o, String file, String folder) throws SigmaException {
        if (!(o instanceof Map<?, ?> m)) {
            throw new SigmaException("structure", "the document is not a map of fields");
        }
        String title = text(m, "title");
        String id = text(m, "id");
        if (title == null || title.isBlank()) {
            throw new SigmaException("missing field", "no title");
        }
        if (id == null || id.isBlank()) {
            throw new SigmaException("missing field", "no id");
        }
        String author = m.get("author") instanceof List<?> l ? String.join(", ", strings(l)) : text(m, "author");
        List<String> refs = m.get("references") instanceof List<?> l ? strings(l) : List.of();
        List<String> tags = m.get("tags") instanceof List<?> l ? strings(l) : List.of();
        SigmaRule.Logsource ls = null;
        if (m.get("logsource") instanceof Map<?, ?> l) {
            ls = new SigmaRule.Logsource(lower(text(l, "product")), lower(text(l, "category")), lower(text(l, "service")));
        }
        Expr detection = null;
        SigmaRule.Correlation corr = null;
        if (m.get("correlation") instanceof Map<?, ?> c) {
            corr = correlation(c);
        } else if (m.get("correlation") != null) {
            throw new SigmaException("structure", "correlation is not a map");
        } else {
            if (ls == null) {
                throw new SigmaException("missing field", "no logsource");
            }
            if (!(m.get("detection") instanceof Map<?, ?> d)) {
                throw new SigmaException("missing field", "no detection map");
            }
            detection = detection(d);
        }
        return new SigmaRule(id.trim(), text(m, "name"), title.trim(), lower(text(m, "status")), lower(text(m, "level")),
                author, refs, text(m, "description"), tags, ls, folder, file, detection, corr);
    }

    // --- detection --------------------------------------------------------------------------------

    private Expr detection(Map<?, ?> d) throws SigmaException {
        Object cond = d.get("condition");
        if (cond == null) {
            throw new SigmaException("missing field", "detection has no condition");
        }
        Map<String, Expr> searches = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : d.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("condition") || name.equals("timeframe")) {
                continue;
            }
            try {
                searches.put(name, search(e.getValue()));
            } catch (SigmaException ex) {
                throw new SigmaException(ex.category(), name + ": " + ex.getMessage());
            }
        }
        List<String> conditions = cond instanceof List<?> l ? strings(l) : List.of(String.valueOf(cond));
        List<Expr> alternatives = new ArrayList<>();
        for (String c : conditions) {
            alternatives.add(new ConditionParser(c, searches).parse());
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new Expr.Or(alternatives);
    }

    private Expr search(Object v) throws SigmaException {
        if (v instanceof Map<?, ?> map) {
            List<Expr> items = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                items.add(item(String.valueOf(e.getKey()), e.getValue()));
            }
            return items.size() == 1 ? items.getFirst() : new Expr.And(items);
        }
        if (v instanceof List<?> list) {
            boolean allScalars = list.stream().noneMatch(x -> x instanceof Map || x instanceof List);
            if (allScalars) {
                return item("", list);
            }
            List<Expr> alts = new ArrayList<>();
            for (Object x : list) {
                alts.add(x instanceof Map || x instanceof List ? search(x) : item("", x));
            }
            return alts.size() == 1 ? alts.getFirst() : new Expr.Or(alts);
        }
        if (v == null) {
            throw new SigmaException("structure", "empty search identifier");
        }
        return item("", v);
    }

    /** One {@code field|mod|mod: value(s)} entry; an empty field name means keywords. */
    Expr item(String key, Object value) throws SigmaException {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].trim();
        Mods mods = new Mods();
        for (int i = 1; i < parts.length; i++) {
            mods.add(parts[i].trim().toLowerCase(Locale.ROOT));
        }
        List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(Collections.singletonList(value));
        for (Object x : values) {
            if (x instanceof Map || x instanceof List) {
                throw new SigmaException("structure", "value of " + (field.isEmpty() ? "keywords" : field) + " is a map or list");
            }
        }
        if (values.isEmpty()) {
            return new Expr.Const(false);
        }
        if (mods.exists) {
            if (field.isEmpty() || values.size() != 1 || values.getFirst() == null) {
                throw new SigmaException("modifier", "exists needs a field and true or false");
            }
            return new Expr.Exists(field, Boolean.parseBoolean(String.valueOf(values.getFirst()).trim()));
        }
        if (mods.fieldref) {
            List<Expr> refs = new ArrayList<>();
            for (Object x : values) {
                if (x == null) {
                    throw new SigmaException("modifier", "fieldref needs a field name");
                }
                refs.add(new Expr.FieldRef(field, String.valueOf(x), mods.kind, mods.cased));
            }
            return refs.size() == 1 ? refs.getFirst() : mods.all ? new Expr.And(refs) : new Expr.Or(refs);
        }
        List<Expr> nulls = new ArrayList<>();
        List<List<ValueTest>> perValue = new ArrayList<>();
        for (Object x : values) {
            if (x == null) {
                if (field.isEmpty()) {
                    throw new SigmaException("structure", "null among keywords");
                }
                nulls.add(new Expr.Null(field));
                continue;
            }
            if (String.valueOf(x).isEmpty() && !field.isEmpty() && mods.kind == null && !mods.re && mods.encodings.isEmpty()) {
                nulls.add(new Expr.Null(field)); // events never carry empty values (ingest drops them)
                continue;
            }
            perValue.add(tests(String.valueOf(x), mods));
        }
        List<Expr> alts = new ArrayList<>(nulls);
        if (!perValue.isEmpty()) {
            if (mods.all && perValue.size() > 1) {
                List<Expr> each = new ArrayList<>();
                for (List<ValueTest> t : perValue) {
                    each.add(leaf(field, t));
                }
                alts.add(new Expr.And(each));
            } else {
                List<ValueTest> flat = new ArrayList<>();
                perValue.forEach(flat::addAll);
                alts.add(leaf(field, flat));
            }
        }
        return alts.size() == 1 ? alts.getFirst() : new Expr.Or(alts);
    }

    private static Expr leaf(String field, List<ValueTest> tests) {
        return field.isEmpty() ? new Expr.Keywords(List.copyOf(tests), false) : new Expr.Field(field, List.copyOf(tests), false);
    }

    /** The tests one value turns into (several for windash and base64offset, which expand). */
    private static List<ValueTest> tests(String v, Mods mods) throws SigmaException {
        List<ValueTest> out = new ArrayList<>();
        if (mods.re) {
            try {
                out.add(new ValueTest.Regex(Pattern.compile(v, mods.reFlags)));
            } catch (PatternSyntaxException e) {
                throw new SigmaException("regex", "invalid regular expression " + v + ": " + e.getDescription());
            }
            return out;
        }
        if (mods.cidr) {
            out.add(ValueTest.Cidr.parse(v));
            return out;
        }
        if (mods.compare != null) {
            try {
                out.add(new ValueTest.Compare(mods.compare, Double.parseDouble(v.trim())));
            } catch (NumberFormatException e) {
                throw new SigmaException("modifier", mods.compare + " needs a number, got " + v);
            }
            return out;
        }
        List<SigmaPattern> patterns = new ArrayList<>();
        SigmaPattern p = SigmaPattern.parse(v);
        if (mods.expand) {
            p = p.placeholdersAsWildcards();
        }
        if (mods.windash) {
            patterns.addAll(p.windashVariants());
        } else {
            patterns.add(p);
        }
        if (!mods.encodings.isEmpty()) {
            List<SigmaPattern> encoded = new ArrayList<>();
            for (SigmaPattern x : patterns) {
                for (String s : encode(x.plainText(), mods.encodings)) {
                    encoded.add(SigmaPattern.literal(s));
                }
            }
            patterns = encoded;
        }
        for (SigmaPattern x : patterns) {
            SigmaPattern y = switch (mods.kind == null ? "" : mods.kind) {
                case "contains" -> x.withLeadingStar().withTrailingStar();
                case "startswith" -> x.withTrailingStar();
                case "endswith" -> x.withLeadingStar();
                default -> x;
            };
            out.add(ValueTest.of(y, mods.cased));
        }
        return out;
    }

    /** Applies wide/utf16*, then base64 or base64offset, in the order the modifiers appear. */
    static List<String> encode(String text, List<String> encodings) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> out = null;
        for (String e : encodings) {
            switch (e) {
                case "wide", "utf16le" -> bytes = text.getBytes(StandardCharsets.UTF_16LE);
                case "utf16be" -> bytes = text.getBytes(StandardCharsets.UTF_16BE);
                case "utf16" -> {
                    byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
                    bytes = new byte[le.length + 2];
                    bytes[0] = (byte) 0xFF;
                    bytes[1] = (byte) 0xFE;
                    System.arraycopy(le, 0, bytes, 2, le.length);
                }
                case "base64" -> out = List.of(Base64.getEncoder().encodeToString(bytes));
                default -> out = base64Offsets(bytes);
            }
        }
        return out == null ? List.of(new String(bytes, StandardCharsets.ISO_8859_1)) : out;
    }

    /**
     * The three base64 forms of {@code bytes} at offsets 0, 1 and 2 inside a longer encoded text, trimmed to
     * the characters that do not depend on the neighbouring bytes (the specification's algorithm).
     */
    static List<String> base64Offsets(byte[] bytes) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String b64 = Base64.getEncoder().encodeToString(shifted);
            int end = b64.length() - endTrim[(bytes.length + i) % 3];
            out.add(end > start[i] ? b64.substring(start[i], end) : "");
        }
        return out;
    }

    /** The modifiers of one field entry. */
    private static final class Mods {
        String kind;
        boolean all;
        boolean cased;
        boolean re;
        int reFlags;
        boolean cidr;
        boolean exists;
        boolean fieldref;
        boolean expand;
        boolean windash;
        String compare;
        final List<String> encodings = new ArrayList<>();

        void add(String m) throws SigmaException {
            switch (m) {
                case "contains", "startswith", "endswith" -> kind = m;
                case "all" -> all = true;
                case "cased" -> cased = true;
                case "re" -> re = true;
                case "i", "ignorecase" -> reFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case "m", "multiline" -> reFlags |= Pattern.MULTILINE;
                case "s", "dotall" -> reFlags |= Pattern.DOTALL;
                case "cidr" -> cidr = true;
                case "exists" -> exists = true;
                case "fieldref" -> fieldref = true;
                case "expand" -> expand = true;
                case "windash" -> windash = true;
                case "gt", "gte", "lt", "lte" -> compare = m;
                case "base64", "base64offset", "wide", "utf16le", "utf16be", "utf16" -> encodings.add(m);
                default -> throw new SigmaException("unknown modifier", "unknown modifier |" + m);
            }
            if ((reFlags != 0) && !re) {
                throw new SigmaException("modifier", "|" + m + " applies only after |re");
            }
        }
    }

    // --- correlation ------------------------------------------------------------------------------

    private static SigmaRule.Correlation correlation(Map<?, ?> c) throws SigmaException {
        String type = lower(text(c, "type"));
        if (type == null || !List.of("event_count", "value_count", "temporal", "temporal_ordered").contains(type)) {
            throw new SigmaException("correlation", "unknown correlation type " + type);
        }
        List<String> rules = c.get("rules") instanceof List<?> l ? strings(l)
                : c.get("rules") != null ? List.of(String.valueOf(c.get("rules"))) : List.of();
        if (rules.isEmpty()) {
            throw new SigmaException("correlation", "no rules to correlate");
        }
        List<String> groupBy = c.get("group-by") instanceof List<?> l ? strings(l)
                : c.get("group-by") != null ? List.of(String.valueOf(c.get("group-by"))) : List.of();
        String span = text(c, "timespan");
        if (span == null) {
            throw new SigmaException("correlation", "no timespan");
        }
        long millis = timespan(span);
        Map<String, Long> cond = new LinkedHashMap<>();
        String field = null;
        if (c.get("condition") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("field")) {
                    field = String.valueOf(e.getValue());
                    continue;
                }
                if (!List.of("gt", "gte", "lt", "lte", "eq").contains(k)) {
                    throw new SigmaException("correlation", "unknown condition operator " + k);
                }
                try {
                    cond.put(k, Long.parseLong(String.valueOf(e.getValue()).trim()));
                } catch (NumberFormatException ex) {
                    throw new SigmaException("correlation", "condition " + k + " needs a whole number");
                }
            }
        }
        if (!type.startsWith("temporal") && cond.isEmpty()) {
            throw new SigmaException("correlation", type + " needs a condition such as gte: 10");
        }
        if (type.equals("value_count") && field == null) {
            throw new SigmaException("correlation", "value_count needs condition.field");
        }
        return new SigmaRule.Correlation(type, rules, groupBy, millis, Map.copyOf(cond), field);
    }

    static long timespan(String s) throws SigmaException {
        s = s.trim();
        if (s.length() < 2) {
            throw new SigmaException("correlation", "timespan " + s + " is not like 5m, 1h or 2d");
        }
        long unit = switch (s.charAt(s.length() - 1)) {
            case 's' -> 1000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            case 'w' -> 7 * 86_400_000L;
            default -> -1;
        };
        try {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            if (unit < 0 || n <= 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new SigmaException("correlation", "timespan " + s + " is not like 5m, 1h or 2d");
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null || v instanceof Map || v instanceof List ? null : String.valueOf(v);
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(List<?> l) {
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (o != null) {
                out.add(String.valueOf(o));
            }
        }
        return List.copyOf(out);
    }
}
