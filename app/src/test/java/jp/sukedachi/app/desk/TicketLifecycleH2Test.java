package jp.sukedachi.app.desk;

import jp.sukedachi.app.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ticket lifecycle on the embedded default, H2. */
class TicketLifecycleH2Test extends TicketLifecycleContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
