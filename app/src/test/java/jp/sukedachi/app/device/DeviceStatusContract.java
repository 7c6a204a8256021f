package jp.sukedachi.app.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.ingest.IngestService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.CompanyAttention;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queries behind the device status pages on a real database (H2 and PostgreSQL, see the subclasses): the
 * all-company view's silent-first ranking, state counts, filters and paging in SQL; the per-device sums of today;
 * the SME home's open actions and blocked counts. Each within the actor's scope.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
abstract class DeviceStatusContract {
    @Autowired
    DeviceRepository devices;
    @Autowired
    DeviceService service;
    @Autowired
    DeviceTraffic traffic;
    @Autowired
    IngestService ingest;
    @Autowired
    CompanyAttention attention;
    @Autowired
    Triage triage;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;

    private Device register(Actor admin, Tenant tenant, String name, int intervalMinutes) {
        return service.register(admin, tenant.id(), new DeviceDraft(name, "ids-sensor", "suricata-eve", List.of(),
                intervalMinutes)).device();
    }

    @Test
    void theOverviewRanksSilentFirstTheLongestSilentOnTopAndPagesInSql() {
        Actor admin = world.admin().actor();
        Tenant tenant = world.tenant(admin, TestWorld.unique("Overview"));
        Instant now = Instant.now();
        Device sending = register(admin, tenant, "a-sending", 60);
        Device silentHour = register(admin, tenant, "b-silent-2h", 60);
        Device silentDay = register(admin, tenant, "c-silent-1d", 60);
        Device patient = register(admin, tenant, "d-quiet-but-patient", 24 * 60); // 2 h quiet is normal for it
        Device off = register(admin, tenant, "e-disabled", 60);
        devices.touch(sending.id(), now.minus(Duration.ofMinutes(10)));
        devices.touch(silentHour.id(), now.minus(Duration.ofHours(2)));
        devices.touch(silentDay.id(), now.minus(Duration.ofDays(1)));
        devices.touch(patient.id(), now.minus(Duration.ofHours(2)));
        devices.touch(off.id(), now.minus(Duration.ofDays(5)));
        jdbc.sql("update device set disabled = true where id = :id").param("id", off.id()).update();

        List<DeviceRepository.Ranked> all = devices.overview(admin, tenant.id(), null, now, 0, 50);
        assertThat(all).extracting(r -> r.device().name())
                .containsExactly("c-silent-1d", "b-silent-2h", "d-quiet-but-patient", "a-sending", "e-disabled");
        assertThat(all).extracting(DeviceRepository.Ranked::state).containsExactly(DeviceState.SILENT,
                DeviceState.SILENT, DeviceState.SENDING, DeviceState.SENDING, DeviceState.DISABLED);
        // The SQL rule and the Java rule (the watch's) agree on every device.
        for (DeviceRepository.Ranked r : all) {
            assertThat(r.device().silentAt(now)).as(r.device().name()).isEqualTo(r.state() == DeviceState.SILENT);
        }
        assertThat(devices.stateCounts(admin, tenant.id(), now)).isEqualTo(Map.of(DeviceState.SILENT, 2L,
                DeviceState.SENDING, 2L, DeviceState.DISABLED, 1L));
        assertThat(devices.overview(admin, tenant.id(), DeviceState.SENDING, now, 0, 50))
                .extracting(r -> r.device().name()).containsExactly("d-quiet-but-patient", "a-sending");
        assertThat(devices.overview(admin, tenant.id(), null, now, 2, 2))
                .extracting(r -> r.device().name()).containsExactly("d-quiet-but-patient", "a-sending");

        // Scope: the company's own owner sees its devices; another company's owner, a responder see none.
        Actor owner = world.smeUser(tenant, Role.TENANT_OWNER).actor();
        assertThat(devices.overview(owner, null, null, now, 0, 50)).hasSize(5);
        Actor stranger = world.smeUser(world.tenant(admin, TestWorld.unique("Other")), Role.TENANT_OWNER).actor();
        assertThat(devices.overview(stranger, tenant.id(), null, now, 0, 50)).isEmpty();
        assertThat(devices.stateCounts(stranger, tenant.id(), now).values()).containsOnly(0L);
        assertThat(devices.overview(world.staff(Role.RESPONDER, true).actor(), null, null, now, 0, 50)).isEmpty();
    }

    @Test
    void todaysSumsCountWhatWasQuarantinedPerDeviceWithinTheScope() throws Exception {
        Actor admin = world.admin().actor();
        Tenant tenant = world.tenant(admin, TestWorld.unique("Sums"));
        Device sensor = register(admin, tenant, "sums-sensor", 60);
        Device idle = register(admin, tenant, "idle-sensor", 60);
        assertThat(ingest.ingest(sensor, List.of("not json", "{\"x\":", "still not json").iterator(), null)
                .quarantined()).isEqualTo(3);

        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        assertThat(traffic.since(admin, List.of(sensor.id(), idle.id()), hourAgo))
                .isEqualTo(Map.of(sensor.id(), new DeviceTraffic.Since(0, 3)));
        assertThat(traffic.since(admin, List.of(sensor.id()), Instant.now().plus(Duration.ofHours(2)))).isEmpty();
        assertThat(traffic.since(admin, List.of(), hourAgo)).isEmpty();
        Actor stranger = world.smeUser(world.tenant(admin, TestWorld.unique("Other")), Role.TENANT_OWNER).actor();
        assertThat(traffic.since(stranger, List.of(sensor.id()), hourAgo)).isEmpty();
    }

    @Test
    void openActionsLeaveOutBlockedAttacksAndBlockedAreCountedPerPeriod() {
        Actor admin = world.admin().actor();
        Tenant tenant = world.tenant(admin, TestWorld.unique("Attention"));
        Device utm = register(admin, tenant, "attention-utm", 60);
        Instant now = Instant.now();
        Instant monthStart = now.minus(Duration.ofDays(10));
        Instant todayStart = now.minus(Duration.ofHours(1));
        triage.keep(List.of(detection(tenant, utm, now.minus(Duration.ofDays(20)), Category.BLOCKED, "old"),
                detection(tenant, utm, now.minus(Duration.ofDays(5)), Category.BLOCKED, "month"),
                detection(tenant, utm, now.minus(Duration.ofMinutes(5)), Category.BLOCKED, "today"),
                detection(tenant, utm, now.minus(Duration.ofMinutes(5)), Category.BLOCKED, "today"),
                detection(tenant, utm, now.minus(Duration.ofMinutes(5)), Category.C2, "c2"),
                detection(tenant, utm, now.minus(Duration.ofMinutes(5)), Category.PHISHING, "phish")), now);

        assertThat(attention.blocked(admin, tenant.id(), todayStart, monthStart))
                .isEqualTo(new CompanyAttention.Blocked(2, 3));
        assertThat(attention.openActions(admin, tenant.id())).isEqualTo(2);
        Actor owner = world.smeUser(tenant, Role.TENANT_OWNER).actor();
        assertThat(attention.openActions(owner, tenant.id())).isEqualTo(2);
        Actor stranger = world.smeUser(world.tenant(admin, TestWorld.unique("Other")), Role.TENANT_OWNER).actor();
        assertThat(attention.openActions(stranger, tenant.id())).isZero();
        assertThat(attention.blocked(stranger, tenant.id(), todayStart, monthStart))
                .isEqualTo(new CompanyAttention.Blocked(0, 0));
    }

    private static Detection detection(Tenant tenant, Device device, Instant at, Category category, String rule) {
        return new Detection(new TenantId(tenant.id()), new DeviceId(device.id()), at.toEpochMilli(), "sensor",
                "contract:" + rule, "contract " + rule, Severity.MEDIUM, category, null, Map.of());
    }
}
