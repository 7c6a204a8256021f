package jp.sukedachi.app.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.ingest.IngestService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The two device status pages on the demo world (thirty companies; たかはし製作所 with three devices): the SME home's
 * 「いまの状況」 tells the company's real devices and when each last sent, warns of a silent one and counts open
 * actions and blocked attacks; provider staff see every company's devices, silent first, with what was ingested.
 */
@SpringBootTest(properties = {"sukedachi.demo=true", "sukedachi.demo-world.traffic=false",
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false", "sukedachi.desk.phone=0120-000-123"})
@AutoConfigureMockMvc
class DeviceStatusPagesTest {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(Formats.TOKYO);
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("M/d HH:mm").withZone(Formats.TOKYO);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    TenantRepository tenants;
    @Autowired
    DeviceDirectory directory;
    @Autowired
    DeviceService deviceService;
    @Autowired
    IngestService ingest;
    @Autowired
    Triage triage;

    Login admin;

    @BeforeEach
    void setUp() {
        admin = world.admin();
    }

    private String page(Login who, String path, int status) throws Exception {
        var response = mvc.perform(get(path).with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(status);
        return response.getContentAsString();
    }

    private Tenant demo(String slug) {
        return tenants.findBySlug(admin.actor(), slug).orElseThrow();
    }

    /** The section between its start and the next section: what the owner reads under 「いまの状況」. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void theSmeHomeShowsTheDemoCompanysRealDevicesAndWhenEachLastSent() throws Exception {
        Tenant takahashi = demo("takahashi-seisakusho");
        List<Device> devices = directory.devicesOf(admin.actor(), takahashi.id());
        assertThat(devices).hasSize(3);
        Instant now = Instant.now();
        Instant fiveMinutesAgo = now.minus(Duration.ofMinutes(5));
        Instant twoHoursAgo = now.minus(Duration.ofHours(2));
        directory.touch(devices.get(0).id(), fiveMinutesAgo);
        directory.touch(devices.get(1).id(), twoHoursAgo);
        directory.touch(devices.get(2).id(), now.minus(Duration.ofSeconds(10)));
        // One attack blocked at the start of the month, one a minute ago; and one thing that needs action.
        LocalDate today = LocalDate.ofInstant(now, Formats.TOKYO);
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(Formats.TOKYO).toInstant();
        triage.keep(List.of(detection(takahashi, devices.get(0), monthStart.plusSeconds(60), Category.BLOCKED, "blocked-a"),
                detection(takahashi, devices.get(0), now.minusSeconds(60), Category.BLOCKED, "blocked-b"),
                detection(takahashi, devices.get(0), now.minusSeconds(60), Category.C2, "c2")), now);

        String html = page(world.smeUser(takahashi, Role.TENANT_OWNER), "/", 200);
        String status = section(html, "sme-status");
        for (Device d : devices) {
            assertThat(status).contains(d.name());
        }
        assertThat(status).contains("UTM（ネットワークの出入口の装置）")
                .contains("見守りに使っている機器は 3 台です。すべてから記録が届いています。")
                .contains("最後に記録が届いたのは 5分前（" + CLOCK.format(fiveMinutesAgo) + "）")
                .contains("最後に記録が届いたのは " + "2時間前（" + clock(twoHoursAgo, now) + "）")
                .contains("最後に記録が届いたのは たったいま（")
                .doesNotContain("何も届いていません")
                .doesNotContain("まだ見守りに使う機器が登録されていません");
        boolean firstOfMonth = today.getDayOfMonth() == 1;
        assertThat(status).contains("今月、貴社の UTM などの機器は 2 件の攻撃を止めました（今日は " + (firstOfMonth ? 2 : 1)
                + " 件）");
        assertThat(status).contains("対応が必要なお知らせが 1 件あります").contains("href=\"#sme-alerts\"");
        // Only the company's own: another demo company's devices are not listed.
        for (Device other : directory.devicesOf(admin.actor(), demo("sakura-seiki").id())) {
            assertThat(html).doesNotContain(other.name());
        }
    }

    @Test
    void aCompanyWithoutDevicesIsToldSoAndWhomToCall() throws Exception {
        Tenant fresh = world.tenant(admin.actor(), TestWorld.unique("Empty"));
        String status = section(page(world.smeUser(fresh, Role.TENANT_MEMBER), "/", 200), "sme-status");
        assertThat(status).contains("まだ見守りに使う機器が登録されていません")
                .contains("助太刀の担当者が行います").contains("0120-000-123")
                .contains("いま対応が必要なお知らせはありません")
                .contains("今月、貴社の UTM などの機器は 0 件の攻撃を止めました（今日は 0 件）")
                .doesNotContain("台です");
    }

    @Test
    void aDeviceThatNeverSentIsNotCountedAsSending() throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("New"));
        Device fresh = register(tenant, "新しいUTM", "utm", 60);
        Device fine = register(tenant, "事務所のパソコン", "endpoint", 60);
        directory.touch(fine.id(), Instant.now().minus(Duration.ofMinutes(5)));

        String status = section(page(world.smeUser(tenant, Role.TENANT_OWNER), "/", 200), "sme-status");
        assertThat(status).contains("見守りに使っている機器は 2 台です。")
                .contains("そのうち 1 台からは、まだ最初の記録が届いていません")
                .doesNotContain("すべてから記録が届いています");
        assertThat(item(status, fresh)).contains("新しいUTM").contains("まだ一度も記録が届いていません");
    }

    @Test
    void aDeviceSilentLongerThanItsIntervalGetsAPlainWarning() throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Silent"));
        Device quiet = register(tenant, "本社のUTM", "utm", 60);
        Device fine = register(tenant, "事務所のパソコン", "endpoint", 60);
        Instant now = Instant.now();
        Instant threeHoursAgo = now.minus(Duration.ofHours(3));
        directory.touch(quiet.id(), threeHoursAgo);
        directory.touch(fine.id(), now.minus(Duration.ofMinutes(30)));

        String status = section(page(world.smeUser(tenant, Role.TENANT_OWNER), "/", 200), "sme-status");
        assertThat(status).contains("そのうち 1 台から、しばらく記録が届いていません")
                .contains("3時間前（" + clock(threeHoursAgo, now) + "）から何も届いていません")
                .contains("相談窓口（0120-000-123）");
        // The warning stands under the silent device, not the one sending.
        assertThat(item(status, quiet)).contains("本社のUTM").contains("何も届いていません");
        assertThat(item(status, fine)).contains("事務所のパソコン").contains("30分前").doesNotContain("何も届いていません");
        // The silent one is listed first, although its name sorts after the other.
        assertThat(status.indexOf(quiet.id().toString())).isLessThan(status.indexOf(fine.id().toString()));
    }

    @Test
    void staffSeeEveryCompanysDevicesSilentFirstAndPaged() throws Exception {
        Tenant a = world.tenant(admin.actor(), TestWorld.unique("Quiet-A"));
        Tenant b = world.tenant(admin.actor(), TestWorld.unique("Quiet-B"));
        Device oneDay = register(a, "UTM-1day", "utm", 60);
        Device threeDays = register(b, "UTM-3days", "utm", 60);
        Instant now = Instant.now();
        directory.touch(oneDay.id(), now.minus(Duration.ofDays(1)));
        directory.touch(threeDays.id(), now.minus(Duration.ofDays(3)));

        Login analyst = world.staff(Role.ANALYST, true);
        String first = page(analyst, "/devices", 200);
        List<String> rows = rowStates(first);
        assertThat(rows).hasSize(DeviceOverviewController.PAGE_SIZE);
        // Silent first, the longest silent on top; everything after them sends.
        long silent = rows.stream().takeWhile("silent"::equals).count();
        assertThat(silent).isGreaterThanOrEqualTo(2);
        assertThat(rows.subList((int) silent, rows.size())).doesNotContain("silent");
        assertThat(first.indexOf("UTM-3days")).isLessThan(first.indexOf("UTM-1day")).isPositive();
        assertThat(first).contains("3日前（" + DAY_CLOCK.format(now.minus(Duration.ofDays(3))));
        // More than one page: the demo's thirty companies have more devices than one page holds.
        assertThat(first).contains("rel=\"next\"");
        String second = page(analyst, "/devices?page=1", 200);
        assertThat(rowStates(second)).isNotEmpty().doesNotContain("silent");
        // Filters: one state, one company.
        List<String> onlySilent = rowStates(page(analyst, "/devices?state=silent", 200));
        assertThat(onlySilent).hasSize((int) silent).containsOnly("silent");
        String onlyA = page(analyst, "/devices?company=" + a.id(), 200);
        assertThat(rowStates(onlyA)).hasSize(1);
        assertThat(onlyA).contains("UTM-1day").doesNotContain("UTM-3days");
        // Admins see the same; the navigation leads there.
        assertThat(page(admin, "/devices?state=silent", 200)).contains("UTM-3days");
        assertThat(page(analyst, "/", 200)).contains("href=\"/devices\"");
    }

    @Test
    void theStaffViewIsForProviderStaffOnly() throws Exception {
        Tenant takahashi = demo("takahashi-seisakusho");
        page(world.smeUser(takahashi, Role.TENANT_OWNER), "/devices", 403);
        page(world.smeUser(takahashi, Role.TENANT_MEMBER), "/devices", 403);
        page(world.staff(Role.RESPONDER, true), "/devices", 403);
        page(world.staff(Role.INSURER, true), "/devices", 403);
        assertThat(page(world.smeUser(takahashi, Role.TENANT_OWNER), "/", 200)).doesNotContain("href=\"/devices\"");
    }

    @Test
    void anUnknownCompanyOrStateInTheFilterIsNotFoundRatherThanEveryCompany() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        page(analyst, "/devices?company=" + java.util.UUID.randomUUID(), 404);
        page(analyst, "/devices?company=not-an-id", 404);
        page(analyst, "/devices?state=bogus", 404);
        page(analyst, "/devices?company=&state=", 200);
    }

    @Test
    void theStaffViewShowsLastSeenAndQuarantineCountsAsIngested() throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Ingested"));
        Device sensor = register(tenant, "IDS-ingested", "ids-sensor", 60);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":" + i + ",\"event_type\":\"flow\","
                    + "\"src_ip\":\"10.77.1.9\",\"src_port\":50000,\"dest_ip\":\"198.51.100.21\",\"dest_port\":443,"
                    + "\"proto\":\"TCP\"}");
        }
        lines.add("this is not JSON");
        lines.add("{\"broken\":");
        var result = ingest.ingest(sensor, lines.iterator(), null);
        assertThat(result.accepted()).isEqualTo(5);
        assertThat(result.quarantined()).isEqualTo(2);
        Instant lastSeen = directory.devicesOf(admin.actor(), tenant.id()).getFirst().lastSeenAt();
        assertThat(lastSeen).isNotNull();

        Login analyst = world.staff(Role.ANALYST, true);
        String path = "/devices?company=" + tenant.id();
        String html = page(analyst, path, 200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cell(html, "device-events-today").equals("5") && System.nanoTime() < deadline) {
            Thread.sleep(200); // parsed events are counted when the pipeline consumes them
            html = page(analyst, path, 200);
        }
        assertThat(cell(html, "device-events-today")).isEqualTo("5");
        assertThat(cell(html, "device-quarantined-today")).isEqualTo("2");
        assertThat(html).contains("IDS-ingested").contains("href=\"/devices/" + sensor.id() + "\"")
                .contains("（" + CLOCK.format(lastSeen) + "）").contains("title=\"" + new Formats().dateTime(lastSeen) + "\"")
                .contains("data-state=\"sending\"");
    }

    private Device register(Tenant tenant, String name, String kind, int intervalMinutes) {
        return deviceService.register(admin.actor(), tenant.id(), new DeviceDraft(name, kind,
                "ids-sensor".equals(kind) ? "suricata-eve" : "auto", List.of(), intervalMinutes)).device();
    }

    private static Detection detection(Tenant tenant, Device device, Instant at, Category category, String rule) {
        return new Detection(new TenantId(tenant.id()), new DeviceId(device.id()), at.toEpochMilli(), "sensor",
                "test:" + rule, "test " + rule, Severity.MEDIUM, category, null, Map.of());
    }

    /** The clock time as the page writes it: the time alone today, with the date before. */
    private static String clock(Instant then, Instant now) {
        return LocalDate.ofInstant(then, Formats.TOKYO).equals(LocalDate.ofInstant(now, Formats.TOKYO))
                ? CLOCK.format(then) : DAY_CLOCK.format(then);
    }

    /** The list item of one device. */
    private static String item(String html, Device device) {
        int start = html.indexOf("data-device=\"" + device.id() + "\"");
        assertThat(start).as(device.name()).isPositive();
        return html.substring(start, html.indexOf("</li>", start));
    }

    private static List<String> rowStates(String html) {
        List<String> states = new ArrayList<>();
        Matcher m = Pattern.compile("<tr data-device=\"[^\"]+\" data-state=\"([a-z]+)\"").matcher(html);
        while (m.find()) {
            states.add(m.group(1));
        }
        return states;
    }

    private static String cell(String html, String cssClass) {
        Matcher m = Pattern.compile("class=\"num " + cssClass + "\">([0-9,]+)<").matcher(html);
        return m.find() ? m.group(1) : "";
    }
}
