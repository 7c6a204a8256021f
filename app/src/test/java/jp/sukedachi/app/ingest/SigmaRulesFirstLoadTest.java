package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer's first batch waits for the Sigma rules' first load: the rules load in the background once the
 * application is ready, and a batch handled before would never get its Sigma detection (its position is stored).
 * The load is held back here (the loader cannot enter {@link SigmaRules#loadNow()} while this test holds it).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@Import(SigmaRulesFirstLoadTest.HoldTheLoad.class)
class SigmaRulesFirstLoadTest {
    private static final String RULE_ID = "e28a5a99-da44-436d-b7a0-2afc20a5f413";
    private static final CountDownLatch release = new CountDownLatch(1);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        try {
            Path dir = Files.createTempDirectory("sigma-first-load");
            Path folder = Files.createDirectories(dir.resolve("windows/process_creation"));
            Files.writeString(folder.resolve("whoami.yml"), SigmaPipelineTest.RULE);
            registry.add("sukedachi.sigma.rules-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the rules' lock before the background loader starts (this listener runs first) and holds it. */
    @TestConfiguration
    static class HoldTheLoad {
        @EventListener(ApplicationReadyEvent.class)
        @Order(Ordered.HIGHEST_PRECEDENCE)
        public void hold(ApplicationReadyEvent event) throws InterruptedException {
            SigmaRules rules = event.getApplicationContext().getBean(SigmaRules.class);
            CountDownLatch held = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                synchronized (rules) {
                    held.countDown();
                    try {
                        release.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "hold-sigma-load");
            t.setDaemon(true);
            t.start();
            held.await();
        }
    }

    @Autowired
    PipelineStages stages;
    @Autowired
    SigmaRules sigma;
    @Autowired
    TestWorld world;
    @Autowired
    AlertQueries alerts;

    @AfterEach
    void letTheLoadGo() {
        release.countDown();
    }

    @Test
    void aBatchHandedOverBeforeTheRulesAreLoadedIsStillMatchedBySigma() throws Exception {
        var admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("FirstLoad"));
        SecurityEvent whoami = SecurityEvent.builder("windows").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new UUID(7, 10))).timestamp(1_780_000_000_000L).received(0).raw("{}")
                .original("EventID", "1").original("Channel", "Microsoft-Windows-Sysmon/Operational")
                .original("Image", "C:\\Windows\\System32\\whoami.exe").build();
        assertThat(sigma.awaitFirstLoad(java.time.Duration.ZERO)).as("the rules are still held back").isFalse();

        // The way a runtime hands a stream over (a Kafka partition assigned while the rules load).
        String stream = "kafka:first-load:0";
        CompletableFuture<Boolean> handled = CompletableFuture.supplyAsync(() -> {
            try {
                stages.streams().open(stream);
                return stages.streams().handle(stream, List.of(whoami), 0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_000);
        assertThat(handled).as("the batch waits for the rules").isNotDone();
        release.countDown();

        assertThat(handled.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(alerts.detectionsOf(admin.actor(), tenant.id(), 100))
                .anySatisfy(d -> assertThat(d.toString()).contains("sigma", RULE_ID));
    }
}
