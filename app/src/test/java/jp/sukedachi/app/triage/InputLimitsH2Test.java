package jp.sukedachi.app.triage;

import java.time.Instant;
import java.time.ZoneOffset;
import jp.sukedachi.app.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class InputLimitsH2Test extends InputLimitsContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    /** H2 holds the very instant the issue posted. */
    @Override
    void storeSuppressionUntilTheEndOfTime(String reason) {
        insertSuppression(reason, ":exp", Instant.parse("+999999999-12-31T23:59:59Z").atOffset(ZoneOffset.UTC));
    }
}
