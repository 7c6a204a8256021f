package jp.sukedachi.app.ingest;

import java.util.List;
import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The restart on PostgreSQL (a fresh schema kept across the restart). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class DetectorStateRestartPostgresTest extends DetectorStateRestartContract {
    private final TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();

    @Override
    List<String> databaseArgs() {
        return schema.serverArgs();
    }
}
