package jp.sukedachi.app.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The first-response playbook of each {@link IncidentType}: task templates read once from
 * {@code incident/playbooks.yml} with their texts in {@code incident/tasks_ja.yml} and {@code tasks_en.yml}.
 * Start-up fails when a type has no playbook or a template has no text in either language.
 */
@Component
public class Playbooks {

    /** One template: its key, and whether it is something the company itself does. */
    public record Template(String key, boolean forCompany) {
    }

    private final Map<IncidentType, List<Template>> playbooks = new EnumMap<>(IncidentType.class);
    private final Map<String, String> japanese;
    private final Map<String, String> english;

    @SuppressWarnings("unchecked")
    public Playbooks() {
        Map<String, Object> root = read("playbooks.yml");
        Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) root.get("tasks");
        Map<String, List<String>> books = (Map<String, List<String>>) root.get("playbooks");
        japanese = texts("ja");
        english = texts("en");
        for (IncidentType type : IncidentType.values()) {
            List<String> keys = books.get(type.name());
            if (keys == null || keys.isEmpty()) {
                throw new IllegalStateException("no playbook for " + type);
            }
            playbooks.put(type, keys.stream().map(k -> {
                Map<String, Object> t = tasks.get(k);
                if (t == null || !japanese.containsKey(k) || !english.containsKey(k)) {
                    throw new IllegalStateException("playbook task " + k + " has no definition or text");
                }
                return new Template(k, Boolean.TRUE.equals(t.get("company")));
            }).toList());
        }
    }

    /** The templates copied to a new incident of this type, in order. */
    public List<Template> of(IncidentType type) {
        return playbooks.get(type);
    }

    /** A template's text in the reader's language (Japanese unless English is asked for); null if unknown. */
    public String text(String key, Locale locale) {
        return ("en".equals(locale == null ? null : locale.getLanguage()) ? english : japanese).get(key);
    }

    private static Map<String, String> texts(String lang) {
        Map<String, String> out = new LinkedHashMap<>();
        read("tasks_" + lang + ".yml").forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static Map<String, Object> read(String name) {
        try (InputStream in = Playbooks.class.getResourceAsStream("/incident/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource incident/" + name);
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
