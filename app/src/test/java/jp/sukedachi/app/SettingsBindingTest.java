package jp.sukedachi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jp.sukedachi.app.config.NodeRole;
import jp.sukedachi.app.config.NodeRuntime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every capability's settings record binds from the property names README and application.yml document (and
 * the environment variables Spring derives from them), takes the documented default when a setting is absent,
 * and refuses a value out of range at start with a message naming the property. The records are the
 * capabilities' own (mostly package-private), so they are found by name and read through their components.
 */
class SettingsBindingTest {
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("jp.sukedachi.app")
    static class AllSettings {
    }

    /**
     * One setting: its documented name, a value that is not its default, where the value lands
     * ({@code Record.component}, {@code Record.nested.component}), what it binds to, and its default.
     */
    record Setting(String property, String value, String component, Object bound, Object absent) {
    }

    private static final List<Setting> EVERY_SETTING = List.of(
            new Setting("sukedachi.command", "import", "SukedachiProperties.command", "import", ""),
            new Setting("sukedachi.journal.max-unconsumed-mb", "11", "JournalSettings.maxUnconsumedMb", 11L, 1024L),
            new Setting("sukedachi.journal.retention-mb", "22", "JournalSettings.retentionMb", 22L, 2048L),
            new Setting("sukedachi.journal.retention-days", "3", "JournalSettings.retentionDays", 3L, 7L),
            new Setting("sukedachi.journal.fsync", "false", "JournalSettings.fsync", false, true),
            new Setting("sukedachi.journal.min-free-mb", "4", "JournalSettings.minFreeMb", 4L, 256L),
            new Setting("sukedachi.import.tenant", "acme", "ImportSettings.tenant", "acme", ""),
            new Setting("sukedachi.import.device", "fw1", "ImportSettings.device", "fw1", "import"),
            new Setting("sukedachi.import.format", "fortigate", "ImportSettings.format", "fortigate", null),
            new Setting("sukedachi.import.source", "urlhaus", "ImportSettings.source", "urlhaus", ""),
            new Setting("sukedachi.import.exit", "false", "ImportSettings.exit", false, true),
            new Setting("sukedachi.syslog.port", "15514", "IngestSettings.syslog.port", 15514, 5514),
            new Setting("sukedachi.syslog.bind", "127.0.0.1", "IngestSettings.syslog.bind", "127.0.0.1", "0.0.0.0"),
            new Setting("sukedachi.syslog.enabled", "false", "IngestSettings.syslog.enabled", false, true),
            new Setting("sukedachi.syslog.udp-receive-buffer", "32768", "IngestSettings.syslog.udpReceiveBuffer", 32768,
                    4 * 1024 * 1024),
            new Setting("sukedachi.recent.max-mb", "5", "IngestSettings.recent.maxMb", 5L, 32L),
            new Setting("sukedachi.detectors.disabled", "scan,beaconing", "IngestSettings.detectors.disabled",
                    List.of("scan", "beaconing"), List.of()),
            new Setting("sukedachi.sigma.rules-dir", "/rules", "SigmaSettings.rulesDir", "/rules", null),
            new Setting("sukedachi.sigma.max-correlation-groups", "77", "SigmaSettings.maxCorrelationGroups", 77L,
                    100_000L),
            new Setting("sukedachi.intel.max-feed-mb", "9", "IntelSettings.maxFeedMb", 9L, 512L),
            new Setting("sukedachi.runtime.stall-seconds", "30", "HealthSettings.stallSeconds", 30L, 120L),
            new Setting("sukedachi.runtime.restart-pause-ms", "500", "HealthSettings.restartPauseMs", 500L, 2000L),
            new Setting("sukedachi.pdf.font", "/fonts/ipaex.ttf", "PdfSettings.font", "/fonts/ipaex.ttf", null),
            // plan (issue 17): the class 2 price caps
            new Setting("sukedachi.plan.tier2.network-monthly-yen", "60000", "PlanSettings.tier2.networkMonthlyYen",
                    60_000L, 50_000L),
            new Setting("sukedachi.plan.tier2.per-device-yen", "2500", "PlanSettings.tier2.perDeviceYen", 2_500L,
                    3_000L),
            // statement (issue 17): the issuer printed on the usage statements
            new Setting("sukedachi.statement.issuer", "助太刀セキュリティ", "StatementSettings.issuer", "助太刀セキュリティ",
                    "Sukedachi"),
            // report (issue 18): when the month before's reports are made, and how long they wait for a comment
            new Setting("sukedachi.report.schedule", "0 0 7 1 * *", "ReportSettings.schedule", "0 0 7 1 * *",
                    "0 0 6 1 * *"),
            new Setting("sukedachi.report.send-delay", "2d", "ReportSettings.sendDelay", Duration.ofDays(2),
                    Duration.ofDays(3)),
            new Setting("sukedachi.demo-world.companies", "3", "DemoSettings.companies", 3, 30),
            new Setting("sukedachi.demo-world.traffic", "false", "DemoSettings.traffic", false, true),
            new Setting("sukedachi.demo-world.history-hours", "48", "DemoSettings.historyHours", 48, 504),
            new Setting("sukedachi.demo-world.history-rate", "2.5", "DemoSettings.historyRate", 2.5, 8.0),
            new Setting("sukedachi.demo-world.live-rate", "7.5", "DemoSettings.liveRate", 7.5, 60.0),
            new Setting("sukedachi.demo-world.live-interval-ms", "250", "DemoSettings.liveIntervalMs", 250L, 5000L),
            new Setting("sukedachi.triage.window-hours", "6", "TriageSettings.windowHours", 6, 24),
            // queue (issue 19): the "unusually many attacks were blocked today" alert
            new Setting("sukedachi.triage.burst-minimum", "500", "TriageSettings.burstMinimum", 500, 200),
            new Setting("sukedachi.triage.burst-factor", "5", "TriageSettings.burstFactor", 5, 10),
            new Setting("sukedachi.triage.baseline-days", "28", "TriageSettings.baselineDays", 28, 14),
            // offboard (issue 17)
            new Setting("sukedachi.lifecycle.offboarding-grace-days", "7", "OffboardingSettings.offboardingGraceDays",
                    7, 30),
            new Setting("server.servlet.session.timeout", "2h", "SessionSettings.timeout", Duration.ofHours(2),
                    Duration.ofHours(8)),
            // campaign (issue 19): the window in which the same key at two companies is one campaign
            new Setting("sukedachi.campaign.window-days", "3", "CampaignSettings.windowDays", 3, 7),
            // cluster (issue 20): what this process is, and the Kafka runtime's event log
            new Setting("sukedachi.runtime", "kafka", "NodeSettings.runtime", NodeRuntime.KAFKA, NodeRuntime.EMBEDDED),
            new Setting("sukedachi.role", "worker", "NodeSettings.role", NodeRole.WORKER, NodeRole.ALL),
            new Setting("sukedachi.kafka.bootstrap-servers", "10.0.0.5:9093", "NodeSettings.kafka.bootstrapServers",
                    "10.0.0.5:9093", "127.0.0.1:9092"),
            new Setting("sukedachi.kafka.topic", "events-test", "NodeSettings.kafka.topic", "events-test", "events"),
            new Setting("sukedachi.kafka.partitions", "24", "NodeSettings.kafka.partitions", 24, 12),
            new Setting("sukedachi.kafka.replication-factor", "3", "NodeSettings.kafka.replicationFactor", 3, 1),
            new Setting("sukedachi.kafka.group", "workers-b", "NodeSettings.kafka.group", "workers-b",
                    "sukedachi-workers"),
            new Setting("sukedachi.kafka.ack-timeout-ms", "2500", "NodeSettings.kafka.ackTimeoutMs", 2500L, 10_000L),
            // control (issue 20): how often each instance looks for indicator and rule changes made on another
            new Setting("sukedachi.control.poll-ms", "700", "ControlSettings.pollMs", 700L, 3000L));

    /** Only what each test gives: a SUKEDACHI_* variable in the shell that runs the build must not count. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> {
                context.getEnvironment().getPropertySources()
                        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
                context.getEnvironment().getPropertySources()
                        .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
            })
            .withUserConfiguration(AllSettings.class);

    @Test
    void everySettingBindsFromItsDocumentedName() {
        Map<String, Object> properties = new LinkedHashMap<>();
        EVERY_SETTING.forEach(s -> properties.put(s.property(), s.value()));
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("settings", properties)))
                .run(context -> assertSettings(context, Setting::bound));
    }

    @Test
    void everySettingBindsFromItsEnvironmentVariable() {
        Map<String, Object> environment = new LinkedHashMap<>();
        EVERY_SETTING.forEach(s -> environment.put(
                s.property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), s.value()));
        // Spelled as README and application.yml give the ones they name; the source is read as Spring reads the
        // process environment (relaxed names) because its name ends in -systemEnvironment.
        assertThat(environment).containsKeys("SUKEDACHI_JOURNAL_MIN_FREE_MB", "SUKEDACHI_RECENT_MAX_MB");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(context -> assertSettings(context, Setting::bound));
    }

    @Test
    void anAbsentSettingTakesTheDocumentedDefault() {
        runner.run(context -> assertSettings(context, Setting::absent));
    }

    @Test
    void aSettingOutOfRangeStopsTheStartNamingIt() {
        for (String[] bad : new String[][] {{"sukedachi.syslog.port", "70000"}, {"sukedachi.recent.max-mb", "0"},
                {"sukedachi.campaign.window-days", "0"}, {"sukedachi.control.poll-ms", "0"},
                {"sukedachi.journal.min-free-mb", "-1"}, {"sukedachi.intel.max-feed-mb", "-5"},
                {"sukedachi.sigma.max-correlation-groups", "0"}, {"sukedachi.runtime.stall-seconds", "0"},
                {"sukedachi.demo-world.history-rate", "-1"}, {"server.servlet.session.timeout", "0s"},
                {"sukedachi.plan.tier2.per-device-yen", "-1"}, {"sukedachi.kafka.partitions", "0"},
                {"sukedachi.kafka.ack-timeout-ms", "0"}, {"sukedachi.kafka.topic", "events/all"},
                {"sukedachi.kafka.topic", "x".repeat(41)}}) {
            runner.withPropertyValues(bad[0] + "=" + bad[1]).run(context -> assertThat(context).getFailure()
                    .rootCause().hasMessageContaining(bad[0]));
        }
    }

    @Test
    void aRoleOrRuntimeThatDoesNotExistStopsTheStartNamingTheSettingAndTheAllowedValues() {
        runner.withPropertyValues("sukedachi.role=reciever").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("sukedachi.role must be one of all, receiver, worker, web")
                .hasMessageContaining("reciever"));
        runner.withPropertyValues("sukedachi.runtime=kafak").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("sukedachi.runtime must be one of embedded, kafka"));
    }

    @Test
    void aReceiverOrWorkerOnTheEmbeddedRuntimeStopsTheStartSayingWhy() {
        for (String role : List.of("receiver", "worker")) {
            runner.withPropertyValues("sukedachi.role=" + role).run(context -> assertThat(context).getFailure()
                    .rootCause().hasMessageContaining("sukedachi.role=" + role + " needs sukedachi.runtime=kafka"));
        }
        runner.withPropertyValues("sukedachi.role=web").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theRuntimeBindsBesideTheRuntimeWatchSettingsThatShareItsName() {
        runner.withPropertyValues("sukedachi.runtime=kafka", "sukedachi.runtime.stall-seconds=30")
                .run(context -> {
                    assertThat(read(context, "NodeSettings.runtime")).isEqualTo(NodeRuntime.KAFKA);
                    assertThat(read(context, "HealthSettings.stallSeconds")).isEqualTo(30L);
                });
    }

    private static void assertSettings(ApplicationContext context, Function<Setting, Object> expected)
            throws ReflectiveOperationException {
        for (Setting s : EVERY_SETTING) {
            assertThat(read(context, s.component())).as(s.property()).isEqualTo(expected.apply(s));
        }
    }

    /** {@code Record.component} of the one settings record with that simple name; {@code a.b.c} reads a nested one. */
    private static Object read(ApplicationContext context, String path) throws ReflectiveOperationException {
        String[] names = path.split("\\.");
        Object value = context.getBeansOfType(Record.class).values().stream()
                .filter(bean -> bean.getClass().getSimpleName().equals(names[0])).reduce((a, b) -> {
                    throw new AssertionError("two records named " + names[0]);
                }).orElseThrow(() -> new AssertionError("no settings record " + names[0]));
        for (int i = 1; i < names.length; i++) {
            RecordComponent component = component(value.getClass(), names[i]);
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
