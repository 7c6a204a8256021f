package jp.sukedachi.app.desk;

import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ticket lifecycle on PostgreSQL (a fresh schema). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class TicketLifecyclePostgresTest extends TicketLifecycleContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
