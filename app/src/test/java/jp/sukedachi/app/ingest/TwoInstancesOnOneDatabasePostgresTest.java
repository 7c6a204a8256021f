package jp.sukedachi.app.ingest;

import java.time.Duration;
import java.util.List;
import jp.sukedachi.app.support.TestDatabases;
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
}
