package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import jp.sukedachi.app.config.ChangeVersions;
import jp.sukedachi.app.intel.IntelService;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.match.IntelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two instances on one PostgreSQL schema. The version poll is set far slower than the changes must arrive, so a
 * change that reaches the other instance in time came by the database's notification (LISTEN/NOTIFY).
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class TwoInstancesOnOneDatabasePostgresTest extends TwoInstancesOnOneDatabaseContract {
    private final TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();

    @Override
    List<String> databaseArgs() {
        return schema.serverArgs();
    }

    @Override
    long pollMs() {
        return 20_000;
    }

    @Override
    Duration changeReachesTheOtherWithin() {
        return Duration.ofMillis(1500);
    }

    /**
     * The listening connections cut (as a database restart cuts them) lose the notification of a change made
     * meanwhile: the other instance still rebuilds, after the poll interval, and listens again.
     */
    @Test
    void anIndicatorImportedWhileTheOtherInstanceWasNotListeningIsMatchedAfterThePollInterval() throws Exception {
        try (Connection db = DriverManager.getConnection(schema.url());
                ResultSet rs = db.createStatement().executeQuery("select count(pg_terminate_backend(pid)) from "
                        + "pg_stat_activity where application_name = '" + ChangeVersions.LISTENER_NAME + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("both instances were listening").isGreaterThanOrEqualTo(2);
        }
        String c2 = "198.51.100.250";
        SecurityEvent toC2 = SecurityEvent.builder("suricata-eve").tenant(new TenantId(new java.util.UUID(7, 7)))
                .timestamp(System.currentTimeMillis()).received(0).set(Ecs.SOURCE_IP, "10.7.0.7")
                .set(Ecs.DESTINATION_IP, c2).set(Ecs.DESTINATION_PORT, "443").build();
        a.getBean(IntelService.class).importFeed(admin, "once-lost", "list", new StringReader(c2 + "\n"), null);
        long changed = System.nanoTime();
        long deadline = changed + Duration.ofMillis(pollMs() + 10_000).toNanos();
        while (b.getBean(IntelStore.class).matcher().match(toC2, java.time.Instant.now()).isEmpty()) {
            assertThat(System.nanoTime()).as("B rebuilt within the poll interval").isLessThan(deadline);
            Thread.sleep(100);
        }
        System.out.printf("a change whose notification was lost reached the other instance after %d ms%n",
                (System.nanoTime() - changed) / 1_000_000);
    }
}
