package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** `./sukedachi import`: plain, gzip and pretty-printed JSON files, each counted, bad records quarantined. */
@SpringBootTest(properties = {"sukedachi.command=import", "sukedachi.import.exit=false",
        "spring.main.web-application-type=none", "sukedachi.syslog.enabled=false"})
class ImportCommandTest {
    static final Path DATASETS = Path.of(System.getProperty("sukedachi.repo.root", "..")).resolve("../shared/datasets")
            .normalize();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    ImportCommand command;
    @Autowired
    TestWorld world;
    @Autowired
    DeviceService devices;

    @Test
    void importsPlainGzipAndPrettyJsonFiles() throws Exception {
        var admin = world.admin();
        var tenant = world.tenant(admin.actor(), TestWorld.unique("Import"));
        var device = devices.register(admin.actor(), tenant.id(), new DeviceDraft("import", "shipper", "auto", List.of()))
                .device();

        Path eve = DATASETS.resolve("suricata-verify-eve/dnp3.eve.json");
        Map<String, Object> plain = command.importFile(device, eve);
        assertThat(plain).containsEntry("format", "suricata-eve").containsEntry("quarantined", 0)
                .containsEntry("events", (int) Files.readAllLines(eve).stream().filter(l -> !l.isBlank()).count());

        Path gz;
        try (var files = Files.list(DATASETS.resolve("brimdata-zeek-wrccdc/zeek-json"))) {
            gz = files.filter(f -> f.toString().endsWith(".gz")).sorted().findFirst().orElseThrow();
        }
        Map<String, Object> gzipped = command.importFile(device, gz);
        assertThat(gzipped).containsEntry("format", "zeek").containsEntry("quarantined", 0);
        assertThat((Integer) gzipped.get("events")).isPositive();

        // Sigma's regression events are pretty-printed JSON documents spanning many lines.
        Path pretty;
        try (var files = Files.walk(DATASETS.resolve("sigmahq-sigma/regression_data"))) {
            pretty = files.filter(f -> f.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        Map<String, Object> windows = command.importFile(device, pretty);
        assertThat(windows).containsEntry("format", "windows").containsEntry("quarantined", 0);
        assertThat((Integer) windows.get("events")).isPositive();

        Path junk = Files.createTempFile("junk", ".log");
        Files.writeString(junk, "\u0000\u0001 binary junk\nnot a log line at all {\n");
        Map<String, Object> bad = command.importFile(device, junk);
        assertThat(bad.get("events")).isEqualTo(0);
        assertThat((Integer) bad.get("quarantined")).isPositive();
    }
}
