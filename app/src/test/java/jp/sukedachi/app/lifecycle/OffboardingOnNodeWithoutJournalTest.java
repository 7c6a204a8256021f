package jp.sukedachi.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The offboarding job on a process whose event log is not an embedded journal (here role web, which has none; the
 * Kafka runtime's pipeline is the other): it erases nothing in place and still deletes the company.
 */
@SpringBootTest(properties = {"sukedachi.role=web", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.lifecycle.offboarding-check-initial-ms=3600000000"})
@Import(OffboardingContract.Clocks.class)
class OffboardingOnNodeWithoutJournalTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    TestWorld world;
    @Autowired
    MutableClock clock;
    @Autowired
    Offboardings offboardings;
    @Autowired
    EventPipeline pipeline;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCompanyIsDeletedAfterTheGracePeriodOnAProcessWithoutAnEmbeddedJournal() {
        assertThat(pipeline).isNotInstanceOf(EmbeddedPipeline.class);
        Login admin = world.admin();
        Tenant gone = world.tenant(admin.actor(), "Leaving Works");
        Tenant stays = world.tenant(admin.actor(), "Staying Works");
        Offboarding started = offboardings.start(admin.actor(), gone, "contract ended", "president by phone");

        clock.advance(Duration.ofDays(offboardings.graceDays()).plusMinutes(1));
        assertThat(offboardings.runDue()).isEqualTo(1);

        assertThat(tenantRows(gone)).as("the company's row").isZero();
        assertThat(tenantRows(stays)).as("the other company").isEqualTo(1);
        assertThat(jdbc.sql("select status from offboarding where id = :id").param("id", started.id()).query(String.class)
                .single()).isEqualTo("COMPLETED");
    }

    private long tenantRows(Tenant t) {
        return jdbc.sql("select count(*) from tenant where id = :id").param("id", t.id()).query(Long.class).single();
    }
}
