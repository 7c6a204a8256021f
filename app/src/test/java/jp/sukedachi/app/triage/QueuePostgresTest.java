package jp.sukedachi.app.triage;

import jp.sukedachi.app.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The queue a person can empty, on PostgreSQL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class QueuePostgresTest extends QueueContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @Override
    FluentConfiguration freshDatabase() {
        TestDatabases.PostgresSchema fresh = TestDatabases.postgresSchema();
        return Flyway.configure().dataSource(fresh.url(), "", "").schemas(fresh.schema());
    }
}
