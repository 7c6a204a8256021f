package jp.sukedachi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every capability's settings record binds from the property names README and application.yml document (and
 * the environment variables Spring derives from them), takes the documented defaults when a setting is absent,
 * and refuses a value out of range at start with a message naming the property. The records are the
 * capabilities' own (mostly package-private), so they are found by name and read through their components.
 */
class SettingsBindingTest {
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("jp.sukedachi.app")
    static class AllSettings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AllSettings.class);

    /** Every setting the records hold, by its documented name, with a value that is not its default. */
    private static final Map<String, String> EVERY_SETTING = new LinkedHashMap<>();

    static {
        EVERY_SETTING.put("sukedachi.command", "import");
        EVERY_SETTING.put("sukedachi.journal.max-unconsumed-mb", "11");
        EVERY_SETTING.put("sukedachi.journal.retention-mb", "22");
        EVERY_SETTING.put("sukedachi.journal.retention-days", "3");
        EVERY_SETTING.put("sukedachi.journal.fsync", "false");
        EVERY_SETTING.put("sukedachi.journal.min-free-mb", "4");
        EVERY_SETTING.put("sukedachi.import.tenant", "acme");
        EVERY_SETTING.put("sukedachi.import.device", "fw1");
        EVERY_SETTING.put("sukedachi.import.format", "fortigate");
        EVERY_SETTING.put("sukedachi.import.source", "urlhaus");
        EVERY_SETTING.put("sukedachi.import.exit", "false");
        EVERY_SETTING.put("sukedachi.syslog.port", "15514");
        EVERY_SETTING.put("sukedachi.syslog.bind", "127.0.0.1");
        EVERY_SETTING.put("sukedachi.syslog.enabled", "false");
        EVERY_SETTING.put("sukedachi.syslog.udp-receive-buffer", "32768");
        EVERY_SETTING.put("sukedachi.recent.max-mb", "5");
        EVERY_SETTING.put("sukedachi.sigma.rules-dir", "/rules");
        EVERY_SETTING.put("sukedachi.sigma.max-correlation-groups", "77");
        EVERY_SETTING.put("sukedachi.intel.max-feed-mb", "9");
        EVERY_SETTING.put("sukedachi.runtime.stall-seconds", "30");
        EVERY_SETTING.put("sukedachi.runtime.restart-pause-ms", "500");
        EVERY_SETTING.put("sukedachi.pdf.font", "/fonts/ipaex.ttf");
        EVERY_SETTING.put("sukedachi.demo-world.companies", "3");
        EVERY_SETTING.put("sukedachi.demo-world.traffic", "false");
        EVERY_SETTING.put("sukedachi.demo-world.history-hours", "48");
        EVERY_SETTING.put("sukedachi.demo-world.history-rate", "2.5");
        EVERY_SETTING.put("sukedachi.demo-world.live-rate", "7.5");
        EVERY_SETTING.put("sukedachi.demo-world.live-interval-ms", "250");
        EVERY_SETTING.put("sukedachi.triage.window-hours", "6");
        EVERY_SETTING.put("server.servlet.session.timeout", "2h");
    }

    @Test
    void everySettingBindsFromItsDocumentedName() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("settings", Map.copyOf(EVERY_SETTING)))).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertBound(context);
                });
    }

    @Test
    void everySettingBindsFromItsEnvironmentVariable() {
        Map<String, Object> environment = new LinkedHashMap<>();
        EVERY_SETTING.forEach((name, value) -> environment.put(
                name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        // Spelled as README and application.yml give the ones they name; the source is read as Spring reads the
        // process environment (relaxed names) because its name ends in -systemEnvironment.
        assertThat(environment).containsKeys("SUKEDACHI_JOURNAL_MIN_FREE_MB", "SUKEDACHI_RECENT_MAX_MB");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment))).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertBound(context);
                });
    }

    private static void assertBound(ApplicationContext context) throws ReflectiveOperationException {
        assertThat(read(context, "SukedachiProperties", "command")).isEqualTo("import");
        assertThat(read(context, "JournalSettings", "maxUnconsumedMb")).isEqualTo(11L);
        assertThat(read(context, "JournalSettings", "retentionMb")).isEqualTo(22L);
        assertThat(read(context, "JournalSettings", "retentionDays")).isEqualTo(3L);
        assertThat(read(context, "JournalSettings", "fsync")).isEqualTo(false);
        assertThat(read(context, "JournalSettings", "minFreeMb")).isEqualTo(4L);
        assertThat(read(context, "ImportSettings", "tenant")).isEqualTo("acme");
        assertThat(read(context, "ImportSettings", "device")).isEqualTo("fw1");
        assertThat(read(context, "ImportSettings", "format")).isEqualTo("fortigate");
        assertThat(read(context, "ImportSettings", "source")).isEqualTo("urlhaus");
        assertThat(read(context, "ImportSettings", "exit")).isEqualTo(false);
        assertThat(read(context, "IngestSettings", "syslog.port")).isEqualTo(15514);
        assertThat(read(context, "IngestSettings", "syslog.bind")).isEqualTo("127.0.0.1");
        assertThat(read(context, "IngestSettings", "syslog.enabled")).isEqualTo(false);
        assertThat(read(context, "IngestSettings", "syslog.udpReceiveBuffer")).isEqualTo(32768);
        assertThat(read(context, "IngestSettings", "recent.maxMb")).isEqualTo(5L);
        assertThat(read(context, "SigmaSettings", "rulesDir")).isEqualTo("/rules");
        assertThat(read(context, "SigmaSettings", "maxCorrelationGroups")).isEqualTo(77L);
        assertThat(read(context, "IntelSettings", "maxFeedMb")).isEqualTo(9L);
        assertThat(read(context, "HealthSettings", "stallSeconds")).isEqualTo(30L);
        assertThat(read(context, "HealthSettings", "restartPauseMs")).isEqualTo(500L);
        assertThat(read(context, "PdfSettings", "font")).isEqualTo("/fonts/ipaex.ttf");
        assertThat(read(context, "DemoSettings", "companies")).isEqualTo(3);
        assertThat(read(context, "DemoSettings", "traffic")).isEqualTo(false);
        assertThat(read(context, "DemoSettings", "historyHours")).isEqualTo(48);
        assertThat(read(context, "DemoSettings", "historyRate")).isEqualTo(2.5);
        assertThat(read(context, "DemoSettings", "liveRate")).isEqualTo(7.5);
        assertThat(read(context, "DemoSettings", "liveIntervalMs")).isEqualTo(250L);
        assertThat(read(context, "TriageSettings", "windowHours")).isEqualTo(6);
        assertThat(read(context, "SessionSettings", "timeout")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void anAbsentSettingTakesTheDocumentedDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(read(context, "SukedachiProperties", "command")).isEqualTo("");
            assertThat(read(context, "JournalSettings", "maxUnconsumedMb")).isEqualTo(1024L);
            assertThat(read(context, "JournalSettings", "retentionMb")).isEqualTo(2048L);
            assertThat(read(context, "JournalSettings", "retentionDays")).isEqualTo(7L);
            assertThat(read(context, "JournalSettings", "fsync")).isEqualTo(true);
            assertThat(read(context, "JournalSettings", "minFreeMb")).isEqualTo(256L);
            assertThat(read(context, "ImportSettings", "device")).isEqualTo("import");
            assertThat(read(context, "ImportSettings", "format")).isNull();
            assertThat(read(context, "ImportSettings", "exit")).isEqualTo(true);
            assertThat(read(context, "IngestSettings", "syslog.port")).isEqualTo(5514);
            assertThat(read(context, "IngestSettings", "syslog.bind")).isEqualTo("0.0.0.0");
            assertThat(read(context, "IngestSettings", "syslog.enabled")).isEqualTo(true);
            assertThat(read(context, "IngestSettings", "syslog.udpReceiveBuffer")).isEqualTo(4 * 1024 * 1024);
            assertThat(read(context, "IngestSettings", "recent.maxMb")).isEqualTo(32L);
            assertThat(read(context, "SigmaSettings", "maxCorrelationGroups")).isEqualTo(100_000L);
            assertThat(read(context, "IntelSettings", "maxFeedMb")).isEqualTo(512L);
            assertThat(read(context, "HealthSettings", "stallSeconds")).isEqualTo(120L);
            assertThat(read(context, "HealthSettings", "restartPauseMs")).isEqualTo(2000L);
            assertThat(read(context, "DemoSettings", "companies")).isEqualTo(30);
            assertThat(read(context, "DemoSettings", "traffic")).isEqualTo(true);
            assertThat(read(context, "DemoSettings", "historyHours")).isEqualTo(504);
            assertThat(read(context, "DemoSettings", "historyRate")).isEqualTo(8.0);
            assertThat(read(context, "DemoSettings", "liveRate")).isEqualTo(60.0);
            assertThat(read(context, "DemoSettings", "liveIntervalMs")).isEqualTo(5000L);
            assertThat(read(context, "TriageSettings", "windowHours")).isEqualTo(24);
            assertThat(read(context, "SessionSettings", "timeout")).isEqualTo(Duration.ofHours(8));
        });
    }

    @Test
    void aSettingOutOfRangeStopsTheStartNamingIt() {
        for (String[] bad : new String[][] {{"sukedachi.syslog.port", "70000"}, {"sukedachi.recent.max-mb", "0"},
                {"sukedachi.journal.min-free-mb", "-1"}, {"sukedachi.intel.max-feed-mb", "-5"},
                {"sukedachi.sigma.max-correlation-groups", "0"}, {"sukedachi.runtime.stall-seconds", "0"},
                {"sukedachi.demo-world.history-rate", "-1"}, {"server.servlet.session.timeout", "0s"}}) {
            runner.withPropertyValues(bad[0] + "=" + bad[1]).run(context -> assertThat(context).getFailure()
                    .rootCause().hasMessageContaining(bad[0]));
        }
    }

    /** A component of the one settings record with this simple name; {@code a.b} reads a nested record. */
    private static Object read(ApplicationContext context, String record, String path)
            throws ReflectiveOperationException {
        Object value = context.getBeansOfType(Record.class).values().stream()
                .filter(bean -> bean.getClass().getSimpleName().equals(record)).reduce((a, b) -> {
                    throw new AssertionError("two records named " + record);
                }).orElseThrow(() -> new AssertionError("no settings record " + record));
        for (String name : path.split("\\.")) {
            RecordComponent component = component(value.getClass(), name);
            component.getAccessor().setAccessible(true);
            value = component.getAccessor().invoke(value);
        }
        return value;
    }

    private static RecordComponent component(Class<?> type, String name) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(type.getSimpleName() + " has no setting " + name);
    }
}
