package jp.sukedachi.app.triage;

import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class InputLimitsPostgresTest extends InputLimitsContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    /** PostgreSQL ends at year 294276; its latest expiry is 'infinity' (read back as OffsetDateTime.MAX). */
    @Override
    void storeSuppressionUntilTheEndOfTime(String reason) {
        insertSuppression(reason, "'infinity'", null);
    }
}
