package jp.sukedachi.app.triage;

import jp.sukedachi.app.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class AlertCommentVisibilityPostgresTest extends AlertCommentVisibilityContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @Override
    FluentConfiguration freshDatabase() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
        return Flyway.configure().dataSource(schema.url(), "", "").schemas(schema.schema());
    }
}
