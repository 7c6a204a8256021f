package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * /admin/desk through the real filter chain: the admin edits, the analyst reads, bad input comes back 400 with the
 * field's message and stores nothing, every save is audited; and the SME's pages show the saved desk under "whom to
 * call" — never a label with nothing after it, also when the provider gave no phone.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
@AutoConfigureMockMvc
class DeskSettingsWebTest {
    /** A label followed by nothing: "電話: </p>", "受付時間：<span></span>", "Phone: <a …></a>". */
    static final Pattern EMPTY_LABEL = Pattern.compile("[:：]\\s*(</(p|dd|li|div)>|<(a|span)[^>]*>\\s*</(a|span)>)");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeskSettingsStore store;
    @Autowired
    AuditRepository audit;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;

    Login admin;

    @BeforeEach
    void nothingSaved() {
        jdbc.sql("delete from desk_setting").update();
        store.reload();
        admin = world.admin();
    }

    MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request, int status) throws Exception {
        var response = mvc.perform(request.with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response;
    }

    String page(Login who, String url) throws Exception {
        return call(who, get(url), 200).getContentAsString();
    }

    /** The form as the defaults fill it, with {@code changes} applied ("" removes a parameter). */
    static MockHttpServletRequestBuilder form(Map<String, String> changes) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("phone", "050-0000-0000",
                "email", "desk@demo.sukedachi.jp", "hours", "平日 9:00〜17:00", "opening", "09:00", "closing", "17:00",
                "closedDays", "12-29..01-03"));
        for (String p : List.of("Critical", "High", "Medium", "Low")) {
            fields.put("firstResponse" + p, String.valueOf(DeskSettings.FIRST_RESPONSE.get(TicketPriority.valueOf(p.toUpperCase()))));
            fields.put("resolution" + p, String.valueOf(DeskSettings.RESOLUTION.get(TicketPriority.valueOf(p.toUpperCase()))));
        }
        fields.putAll(changes);
        MockHttpServletRequestBuilder b = post("/admin/desk").with(csrf());
        fields.forEach((k, v) -> {
            if (!v.isEmpty() || k.equals("phone") || k.equals("email") || k.equals("hours")) {
                b.param(k, v);
            }
        });
        for (String d : List.of("MON", "TUE", "WED", "THU", "FRI")) {
            b.param("weekdays", d);
        }
        return b;
    }

    @Test
    void theAdminEditsTheDeskAndTheNextTicketUsesIt() throws Exception {
        String shown = page(admin, "/admin/desk");
        assertThat(shown).contains("相談窓口の設定").contains("value=\"09:00\"").contains("value=\"17:00\"")
                .contains(">12-29..01-03</textarea>").contains("id=\"desk-save\"")
                .contains("緊急 1・高 4・中 8・低 16 時間").contains("緊急 8・高 16・中 40・低 80 時間");
        assertThat(page(admin, "/tenants")).contains("href=\"/admin/desk\"");

        var saved = call(admin, form(Map.of("opening", "10:00", "firstResponseHigh", "2")), 302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/admin/desk?saved");
        assertThat(page(admin, "/admin/desk?saved")).contains("保存しました").contains("value=\"10:00\"")
                .contains("050-0000-0000");
        assertThat(store.rules().firstResponseHours(TicketPriority.HIGH)).isEqualTo(2);
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter(AuditAction.DESK_SETTINGS_SAVED.name(),
                admin.user().login(), null, null, null))).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("opening", "firstResponse.HIGH", "phone"));
        assertThat(page(admin, "/audit?lang=ja")).contains("相談窓口の設定の変更");
    }

    @Test
    void analystsReadTheSettingsButCannotChangeThem() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        String shown = page(analyst, "/admin/desk");
        assertThat(shown).contains("見ることだけができます").contains("disabled").doesNotContain("id=\"desk-save\"");
        assertThat(page(analyst, "/tenants")).contains("href=\"/admin/desk\"");
        call(analyst, form(Map.of("phone", "03-1111-2222")), 403);
        assertThat(jdbc.sql("select count(*) from desk_setting").query(Long.class).single()).isZero();

        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Desk"));
        call(world.smeUser(tenant, Role.TENANT_OWNER), get("/admin/desk"), 403);
        call(world.staff(Role.RESPONDER, true), get("/admin/desk"), 403);
    }

    @Test
    void badInputIsRefusedWith400NamingEachFieldAndNothingIsStored() throws Exception {
        String refused = call(admin, form(Map.of("opening", "18:00", "closing", "09:00")), 400).getContentAsString();
        assertThat(refused).contains("終了時刻は開始時刻より後にしてください").contains("value=\"18:00\"");

        refused = call(admin, form(Map.of("firstResponseHigh", "0", "resolutionLow", "501",
                "phone", "call us", "email", "not-an-address")), 400).getContentAsString();
        assertThat(refused).contains("050-0000-0000 のように").contains("メールアドレスの形式")
                .contains("1〜500 の整数（営業時間）で入力してください").contains("value=\"call us\"");
        assertThat(refused.split("1〜500 の整数", -1)).as("both targets named").hasSize(3);

        refused = call(admin, form(Map.of("firstResponseLow", "abc")), 400).getContentAsString();
        assertThat(refused).contains("形式が正しくありません");

        refused = call(admin, form(Map.of("closedDays", "12-29..01-03\n2026-13-01")), 400).getContentAsString();
        assertThat(refused).contains("「2026-13-01」は日付として読めません");

        refused = call(admin, form(Map.of("hours", "長".repeat(201))), 400).getContentAsString();
        assertThat(refused).contains("受付時間の文は200文字以内で入力してください");

        MockHttpServletRequestBuilder noWeekdays = post("/admin/desk").with(csrf()).param("phone", "")
                .param("email", "").param("hours", "").param("opening", "09:00").param("closing", "17:00")
                .param("closedDays", "");
        for (String f : List.of("firstResponseCritical", "firstResponseHigh", "firstResponseMedium", "firstResponseLow",
                "resolutionCritical", "resolutionHigh", "resolutionMedium", "resolutionLow")) {
            noWeekdays.param(f, "8");
        }
        assertThat(call(admin, noWeekdays, 400).getContentAsString()).contains("受け付ける曜日を1つ以上選んでください");

        assertThat(jdbc.sql("select count(*) from desk_setting").query(Long.class).single()).isZero();
    }

    @Test
    void theSmePagesShowTheSavedDeskAndNeverAnEmptyLabel() throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Contact"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Alert alert = c2Alert(tenant);
        List<String> urls = List.of("/", "/my/alerts", "/my/alerts/" + alert.id(), "/my/alerts/" + alert.id() + "?lang=en");

        // Nothing configured: a sentence says how to reach the desk.
        for (String url : urls) {
            String html = page(owner, url);
            assertThat(contacts(html)).as(url).isNotEmpty().allSatisfy(c -> assertThat(c)
                    .containsAnyOf("ご契約時にお伝えした電話番号", "given with your contract")
                    .doesNotContain("tel:"));
            assertNoEmptyLabel(url, html);
        }

        call(admin, form(Map.of()), 302);
        for (String url : urls) {
            String html = page(owner, url);
            assertThat(contacts(html)).as(url).isNotEmpty().allSatisfy(c -> assertThat(c)
                    .contains("<a href=\"tel:05000000000\">050-0000-0000</a>")
                    .contains("mailto:desk@demo.sukedachi.jp").contains("平日 9:00〜17:00")
                    .doesNotContain("ご契約時にお伝えした電話番号"));
            assertNoEmptyLabel(url, html);
        }

        // An e-mail but no phone: the e-mail and the hours, no phone label.
        call(admin, form(Map.of("phone", "")), 302);
        for (String url : urls) {
            String html = page(owner, url);
            assertThat(contacts(html)).as(url).isNotEmpty().allSatisfy(c -> assertThat(c)
                    .contains("desk@demo.sukedachi.jp").doesNotContain("tel:").doesNotContain("電話</span>"));
            assertNoEmptyLabel(url, html);
        }
        // No device yet and no phone: the home asks them to get in touch and shows the desk's e-mail.
        assertThat(page(owner, "/")).contains("ご契約時の窓口にご連絡ください").doesNotContain("相談窓口（）");
    }

    private Alert c2Alert(Tenant tenant) {
        long at = System.currentTimeMillis();
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("flow pc-desk")
                .set(Ecs.HOST_NAME, "pc-desk").set(Ecs.SOURCE_IP, "192.168.1.23")
                .set(Ecs.DESTINATION_IP, "203.0.113.66").build();
        triage.apply(List.of(new Detection(e.tenant(), e.device(), at, "intel", "ipv4:203.0.113.66",
                "Connection to known botnet C2 203.0.113.66", Severity.HIGH, Category.C2, e,
                Map.of("field", Ecs.DESTINATION_IP))));
        return alerts.findByTenant(admin.actor(), tenant.id(), null, null, 10).getFirst();
    }

    /** Every rendering of the desk's contact on a page. */
    static List<String> contacts(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"desk-contact\">(.*?)</div>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static void assertNoEmptyLabel(String url, String page) {
        String html = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        Matcher m = EMPTY_LABEL.matcher(html);
        List<String> empty = new ArrayList<>();
        while (m.find()) {
            empty.add(html.substring(Math.max(0, m.start() - 80), m.end()));
        }
        assertThat(empty).as(url + " has a label with nothing after it").isEmpty();
    }
}
