package jp.sukedachi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * docs/operations.md tells operators which settings to set, which metrics to alert on and which commands to run; a
 * name that does not exist there fails silently in production (Spring ignores an unknown setting, Prometheus an
 * unknown metric). So every {@code sukedachi.*} setting, {@code sukedachi_*} metric and {@code ./sukedachi} command
 * (with its options) the document names must exist in the code.
 */
class OperationsDocTest {
    static final Path REPO = Path.of(System.getProperty("sukedachi.repo.root", "..")).toAbsolutePath().normalize();
    static final Path DOC = REPO.resolve("docs/operations.md");

    /** A setting: not part of a longer dotted name (jp.sukedachi.app…); a trailing {@code .*} means "some setting below". */
    private static final Pattern SETTING = Pattern.compile("(?<![\\w.$-])sukedachi(?:\\.[a-z0-9-]+)+(?:\\.\\*)?");
    /** A metric; a name right after NOTIFY is the change-notification channel, not a metric. */
    private static final Pattern METRIC = Pattern.compile("(?<![\\w.])(?<!NOTIFY[ \\n])sukedachi_[a-z0-9_]+");
    private static final Pattern COMMAND = Pattern.compile("\\./sukedachi ([a-z]+)([^`\\n]*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z-]*)(?![\\w.-])");
    /** Names in main code: constants ("sukedachi.x"), placeholders (${sukedachi.x:…}), meter names. */
    private static final Pattern LITERAL = Pattern.compile("[\"{]\\$?\\{?(sukedachi(?:\\.[a-zA-Z0-9_-]+)+)");

    @Test
    void everySettingTheDocumentNamesIsARealSetting() throws IOException {
        Set<String> known = settings();
        Set<String> unknown = new TreeSet<>();
        for (String name : found(SETTING, read(DOC))) {
            if (name.endsWith(".yml")) {
                continue; // a config file's name (/etc/sukedachi/sukedachi.yml), not a setting
            }
            boolean exists = name.endsWith(".*")
                    ? known.stream().anyMatch(k -> k.startsWith(name.substring(0, name.length() - 1)))
                    : known.contains(name);
            if (!exists) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("settings in docs/operations.md that nothing binds").isEmpty();
    }

    @Test
    void everyMetricTheDocumentNamesIsRegisteredByTheCode() throws IOException {
        Set<String> meters = new TreeSet<>();
        for (String literal : literalsInMainCode()) {
            meters.add(literal.replace('.', '_').replace('-', '_'));
        }
        Set<String> unknown = new TreeSet<>();
        for (String metric : found(METRIC, read(DOC))) {
            // Prometheus adds _total to a counter's name.
            if (!meters.contains(metric) && !meters.contains(metric.replaceFirst("_total$", ""))) {
                unknown.add(metric);
            }
        }
        assertThat(unknown).as("metrics in docs/operations.md that no meter of the code has").isEmpty();
    }

    @Test
    void everyCommandAndOptionTheDocumentRunsIsOneTheScriptKnows() throws IOException {
        String script = read(REPO.resolve("sukedachi"));
        Set<String> commands = scriptCommands(script);
        assertThat(commands).as("the script's commands").contains("serve", "demo");
        Set<String> unknown = new TreeSet<>();
        Matcher m = COMMAND.matcher(read(DOC));
        while (m.find()) {
            if (!commands.contains(m.group(1))) {
                unknown.add("./sukedachi " + m.group(1));
            }
            Matcher o = OPTION.matcher(m.group(2));
            while (o.find()) {
                // Spring settings given as arguments (--sukedachi.x=…) are checked as settings; options are the script's.
                if (!Pattern.compile("(?<![\\w-])--" + Pattern.quote(o.group(1)) + "(?![\\w-])").matcher(script).find()) {
                    unknown.add("./sukedachi " + m.group(1) + " --" + o.group(1));
                }
            }
        }
        assertThat(unknown).as("commands or options in docs/operations.md the script does not have").isEmpty();
    }

    /** The case of the script's last dispatch ({@code case $cmd in … esac}): one line per command, {@code name)}. */
    static Set<String> scriptCommands(String script) {
        int start = script.lastIndexOf("case $cmd in");
        assertThat(start).as("the script dispatches on $cmd").isNotNegative();
        String dispatch = script.substring(start, script.indexOf("esac", start));
        Set<String> commands = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+([a-z|-]+)\\)").matcher(dispatch);
        while (m.find()) {
            commands.addAll(List.of(m.group(1).split("\\|")));
        }
        return commands;
    }

    /** application.yml's keys, every settings record's properties, and the names main code reads by string. */
    static Set<String> settings() throws IOException {
        Set<String> known = new TreeSet<>(literalsInMainCode());
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(REPO.resolve("app/src/main/resources/application.yml")));
        yaml.getObject().stringPropertyNames().forEach(k -> known.add(k.replaceAll("\\[\\d+]$", "")));
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (var candidate : scanner.findCandidateComponents("jp.sukedachi")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            ConfigurationProperties p = type.getAnnotation(ConfigurationProperties.class);
            addComponents(p.prefix().isEmpty() ? p.value() : p.prefix(), type, known);
        }
        assertThat(known).as("settings found").contains("sukedachi.journal.max-unconsumed-mb", "sukedachi.syslog.port");
        return known;
    }

    private static void addComponents(String prefix, Class<?> type, Set<String> known) {
        if (!type.isRecord()) {
            known.add(prefix);
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + "." + c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            known.add(name);
            if (c.getType().isRecord()) {
                addComponents(name, c.getType(), known);
            }
        }
    }

    static Set<String> literalsInMainCode() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        names.addAll(found(LITERAL, read(f)));
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> found(Pattern pattern, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group());
        }
        return out;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
