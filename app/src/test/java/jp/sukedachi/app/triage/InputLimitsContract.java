package jp.sukedachi.app.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.intel.IndicatorRepository;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.sigma.SigmaRuleRepository;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.tenant.UserService;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Bad input is refused, named and not stored (issue 12, items 16, 18, 19, 21): the JSON API over a real HTTP
 * server with an API key, the staff and company forms through the real filter chain (CSRF, sessions). Each
 * refusal is a 4xx that names the field and the limit; the database is then checked to hold nothing of it.
 * Runs on H2 and on PostgreSQL, whose column and timestamp limits differ from Java's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
abstract class InputLimitsContract {
    private static final String C2 = "203.0.113.66";
    static final Path SIGMA_DIR;

    static {
        try {
            // A rules folder with one subfolder: switches by folder may name it, nothing outside.
            SIGMA_DIR = Files.createTempDirectory("sigma-rules");
            Files.createDirectories(SIGMA_DIR.resolve("windows/process_creation"));
            SIGMA_DIR.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void sigmaRules(DynamicPropertyRegistry registry) {
        registry.add("sukedachi.sigma.rules-dir", SIGMA_DIR::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    ObjectMapper json;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    AuditRepository audit;
    @Autowired
    UserRepository users;
    @Autowired
    UserService userService;
    @Autowired
    IndicatorRepository indicators;
    @Autowired
    SigmaRuleRepository sigma;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    Login admin;
    String key;
    Tenant tenant;
    Alert alert;

    @BeforeEach
    void world() {
        admin = world.admin();
        key = apiKeys.create(admin.actor(), "inputs-test").secret();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Inputs"));
        alert = alertOf(tenant);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** What the intel matcher emits when a host of the tenant talks to a known C2 server. */
    static Detection c2(Tenant t, String host, long at) {
        SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(t.id()))
                .device(new DeviceId(new UUID(1, 1))).timestamp(at).received(at).raw("flow " + host + " → " + C2)
                .set(Ecs.HOST_NAME, host).set(Ecs.SOURCE_IP, officeAddress(host)).set(Ecs.DESTINATION_IP, C2).build();
        return new Detection(e.tenant(), e.device(), at, "intel", "ipv4:" + C2, "Connection to known botnet C2 " + C2,
                Severity.HIGH, Category.C2, e, Map.of("field", Ecs.DESTINATION_IP));
    }

    Alert alertOf(Tenant t) {
        String host = TestWorld.unique("pc");
        triage.apply(List.of(c2(t, host, System.currentTimeMillis())));
        return alerts.findByTenant(admin.actor(), t.id(), null, null, 100).stream()
                .filter(a -> a.entity() != null && a.entity().contains(host)).findFirst()
                .orElseGet(() -> alerts.findByTenant(admin.actor(), t.id(), null, null, 100).getFirst());
    }

    record Answer(int status, String body, JsonNode json) {
    }

    /** A JSON call over the real HTTP server with the admin's API key. */
    Answer api(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
        String text = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = r.body().isBlank() || !r.body().strip().startsWith("{") && !r.body().strip().startsWith("[")
                ? null : json.readTree(r.body());
        return new Answer(r.statusCode(), r.body(), node);
    }

    /** A refusal: 400, a problem naming the field (and the limit, when there is one). */
    static void assertRefused(Answer a, String field, Integer limit) {
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().path("field").asString()).as(a.body()).isEqualTo(field);
        assertThat(a.json().path("detail").asString()).as(a.body()).contains(field);
        if (limit != null) {
            assertThat(a.json().path("limit").asInt()).as(a.body()).isEqualTo(limit);
            assertThat(a.json().path("detail").asString()).contains(String.valueOf(limit));
        }
    }

    MockHttpServletResponse form(Login who, MockHttpServletRequestBuilder b) throws Exception {
        return mvc.perform(b.with(authentication(world.authentication(who))).with(csrf())).andReturn().getResponse();
    }

    List<String> comments(Alert a) {
        return alerts.history(admin.actor(), a.id()).stream().filter(h -> h.action().equals("COMMENT"))
                .map(Alert.HistoryEntry::note).toList();
    }

    List<AlertRepository.Suppression> suppressionsWith(String reason) {
        return alerts.suppressions(admin.actor(), Instant.now()).stream().filter(s -> reason.equals(s.reason())).toList();
    }

    static Map<String, Object> suppression(UUID tenantId, String groupKey, String ruleId, String reason, Object expiresAt) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("tenantId", tenantId);
        m.put("key", groupKey);
        m.put("ruleId", ruleId);
        m.put("reason", reason);
        m.put("expiresAt", expiresAt);
        return m;
    }

    // ------------------------------------------------------------------------------------------ item 19: lengths

    @Test
    void aMillionCharacterApiCommentIsRefusedNamingTheLimitAndNothingIsKept() throws Exception {
        assertRefused(api("POST", "/api/v1/alerts/" + alert.id() + "/comments", Map.of("text", "x".repeat(1_000_000))),
                "text", 4000);
        assertRefused(api("POST", "/api/v1/alerts/" + alert.id() + "/comments", Map.of("text", "y".repeat(4001))),
                "text", 4000);
        assertThat(comments(alert)).isEmpty();
        // At the limit: stored whole.
        assertThat(api("POST", "/api/v1/alerts/" + alert.id() + "/comments", Map.of("text", "z".repeat(4000))).status())
                .isEqualTo(201);
        assertThat(comments(alert)).containsExactly("z".repeat(4000));
    }

    @Test
    void anOverLongIncidentTitleIsRefusedAndNoIncidentIsMade() throws Exception {
        assertRefused(api("POST", "/api/v1/incidents", Map.of("alertIds", List.of(alert.id()), "title", "t".repeat(501))),
                "title", 500);
        assertThat(alerts.find(admin.actor(), alert.id()).orElseThrow().incidentId()).isNull();
        Answer ok = api("POST", "/api/v1/incidents", Map.of("alertIds", List.of(alert.id()), "title", "t".repeat(500)));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("title").asString()).isEqualTo("t".repeat(500));
    }

    @Test
    void overLongSuppressionFieldsAreRefusedNamingTheFieldAndLimitInsteadOfAServerError() throws Exception {
        String reason = TestWorld.unique("too-long");
        assertRefused(api("POST", "/api/v1/suppressions", suppression(tenant.id(), "k".repeat(2401), null, reason, null)),
                "key", 2400);
        assertRefused(api("POST", "/api/v1/suppressions", suppression(tenant.id(), null, "r".repeat(2101), reason, null)),
                "ruleId", 2100);
        assertRefused(api("POST", "/api/v1/suppressions", suppression(tenant.id(), "key", null, "w".repeat(501), null)),
                "reason", 500);
        assertThat(suppressionsWith(reason)).isEmpty();
        assertThat(suppressionsWith("w".repeat(500))).isEmpty();
        // The column sizes themselves are accepted by the database.
        assertThat(api("POST", "/api/v1/suppressions",
                suppression(tenant.id(), "k".repeat(2400), "r".repeat(2100), reason, null)).status()).isEqualTo(201);
        assertThat(suppressionsWith(reason)).singleElement().satisfies(s -> {
            assertThat(s.groupKey()).hasSize(2400);
            assertThat(s.ruleId()).hasSize(2100);
        });
    }

    @Test
    void theSuppressionFormRefusesAnOverLongReasonInBothLanguagesKeepingWhatWasTyped() throws Exception {
        String reason = "理由" + "あ".repeat(499);
        String key = TestWorld.unique("key");
        MockHttpServletResponse ja = form(admin, post("/suppressions").param("tenantId", tenant.id().toString())
                .param("key", key).param("reason", reason));
        assertThat(ja.getStatus()).isEqualTo(400);
        String page = ja.getContentAsString();
        assertThat(page).contains("理由 は 500 文字までです（入力は 501 文字）").contains("value=\"" + key + "\"")
                .contains("value=\"" + reason + "\"");
        MockHttpServletResponse en = form(admin, post("/suppressions").header("Accept-Language", "en")
                .param("tenantId", tenant.id().toString()).param("key", key).param("reason", reason));
        assertThat(en.getStatus()).isEqualTo(400);
        assertThat(en.getContentAsString()).contains("Reason can be at most 500 characters (you entered 501)");
        assertThat(suppressionsWith(reason)).isEmpty();
        assertThat(alerts.suppressions(admin.actor(), Instant.now())).noneMatch(s -> key.equals(s.groupKey()));
    }

    @Test
    void theCommentAndIncidentFormsRefuseOverLongTextAndShowItAgain() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        String text = "c".repeat(4001);
        MockHttpServletResponse staff = form(analyst, post("/alerts/" + alert.id() + "/comment").param("text", text));
        assertThat(staff.getStatus()).isEqualTo(400);
        assertThat(staff.getContentAsString()).contains("コメント は 4,000 文字までです（入力は 4,001 文字）")
                .contains(">" + text + "</textarea>");

        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        MockHttpServletResponse company = form(owner, post("/my/alerts/" + alert.id() + "/comment")
                .header("Accept-Language", "en").param("text", text));
        assertThat(company.getStatus()).isEqualTo(400);
        assertThat(company.getContentAsString()).contains("can be at most 4,000 characters (you entered 4,001)")
                .contains(">" + text + "</textarea>");
        assertThat(comments(alert)).isEmpty();

        String title = "i".repeat(501);
        MockHttpServletResponse promote = form(analyst, post("/incidents").param("alerts", alert.id().toString()).param("title", title));
        assertThat(promote.getStatus()).isEqualTo(400);
        assertThat(promote.getContentAsString()).contains("インシデント名 は 500 文字までです").contains("value=\"" + title + "\"");
        assertThat(alerts.find(admin.actor(), alert.id()).orElseThrow().incidentId()).isNull();
    }

    @Test
    void aBulkActionOverItsLimitChangesNothingInsteadOfTheFirstFiveHundred() throws Exception {
        Tenant busy = world.tenant(admin.actor(), TestWorld.unique("Busy"));
        long at = System.currentTimeMillis();
        List<Detection> detections = new java.util.ArrayList<>();
        for (int i = 0; i < 501; i++) {
            detections.add(c2(busy, "pc-" + i, at));
        }
        triage.apply(detections);
        List<Alert> all = alerts.findByTenant(admin.actor(), busy.id(), null, null, 1000);
        assertThat(all).hasSize(501);
        MockHttpServletRequestBuilder bulk = post("/alerts/bulk").param("action", "acknowledge");
        all.forEach(a -> bulk.param("ids", a.id().toString()));
        assertThat(form(admin, bulk).getStatus()).isEqualTo(400);
        assertThat(alerts.findByTenant(admin.actor(), busy.id(), null, null, 1000))
                .allMatch(a -> a.status() == Alert.Status.NEW);
    }

    // ------------------------------------------------------------------------------------------ item 18: expiry

    @Test
    void aSuppressionExpiryAtTheEndOfTimeOrInThePastIsRefusedAndNeverIsAnExplicitChoice() throws Exception {
        String reason = TestWorld.unique("expiry");
        assertRefused(api("POST", "/api/v1/suppressions",
                suppression(tenant.id(), "k1", null, reason, "+999999999-12-31T23:59:59Z")), "expiresAt", 366);
        assertRefused(api("POST", "/api/v1/suppressions",
                suppression(tenant.id(), "k1", null, reason, Instant.now().plus(Duration.ofDays(400)).toString())),
                "expiresAt", 366);
        assertRefused(api("POST", "/api/v1/suppressions",
                suppression(tenant.id(), "k1", null, reason, Instant.now().minusSeconds(60).toString())), "expiresAt", null);
        assertThat(suppressionsWith(reason)).isEmpty();

        MockHttpServletResponse tooFar = form(admin, post("/suppressions").param("key", "k1").param("reason", reason)
                .param("until", LocalDate.now().plusYears(2).toString()));
        assertThat(tooFar.getStatus()).isEqualTo(400);
        assertThat(tooFar.getContentAsString()).contains("期限は 366 日先までです");
        MockHttpServletResponse endOfTime = form(admin, post("/suppressions").param("key", "k1").param("reason", reason)
                .param("until", "+999999999-12-31"));
        assertThat(endOfTime.getStatus()).isEqualTo(400);
        assertThat(endOfTime.getContentAsString()).contains("期限は 366 日先までです");
        assertThat(suppressionsWith(reason)).isEmpty();

        Instant inAMonth = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(api("POST", "/api/v1/suppressions", suppression(tenant.id(), "k1", null, reason, inAMonth.toString()))
                .status()).isEqualTo(201);
        assertThat(api("POST", "/api/v1/suppressions", suppression(tenant.id(), "k2", null, reason, null)).status())
                .isEqualTo(201);
        assertThat(suppressionsWith(reason)).extracting(AlertRepository.Suppression::expiresAt)
                .containsExactlyInAnyOrder(inAMonth, null);
    }

    /** Stores a suppression that ends as late as this database can say (written before the check existed). */
    abstract void storeSuppressionUntilTheEndOfTime(String reason);

    @Test
    void theSuppressionListsShowEvenAnExpiryAtTheEndOfTime() throws Exception {
        String reason = TestWorld.unique("forever");
        storeSuppressionUntilTheEndOfTime(reason);
        MockHttpServletResponse page = form(admin, get("/suppressions"));
        assertThat(page.getStatus()).as(page.getContentAsString()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(reason);
        Login analyst = world.staff(Role.ANALYST, true);
        assertThat(form(analyst, get("/suppressions")).getStatus()).isEqualTo(200);
        Answer listed = api("GET", "/api/v1/suppressions", null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(reason);
    }

    // ------------------------------------------------------------------------------------------ item 21

    @Test
    void aNumberForANamedChoiceIsRefusedNamingTheFieldAndNoInvitationIsMade() throws Exception {
        for (Object role : List.of(1, "1")) {
            String email = TestWorld.unique("ordinal") + "@sme.example.jp";
            Answer a = api("POST", "/api/v1/users", Map.of("email", email, "displayName", "Ordinal", "role", role,
                    "tenantId", tenant.id()));
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().path("field").asString()).isEqualTo("role");
            assertThat(users.findByLogin(email)).isEmpty();
        }
        // Choices read from text are named the same way, without Java class names.
        for (var change : List.of(Map.of("status", "BOGUS"), Map.of("status", "CLOSED", "resolution", "2"))) {
            Answer a = api("POST", "/api/v1/alerts/" + alert.id() + "/status", change);
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().path("field").asString()).isIn("status", "resolution");
            assertThat(a.body()).doesNotContain("jp.sukedachi");
        }
        assertThat(alerts.find(admin.actor(), alert.id()).orElseThrow().status()).isEqualTo(Alert.Status.NEW);
        String email = TestWorld.unique("named") + "@sme.example.jp";
        assertThat(api("POST", "/api/v1/users", Map.of("email", email, "displayName", "Named", "role", "TENANT_MEMBER",
                "tenantId", tenant.id())).status()).isEqualTo(201);
        assertThat(users.findByLogin(email)).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.TENANT_MEMBER));
    }

    @Test
    void alertsAreAssignedOnlyToActiveStaffWhoWorkAlerts() throws Exception {
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Login responder = world.staff(Role.RESPONDER, true);
        Login gone = world.staff(Role.ANALYST, true);
        userService.setEnabled(admin.actor(), gone.user().id(), false);
        for (UUID who : List.of(UUID.randomUUID(), owner.user().id(), responder.user().id(), gone.user().id())) {
            assertRefused(api("POST", "/api/v1/alerts/" + alert.id() + "/assign", Map.of("userId", who)), "userId", null);
        }
        assertThat(alerts.find(admin.actor(), alert.id()).orElseThrow().assigneeId()).isNull();
        assertThat(alerts.history(admin.actor(), alert.id())).noneMatch(h -> h.action().equals("ASSIGNED"));
        Login analyst = world.staff(Role.ANALYST, true);
        assertThat(api("POST", "/api/v1/alerts/" + alert.id() + "/assign", Map.of("userId", analyst.user().id())).status())
                .isEqualTo(200);
        assertThat(alerts.find(admin.actor(), alert.id()).orElseThrow().assigneeId()).isEqualTo(analyst.user().id());
    }

    @Test
    void aSuppressionForACompanyThatDoesNotExistIsRefused() throws Exception {
        String reason = TestWorld.unique("nobody");
        assertRefused(api("POST", "/api/v1/suppressions", suppression(UUID.randomUUID(), "k", null, reason, null)),
                "tenantId", null);
        assertThat(jdbc.sql("select count(*) from suppression where reason = :r").param("r", reason).query(Long.class)
                .single()).isZero();
    }

    @Test
    void sigmaSwitchesTakeOnlyKnownLevelsStatusesAndRuleFolders() throws Exception {
        for (String[] bad : List.of(new String[] {"LEVEL", "bogus"}, new String[] {"STATUS", "bogus"},
                new String[] {"FOLDER", "../../etc"}, new String[] {"FOLDER", "/etc"}, new String[] {"FOLDER", "nowhere"},
                new String[] {"FOLDER", "windows/../../etc"})) {
            Answer a = api("POST", "/api/v1/sigma/rules/toggle?kind=" + bad[0] + "&value="
                    + java.net.URLEncoder.encode(bad[1], java.nio.charset.StandardCharsets.UTF_8) + "&enabled=false", null);
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().path("detail").asString()).contains(bad[1]);
            assertThat(a.json().path("field").asString()).isEqualTo("value");
        }
        assertThat(sigma.toggles()).noneMatch(t -> t.value().contains("bogus") || t.value().contains("etc")
                || t.value().equals("nowhere"));
        // The web form says it in the reader's language.
        var web = mvc.perform(post("/sigma/rules/toggle").with(csrf()).with(authentication(world.authentication(admin)))
                .param("kind", "LEVEL").param("value", "bogus").param("enabled", "false")).andReturn().getFlashMap();
        assertThat(String.valueOf(web.get("errors"))).contains("重要度「bogus」はありません");
        try {
            for (String[] good : List.of(new String[] {"LEVEL", "high"}, new String[] {"FOLDER", "windows"},
                    new String[] {"FOLDER", "windows/process_creation"}, new String[] {"FOLDER", "uploaded"})) {
                Answer a = api("POST", "/api/v1/sigma/rules/toggle?kind=" + good[0] + "&value=" + good[1]
                        + "&enabled=false", null);
                assertThat(a.status()).as(a.body()).isEqualTo(200);
            }
        } finally {
            sigma.toggles().forEach(t -> sigma.clearToggle(t.kind(), t.value()));
        }
    }

    // ------------------------------------------------------------------------------------------ item 16: allowlist

    @Test
    void theAllowlistRefusesWholeInternetRangesAndPublicSuffixesAndAuditsTheAttempt() throws Exception {
        Map<String, String> tooBroad = Map.of("0.0.0.0/0", "/16", "::/0", "/32", "10.0.0.0/8", "/16",
                "2001:db8::/31", "/32", "*.com", "public suffix", "*.co.jp", "public suffix", "co.jp", "public suffix",
                "*.github.io", "public suffix", "::ffff:0:0/96", "/112");
        for (var e : tooBroad.entrySet()) {
            Answer a = api("POST", "/api/v1/intel/allowlist", Map.of("value", e.getKey(), "note", "inputs test"));
            assertThat(a.status()).as(e.getKey() + " " + a.body()).isEqualTo(400);
            assertThat(a.json().path("field").asString()).as(e.getKey() + " " + a.body()).isEqualTo("value");
            assertThat(a.json().path("detail").asString()).contains(e.getValue());
        }
        assertRefused(api("POST", "/api/v1/intel/allowlist", Map.of("value", "198.51.100.7", "note", "n".repeat(501))),
                "note", 500);
        String nobody = java.util.UUID.randomUUID().toString();
        assertRefused(api("POST", "/api/v1/intel/allowlist", Map.of("value", "198.51.100.7", "tenant", nobody,
                "note", "a company that does not exist")), "tenant", null);
        Answer badType = api("POST", "/api/v1/intel/allowlist", Map.of("type", "BOGUS", "value", "198.51.100.7"));
        assertRefused(badType, "type", null);
        assertThat(badType.body()).doesNotContain("jp.sukedachi");
        assertThat(indicators.allowlist(admin.actor())).noneMatch(a -> a.value().equals("0.0.0.0/0")
                || a.value().equals("::/0") || a.value().equals("com") || a.value().equals("co.jp")
                || a.value().equals("10.0.0.0/8") || a.value().equals("198.51.100.7"));
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("INTEL_ALLOWLISTED", admin.user().login(), null,
                null, null))).filteredOn(e -> e.outcome() == AuditEvent.Outcome.DENIED)
                .extracting(AuditEvent::target).contains("CIDR:0.0.0.0/0", "CIDR:::/0", "DOMAIN_SUFFIX:com", "DOMAIN:co.jp");

        // The web form explains it in Japanese and keeps the value.
        MockHttpServletResponse page = form(admin, post("/intel/allowlist").param("value", "*.com").param("note", "why"));
        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentAsString()).contains("com は多くの無関係な持ち主が共有する公開サフィックス")
                .contains("value=\"*.com\"");

        // One organisation's names and ranges are fine.
        for (String ok : List.of("198.51.0.0/16", "2001:db8::/32", "*.example.co.jp", "mail.example.com")) {
            Answer a = api("POST", "/api/v1/intel/allowlist", Map.of("value", ok, "note", "inputs test"));
            assertThat(a.status()).as(ok + " " + a.body()).isEqualTo(201);
        }
        assertThat(indicators.allowlist(admin.actor())).extracting(IndicatorRepository.AllowEntry::value)
                .contains("198.51.0.0/16", "2001:db8::/32", "example.co.jp", "mail.example.com");
    }

    /** Writes a suppression row directly, as an earlier version (without the expiry check) could have. */
    void insertSuppression(String reason, String expiresSql, java.time.OffsetDateTime expires) {
        var statement = jdbc.sql("insert into suppression (tenant_id, group_key, reason, expires_at, created_by, created_at)"
                + " values (:t, 'k', :r, " + expiresSql + ", 'old-version', :now)")
                .param("t", tenant.id()).param("r", reason).param("now", Instant.now().atOffset(ZoneOffset.UTC));
        (expires == null ? statement : statement.param("exp", expires)).update();
    }

    /** A PC's own office address (10.x.y.z from its name): two PCs never share one (one connection, one alert). */
    static String officeAddress(String host) {
        int h = host.hashCode();
        return "10." + ((h >>> 16) & 255) + "." + ((h >>> 8) & 255) + "." + (h & 255);
    }
}
