package jp.sukedachi.app.triage;

import java.util.List;
import jp.sukedachi.app.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The funnel's counters on PostgreSQL (a fresh schema kept across the restart). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class FunnelCountsPostgresTest extends FunnelCountsContract {
    private final TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();

    @Override
    List<String> databaseArgs() {
        return schema.serverArgs();
    }

    @Override
    FluentConfiguration freshDatabase() {
        TestDatabases.PostgresSchema fresh = TestDatabases.postgresSchema();
        return Flyway.configure().dataSource(fresh.url(), "", "").schemas(fresh.schema());
    }
}
