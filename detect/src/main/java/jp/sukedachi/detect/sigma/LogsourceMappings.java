package jp.sukedachi.detect.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which events a rule's {@code logsource} means, and how its field names map onto them, read from data
 * files (one per event source, under {@code mappings/}): no per-source code branches.
 */
public final class LogsourceMappings {
    /** The bundled mapping files. */
    public static final List<String> STANDARD = List.of("windows.yml", "zeek.yml", "suricata.yml", "firewall.yml", "linux.yml");

    /** Prefix of a mapped field that names an ECS field of the event rather than an original one. */
    static final String ECS_PREFIX = "ecs:";

    /**
     * One way a log source shows up in events.
     *
     * @param when   field → accepted values (key fields dispatch; the rest are extra equality tests)
     * @param fields Sigma field → event field
     */
    record Alternative(Map<String, List<String>> when, Map<String, String> fields) {
    }

    /** One mapping file. */
    record Source(String name, List<String> formats, List<String> key, List<String> products,
            Map<String, List<Alternative>> categories, Map<String, List<Alternative>> services, List<Alternative> productOnly) {
    }

    private final List<Source> sources;

    private LogsourceMappings(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    public static LogsourceMappings standard() {
        List<Source> out = new ArrayList<>();
        for (String name : STANDARD) {
            try (InputStream in = LogsourceMappings.class.getResourceAsStream("mappings/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing mapping " + name);
                }
                out.add(read(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read mapping " + name, e);
            }
        }
        return new LogsourceMappings(out);
    }

    List<Source> sources() {
        return sources;
    }

    @SuppressWarnings("unchecked")
    static Source read(String name, String yamlText) {
        Map<String, Object> m = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        return new Source(name, strings(m.get("formats")), strings(m.get("key")), strings(m.get("products")),
                alternativesByName((Map<String, Object>) m.get("categories")),
                alternativesByName((Map<String, Object>) m.get("services")), alternatives(m.get("product_only")));
    }

    private static Map<String, List<Alternative>> alternativesByName(Map<String, Object> m) {
        Map<String, List<Alternative>> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, alternatives(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Alternative> alternatives(Object o) {
        List<Alternative> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                Map<String, Object> a = (Map<String, Object>) x;
                Map<String, List<String>> when = new LinkedHashMap<>();
                if (a.get("when") instanceof Map<?, ?> w) {
                    w.forEach((k, v) -> when.put(String.valueOf(k), strings(v)));
                }
                Map<String, String> fields = new LinkedHashMap<>();
                if (a.get("fields") instanceof Map<?, ?> f) {
                    f.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
                }
                out.add(new Alternative(when, fields));
            }
        }
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (o != null) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** A rule's log source resolved against one mapping file. */
    record Resolved(Source source, List<Alternative> alternatives) {
    }

    /** Every mapping file's alternatives for this log source; empty when no event source of ours carries it. */
    List<Resolved> resolve(SigmaRule.Logsource ls) {
        List<Resolved> out = new ArrayList<>();
        for (Source s : sources) {
            if (ls.product() != null && !s.products().contains(ls.product())) {
                continue;
            }
            List<Alternative> alts;
            if (ls.category() != null) {
                alts = s.categories().get(ls.category());
            } else if (ls.service() != null) {
                alts = s.services().get(ls.service());
            } else {
                alts = ls.product() != null ? s.productOnly() : null;
            }
            if (alts != null && !alts.isEmpty()) {
                out.add(new Resolved(s, alts));
            }
        }
        return out;
    }
}
