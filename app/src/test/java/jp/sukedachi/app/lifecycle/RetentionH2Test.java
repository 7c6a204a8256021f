package jp.sukedachi.app.lifecycle;

import jp.sukedachi.app.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RetentionH2Test extends RetentionContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
