package jp.sukedachi.app.tenant;

import jp.sukedachi.app.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class TenantIsolationH2Test extends TenantIsolationContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
