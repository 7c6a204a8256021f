package jp.sukedachi.app.incident;

import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The incident lifecycle on PostgreSQL (a fresh schema). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class IncidentLifecyclePostgresTest extends IncidentLifecycleContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
