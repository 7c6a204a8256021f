package jp.sukedachi.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.insurance.Claims;
import jp.sukedachi.app.insurance.CoverageLine;
import jp.sukedachi.app.insurance.InsurerDraft;
import jp.sukedachi.app.insurance.InsurerService;
import jp.sukedachi.app.insurance.PolicyDraft;
import jp.sukedachi.app.insurance.PolicyRegistry;
import jp.sukedachi.app.insurance.PolicyTerms;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
import jp.sukedachi.app.selfcheck.Answer;
import jp.sukedachi.app.selfcheck.SecurityActionService;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.selfcheck.assets.AssetDraft;
import jp.sukedachi.app.selfcheck.assets.AssetService;
import jp.sukedachi.app.selfcheck.policy.PolicySection;
import jp.sukedachi.app.selfcheck.policy.PolicyService;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.MutableClock;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.app.dispatch.VisitRequest;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Offboarding end to end on real components: two companies with data in as many tables as the services fill
 * (devices, events through the HTTP receiver, alerts, incidents with evidence, tickets with files, self-check,
 * policy, assets, visits, users, audit, a contract on a plan, an insurance policy, a claim with its items, invoice
 * and review steps), one exported and offboarded, the clock moved past the grace period and
 * the job run. Then every column of every table is scanned for the company (its id, its users', device's and
 * incident's ids, its slug), the journal's bytes for its id, and the other company is counted table by table.
 * Runs on H2 and on PostgreSQL (the two subclasses).
 */
@SpringBootTest(properties = {"sukedachi.syslog.port=0", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.lifecycle.offboarding-check-initial-ms=3600000000"})
@AutoConfigureMockMvc
@Import(OffboardingContract.Clocks.class)
abstract class OffboardingContract {
    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.now());
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    SukedachiProperties properties;
    @Autowired
    Offboardings offboardings;
    @Autowired
    TenantErasureRepository erasure;
    @Autowired
    DeviceService devices;
    @Autowired
    Triage triage;
    @Autowired
    AlertRepository alerts;
    @Autowired
    Incidents incidents;
    @Autowired
    SelfCheckService selfChecks;
    @Autowired
    SecurityActionService securityAction;
    @Autowired
    PolicyService policies;
    @Autowired
    AssetService assets;
    @Autowired
    Tickets tickets;
    @Autowired
    Visits visits;
    @Autowired
    PlanService plans;
    @Autowired
    InsurerService insurers;
    @Autowired
    PolicyRegistry insurancePolicies;
    @Autowired
    Claims claims;

    Login admin;
    /** The provider's plan both companies are contracted on (provider-wide: it outlives either company). */
    UUID plan;
    Company a;
    Company b;

    /**
     * A company with its people and objects, and what must not remain of it ({@code ids}); its insurer and the
     * insurer's user are provider-side and must remain.
     */
    record Company(Tenant tenant, Login owner, Login member, UUID device, String deviceToken, UUID incident,
            UUID insurer, Login insurerUser, List<UUID> ids) {
    }

    /** The tables of plans (issue 17) and insurance that hold a company's rows. */
    static final List<String> CONTRACT_AND_INSURANCE = List.of("contract", "insurance_policy", "insurance_policy_line",
            "claim", "claim_item", "claim_file", "claim_line", "claim_history");

    @BeforeEach
    void twoCompanies() throws Exception {
        // Tests share the context (and its clock): an offboarding left running by another test must not come due here.
        jdbc.sql("update offboarding set status = 'CANCELLED' where status = 'RUNNING'").update();
        admin = world.admin();
        plan = plans.create(admin.actor(), new PlanDraft(TestWorld.unique("offboarding plan"), PlanType.NETWORK, 1,
                9_800L, 0L, 2, 2, 4, 12_000L, 5_000L, 9_000L)).id();
        a = company("Asahi");
        b = company("Bunka");
    }

    private Company company(String label) throws Exception {
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique(label));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Login member = world.smeUser(tenant, Role.TENANT_MEMBER);
        var invited = world.invite(owner.actor(), tenant, Role.TENANT_MEMBER);
        var registered = devices.register(admin.actor(), tenant.id(), new DeviceDraft(TestWorld.unique(label + "-utm"),
                "ids-sensor", "suricata-eve", List.of()));
        UUID device = registered.device().id();
        // An event through the HTTP receiver: a journal record of the company.
        String line = "{\"timestamp\":\"2026-11-20T10:00:00.000000+0900\",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.5\","
                + "\"dest_ip\":\"192.0.2.53\",\"dns\":{\"type\":\"query\",\"rrname\":\"" + label.toLowerCase(Locale.ROOT)
                + ".example.com\"}}";
        assertThat(ingest(registered.token(), line)).isEqualTo(202);
        var event = SecurityEvent.builder("test").tenant(new TenantId(tenant.id())).device(new DeviceId(device))
                .timestamp(1_780_000_000_000L).received(0).raw(label + " flow").set(Ecs.SOURCE_IP, "192.0.2.77").build();
        triage.apply(List.of(new Detection(event.tenant(), event.device(), event.timestampMillis(), "intel",
                "IPV4:203.0.113.5", label + " alert", Detection.Severity.HIGH, Category.C2, event, Map.of())));
        UUID alert = alerts.findByTenant(admin.actor(), tenant.id(), null, null, 1).getFirst().id();
        UUID incident = incidents.openFromAlerts(admin.actor(), List.of(alert),
                new Incidents.Opening(label + " incident", null, null)).id();
        incidents.addTask(admin.actor(), incident, label + " task", true);
        incidents.addEvidence(admin.actor(), incident, label + "-evidence.txt", "text/plain",
                (label + " evidence").getBytes(StandardCharsets.UTF_8), label + " note");
        incidents.addNote(admin.actor(), incident, label + " incident note", false);
        incidents.message(owner.actor(), incident, label + " message");
        selfChecks.submit(owner.actor(), tenant.id(), Collections.nCopies(25, Answer.PARTLY));
        securityAction.declare(owner.actor(), tenant.id(), label + "-SA-0042", 2, LocalDate.of(2025, 1, 15));
        Map<String, String> policy = new HashMap<>(Map.of("companyName", tenant.name(), "headTitle", "head",
                "headName", label + " president", "establishedOn", "2026-04-01", "roleOfficer", label + " officer"));
        for (PolicySection section : PolicySection.values()) {
            policy.put(section.field(), label + " policy text");
        }
        assertThat(policies.save(owner.actor(), policy, Locale.JAPANESE).ok()).isTrue();
        policies.publish(owner.actor());
        assets.add(owner.actor(), AssetDraft.of(Map.ofEntries(Map.entry("name", label + " asset"),
                Map.entry("ownerName", "sales"), Map.entry("place", "cabinet"), Map.entry("form", "paper"),
                Map.entry("personalData", "yes"), Map.entry("confidentiality", "2"), Map.entry("integrity", "1"),
                Map.entry("availability", "1"), Map.entry("threat", "1"), Map.entry("vulnerability", "1"),
                Map.entry("decision", "accept"))));
        UUID ticket = tickets.open(owner.actor(), tenant.id(), new Tickets.Draft(label + " ticket", label + " body",
                null, null, null, null, null, null)).id();
        tickets.post(admin.actor(), ticket, label + " internal note", true);
        tickets.attach(owner.actor(), ticket, label + "-file.txt", "text/plain",
                (label + " file").getBytes(StandardCharsets.UTF_8), false);
        Instant start = clock.instant();
        UUID visit = visits.request(admin.actor(), incident, new VisitRequest(start, start.plusSeconds(7200),
                label + " street 1-2-3", label + " contact", "06-9999-0000", label + " visit notes")).id();
        // Issue 17: a contract on the shared plan, a policy under the company's insurer, and a claim reviewed by it.
        // Days follow the test clock (other tests move it on by the grace period).
        LocalDate today = LocalDate.ofInstant(clock.instant(), Formats.TOKYO);
        UUID contract = plans.setContract(admin.actor(), tenant.id(),
                new ContractDraft(plan, today.minusDays(60), null, 1, 0)).contractId();
        UUID insurer = insurers.create(admin.actor(), new InsurerDraft(TestWorld.unique(label + " insurer"),
                label + " claims desk", "03-0000-4242", null)).id();
        Login insurerUser = world.staff(Role.INSURER, true);
        insurers.assign(admin.actor(), insurerUser.user().id(), insurer);
        // The policy covers the day the company learned of the incident (the alert's event time) and today.
        var opened = incidents.get(admin.actor(), incident);
        LocalDate learned = LocalDate.ofInstant(opened.learnedAt() != null ? opened.learnedAt() : opened.openedAt(),
                Formats.TOKYO);
        LocalDate from = (learned.isBefore(today) ? learned : today).minusDays(30);
        UUID insurance = insurancePolicies.save(admin.actor(), tenant.id(), null, new PolicyDraft(insurer,
                label + "-POL-0042", from, from.plusYears(3),
                List.of(new PolicyTerms.Line(CoverageLine.ONSITE_VISIT, 100_000, 300_000),
                        new PolicyTerms.Line(CoverageLine.FORENSIC, 500_000, 1_000_000)), 3_000_000, 50_000, 100))
                .policyId();
        UUID claim = claims.open(admin.actor(), incident).id();
        claims.addItem(admin.actor(), claim, CoverageLine.FORENSIC, label + " claim item", 80_000L);
        claims.addInvoice(admin.actor(), claim, new Claims.Invoice(CoverageLine.FORENSIC, label + " forensic company",
                120_000L, label + "-invoice.pdf", null,
                ("%PDF-1.4\n% " + label + " invoice\n%%EOF\n").getBytes(StandardCharsets.UTF_8)));
        claims.submit(admin.actor(), claim);
        claims.requestInfo(insurerUser.actor(), claim, label + " insurer question");
        claims.answer(admin.actor(), claim, label + " staff answer");
        return new Company(tenant, owner, member, device, registered.token(), incident, insurer, insurerUser,
                List.of(tenant.id(), owner.user().id(), member.user().id(), invited.user().id(), device, alert,
                        incident, ticket, visit, contract, insurance, claim));
    }

    private int ingest(String token, String body) throws Exception {
        return mvc.perform(post("/api/v1/ingest").header("Authorization", "Bearer " + token).content(body))
                .andReturn().getResponse().getStatus();
    }

    private MvcResult asAdmin(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(admin))).with(csrf())).andReturn();
    }

    private MvcResult startOffboarding(Company c) throws Exception {
        return asAdmin(post("/api/v1/tenants/" + c.tenant().slug() + "/offboarding")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"contract ended\",\"requestedBy\":\"president by phone\"}"));
    }

    /** Whether the password step lets this person in (a failed login is sent back to /login?error). */
    private boolean canLogIn(Login who) throws Exception {
        String target = mvc.perform(post("/login").with(csrf()).param("username", who.user().login())
                .param("password", who.password())).andReturn().getResponse().getRedirectedUrl();
        return target != null && !target.contains("/login?error");
    }

    @Test
    void afterTheGracePeriodNothingOfTheCompanyRemainsInAnyTableOrJournalAndTheOtherCompanyIsUntouched()
            throws Exception {
        Map<String, Long> bBefore = erasure.count(b.tenant().id(), b.tenant().slug());
        assertThat(bBefore).containsKeys(CONTRACT_AND_INSURANCE.toArray(String[]::new));
        // The owner's own copy, taken before the start (afterwards nobody of the company logs in).
        MvcResult own = mvc.perform(get("/my/data/export").with(authentication(world.authentication(a.owner()))))
                .andReturn();
        assertThat(own.getResponse().getStatus()).isEqualTo(200);
        assertContractPolicyAndClaim(unzip(own.getResponse().getContentAsByteArray()),
                erasure.count(a.tenant().id(), a.tenant().slug()));
        assertThat(startOffboarding(a).getResponse().getStatus()).isEqualTo(201);
        // The export the admin hands over, taken after the start (the company cannot change anything any more).
        Map<String, Long> aBefore = erasure.count(a.tenant().id(), a.tenant().slug());
        MvcResult export = asAdmin(get("/api/v1/tenants/" + a.tenant().slug() + "/export"));
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        assertThat(export.getResponse().getContentType()).isEqualTo("application/zip");
        Map<String, byte[]> zip = unzip(export.getResponse().getContentAsByteArray());
        assertExportComplete(zip, aBefore);

        assertThat(journalHolds(a.tenant().id())).as("the company's events are in the journal before").isTrue();
        assertThat(remnants(a)).as("the scan finds the company before").isNotEmpty();
        Map<String, Long> totalsBefore = totals();
        Map<String, Long> aRows = erasure.count(a.tenant().id(), a.tenant().slug());
        clock.advance(Duration.ofDays(offboardings.graceDays()).minusMinutes(1));
        assertThat(offboardings.runDue()).as("nothing is due within the grace period").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(offboardings.runDue()).isEqualTo(1);

        assertThat(remnants(a)).isEmpty();
        assertThat(journalHolds(a.tenant().id())).as("no journal record of the company").isFalse();
        assertThat(journalHolds(b.tenant().id())).as("the other company's events stay").isTrue();
        assertThat(erasure.count(b.tenant().id(), b.tenant().slug())).isEqualTo(bBefore);
        Map<String, Long> totalsAfter = totals();
        for (var table : totalsBefore.entrySet()) {
            long expected = table.getValue() - aRows.getOrDefault(table.getKey(), 0L)
                    // The deletion's own audit row (with no id of the company).
                    + (table.getKey().equals("audit_event") ? 1 : 0)
                    // The offboarding record itself stays (without the company's id).
                    + (table.getKey().equals("offboarding") ? 1 : 0);
            assertThat(totalsAfter.get(table.getKey())).as(table.getKey()).isEqualTo(expected);
        }
        // The admin still sees the completed record, found by the slug, without reason or requester.
        MvcResult record = asAdmin(get("/api/v1/tenants/" + a.tenant().slug() + "/offboarding"));
        assertThat(record.getResponse().getStatus()).isEqualTo(200);
        String body = record.getResponse().getContentAsString();
        assertThat(body).contains("\"COMPLETED\"").doesNotContain("contract ended").doesNotContain("president by phone")
                .doesNotContain(a.tenant().id().toString());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'OFFBOARDING_COMPLETED' and target = :t")
                .param("t", "slug-sha256:" + Offboardings.slugHash(a.tenant().slug())).query(Long.class).single())
                .isEqualTo(1);
        // The staff page lists the completed offboarding by its check value, with no name of the company.
        String page = asAdmin(get("/tenants/" + b.tenant().id() + "/offboarding")).getResponse().getContentAsString();
        assertThat(page).contains(Offboardings.slugHash(a.tenant().slug()).substring(0, 12))
                .doesNotContain(a.tenant().name()).doesNotContain(a.tenant().slug());
        // Its owner cannot log in (the account is gone) and the device token is refused.
        assertThat(canLogIn(a.owner())).isFalse();
        assertThat(ingest(a.deviceToken(), "{}")).isEqualTo(401);
        assertThat(canLogIn(b.owner())).isTrue();
        // What is the provider's stays: the plan (still B's contract's), both insurers and their users.
        assertThat(jdbc.sql("select count(*) from plan where id = :p").param("p", plan).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from contract where plan_id = :p").param("p", plan).query(Long.class)
                .single()).as("B's contract on the plan").isEqualTo(1);
        for (Company c : List.of(a, b)) {
            assertThat(jdbc.sql("select count(*) from insurer where id = :i").param("i", c.insurer()).query(Long.class)
                    .single()).as("the insurer of " + c.tenant().name()).isEqualTo(1);
            assertThat(jdbc.sql("select insurer_id from insurer_user where user_id = :u")
                    .param("u", c.insurerUser().user().id()).query(UUID.class).list()).containsExactly(c.insurer());
            assertThat(canLogIn(c.insurerUser())).as("the insurer's user of " + c.tenant().name()).isTrue();
        }
    }

    private void assertExportComplete(Map<String, byte[]> zip, Map<String, Long> counts) {
        assertThat(zip).containsKeys("README.txt", "data/alerts.csv", "data/alerts.json", "data/incidents.csv",
                "data/incident_timeline.csv", "data/incident_tasks.csv", "data/incident_messages.csv",
                "data/selfcheck_history.csv", "data/security_action.csv", "data/policy.csv", "data/asset_ledger.csv",
                "data/devices.csv", "data/tickets.csv", "data/ticket_messages.csv", "data/visits.csv",
                "tables/_counts.json");
        assertThat(new String(zip.get("README.txt"), StandardCharsets.UTF_8)).contains(a.tenant().name())
                .contains("削除");
        assertThat(new String(zip.get("documents/basic-policy.pdf"), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        byte[] csv = zip.get("data/alerts.csv");
        assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("\uFEFF").contains("Asahi alert");
        assertThat(zip.keySet()).anyMatch(n -> n.startsWith("files/incident_evidence/") && n.endsWith("Asahi-evidence.txt"));
        assertThat(zip.keySet()).anyMatch(n -> n.startsWith("files/ticket_attachment/") && n.endsWith("Asahi-file.txt"));
        assertThat(counts).containsKeys("tenant", "app_user", "device", "alert", "incident", "incident_evidence",
                "ticket", "ticket_attachment", "selfcheck_attempt", "selfhelp_policy", "selfhelp_asset", "visit",
                "audit_event", "offboarding");
        for (var table : counts.entrySet()) {
            String json = new String(zip.get("tables/" + table.getKey() + ".json"), StandardCharsets.UTF_8);
            assertThat(rowsOf(json)).as(table.getKey()).isEqualTo(table.getValue());
        }
        String countsJson = new String(zip.get("tables/_counts.json"), StandardCharsets.UTF_8);
        counts.forEach((t, n) -> assertThat(countsJson).contains("\"" + t + "\":" + n));
        // Secrets never leave the server.
        assertThat(new String(zip.get("tables/app_user.json"), StandardCharsets.UTF_8)).doesNotContain("password_hash")
                .doesNotContain(a.owner().password());
        assertThat(new String(zip.get("tables/device.json"), StandardCharsets.UTF_8)).doesNotContain("token_hash");
        assertContractPolicyAndClaim(zip, counts);
    }

    /**
     * The company's contract, insurance policy and claim (items, invoice, lines, the insurer's question and the
     * answer) in an export: people's files under data/, the invoice itself under files/, every row under tables/.
     */
    private void assertContractPolicyAndClaim(Map<String, byte[]> zip, Map<String, Long> counts) {
        assertThat(counts).containsKeys(CONTRACT_AND_INSURANCE.toArray(String[]::new));
        for (String table : CONTRACT_AND_INSURANCE) {
            assertThat(rowsOf(new String(zip.get("tables/" + table + ".json"), StandardCharsets.UTF_8))).as(table)
                    .isEqualTo(counts.get(table));
        }
        assertThat(text(zip, "data/contract.csv")).contains(plan.toString()).contains("NETWORK");
        assertThat(text(zip, "data/insurance_policies.csv")).contains("Asahi-POL-0042").contains(a.insurer().toString());
        assertThat(text(zip, "data/insurance_policy_lines.csv")).contains("FORENSIC").contains("ONSITE_VISIT");
        assertThat(text(zip, "data/claims.csv")).contains("Asahi-POL-0042").contains("SUBMITTED");
        assertThat(text(zip, "data/claim_items.csv")).contains("Asahi claim item").contains("Asahi forensic company");
        assertThat(text(zip, "data/claim_lines.csv")).contains("FORENSIC");
        assertThat(text(zip, "data/claim_files.csv")).contains("Asahi-invoice.pdf");
        assertThat(text(zip, "data/claim_history.csv")).contains("Asahi insurer question").contains("Asahi staff answer");
        assertThat(text(zip, "data/claims.json")).contains("Asahi-POL-0042");
        assertThat(zip.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("files/claim_file/").endsWith("Asahi-invoice.pdf");
            assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).contains("Asahi invoice");
        });
        assertThat(everything(zip)).doesNotContain("Bunka").doesNotContain(b.tenant().id().toString());
    }

    private static String text(Map<String, byte[]> zip, String name) {
        assertThat(zip).containsKey(name);
        return new String(zip.get(name), StandardCharsets.UTF_8);
    }

    /** Rows of a table file: one object per line, each starting with {"col":. */
    private static long rowsOf(String json) {
        return json.lines().filter(l -> l.startsWith("{") || l.startsWith(",{")).count();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Rows per table of the whole database. */
    private Map<String, Long> totals() throws Exception {
        Map<String, Long> totals = new TreeMap<>();
        for (String table : columns().keySet()) {
            totals.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return totals;
    }

    /** Every column of every table (information_schema), with its data type in lower case. */
    private Map<String, Map<String, String>> columns() throws Exception {
        String schema;
        try (Connection c = dataSource.getConnection()) {
            schema = c.getSchema();
        }
        Map<String, Map<String, String>> tables = new TreeMap<>();
        jdbc.sql("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where lower(c.table_schema) = lower(:s) and t.table_type = 'BASE TABLE'""")
                .param("s", schema).query((rs, n) -> tables.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT),
                        k -> new TreeMap<>()).put(rs.getString(2).toLowerCase(Locale.ROOT),
                        rs.getString(3).toLowerCase(Locale.ROOT))).list();
        tables.remove("flyway_schema_history");
        assertThat(tables).as("tables found").hasSizeGreaterThan(40);
        return tables;
    }

    /** Every cell that still names the company: its ids in uuid columns, its id or slug in text, its id in binaries. */
    private List<String> remnants(Company c) throws Exception {
        List<String> found = new ArrayList<>();
        byte[] idBytes = uuidBytes(c.tenant().id());
        for (var table : columns().entrySet()) {
            for (var column : table.getValue().entrySet()) {
                String t = table.getKey();
                String col = column.getKey();
                String type = column.getValue();
                if (type.contains("uuid")) {
                    for (UUID id : c.ids()) {
                        long n = jdbc.sql("select count(*) from " + t + " where " + col + " = :id").param("id", id)
                                .query(Long.class).single();
                        if (n > 0) {
                            found.add(t + "." + col + " = " + id + " (" + n + ")");
                        }
                    }
                } else if (type.contains("char") || type.contains("text") || type.contains("clob") || type.contains("json")) {
                    long n = jdbc.sql("select count(*) from " + t + " where cast(" + col + " as varchar(100000)) like :id"
                                    + " or cast(" + col + " as varchar(100000)) like :slug")
                            .param("id", "%" + c.tenant().id() + "%").param("slug", "%" + c.tenant().slug() + "%")
                            .query(Long.class).single();
                    if (n > 0) {
                        found.add(t + "." + col + " names the company (" + n + ")");
                    }
                } else if (type.contains("bytea") || type.contains("binary")) {
                    for (byte[] value : jdbc.sql("select " + col + " from " + t).query(byte[].class).list()) {
                        if (value != null && indexOf(value, idBytes) >= 0) {
                            found.add(t + "." + col + " holds the company's id bytes");
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Whether any file under the data folder (the journal's segments) holds the company's id as 16 bytes. */
    private boolean journalHolds(UUID tenant) throws IOException {
        byte[] id = uuidBytes(tenant);
        try (Stream<Path> files = Files.walk(properties.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), id) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void cancellingDuringTheGracePeriodRestoresLoginsAndDevicesAndASecondStartIsAConflict() throws Exception {
        assertThat(canLogIn(a.owner())).isTrue();
        assertThat(startOffboarding(a).getResponse().getStatus()).isEqualTo(201);
        assertThat(startOffboarding(a).getResponse().getStatus()).as("already running").isEqualTo(409);
        assertThat(canLogIn(a.owner())).isFalse();
        assertThat(canLogIn(a.member())).isFalse();
        assertThat(ingest(a.deviceToken(), "{\"event_type\":\"dns\"}")).isEqualTo(401);
        assertThat(canLogIn(b.owner())).as("the other company works").isTrue();
        assertThat(ingest(b.deviceToken(), "{\"event_type\":\"dns\"}")).isEqualTo(202);

        MvcResult cancelled = asAdmin(delete("/api/v1/tenants/" + a.tenant().slug() + "/offboarding"));
        assertThat(cancelled.getResponse().getStatus()).isEqualTo(200);
        assertThat(cancelled.getResponse().getContentAsString()).contains("\"CANCELLED\"");
        assertThat(asAdmin(delete("/api/v1/tenants/" + a.tenant().slug() + "/offboarding")).getResponse().getStatus())
                .as("nothing left to cancel").isEqualTo(404);
        assertThat(canLogIn(a.owner())).isTrue();
        assertThat(ingest(a.deviceToken(), "{\"event_type\":\"dns\"}")).isEqualTo(202);
        clock.advance(Duration.ofDays(offboardings.graceDays() + 1));
        assertThat(offboardings.runDue()).as("a cancelled offboarding deletes nothing").isZero();
        assertThat(erasure.count(a.tenant().id(), a.tenant().slug())).containsKeys("tenant", "alert", "incident");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = :t and action in "
                + "('OFFBOARDING_STARTED', 'OFFBOARDING_CANCELLED')").param("t", a.tenant().id()).query(Long.class)
                .single()).isEqualTo(2);
    }

    @Test
    void anOwnerExportsOnlyTheirOwnCompanyAndNeverStartsAnOffboarding() throws Exception {
        var ownerB = authentication(world.authentication(b.owner()));
        String slugA = a.tenant().slug();
        assertThat(mvc.perform(get("/api/v1/tenants/" + slugA + "/export").with(ownerB)).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/api/v1/tenants/" + slugA + "/offboarding").with(ownerB).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\",\"requestedBy\":\"y\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/api/v1/tenants/" + b.tenant().slug() + "/offboarding").with(ownerB).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\",\"requestedBy\":\"y\"}"))
                .andReturn().getResponse().getStatus()).as("not even their own").isEqualTo(403);
        assertThat(mvc.perform(get("/tenants/" + a.tenant().id() + "/offboarding").with(ownerB)).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        MvcResult own = mvc.perform(get("/my/data/export").with(ownerB)).andReturn();
        assertThat(own.getResponse().getStatus()).isEqualTo(200);
        Map<String, byte[]> zip = unzip(own.getResponse().getContentAsByteArray());
        String all = new String(zip.get("tables/alert.json"), StandardCharsets.UTF_8)
                + new String(zip.get("tables/tenant.json"), StandardCharsets.UTF_8);
        assertThat(all).contains(b.tenant().id().toString()).doesNotContain(a.tenant().id().toString())
                .doesNotContain("Asahi");
        assertThat(mvc.perform(get("/my/data/export").with(authentication(world.authentication(b.member()))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/my/data").with(authentication(world.authentication(b.member())))).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
        // The owner's page says in plain words what happens, in Japanese and in English.
        assertThat(mvc.perform(get("/my/data").with(ownerB)).andReturn().getResponse().getContentAsString())
                .contains("貴社のデータ").contains(offboardings.graceDays() + " 日の猶予期間").contains("/my/data/export");
        assertThat(mvc.perform(get("/my/data?lang=en").with(ownerB)).andReturn().getResponse().getContentAsString())
                .contains("Your data").contains("grace period of " + offboardings.graceDays() + " days");
        assertThat(jdbc.sql("select count(*) from audit_event where tenant_id = :t and action = 'EXPORT_DOWNLOADED'")
                .param("t", b.tenant().id()).query(Long.class).single()).isEqualTo(1);
        assertThat(startOffboarding(a).getResponse().getStatus()).isEqualTo(201);
        assertThat(mvc.perform(get("/tenants/" + a.tenant().id() + "/offboarding")
                .with(authentication(world.authentication(admin)))).andReturn().getResponse().getContentAsString())
                .contains("contract ended");
    }

    @Autowired
    jp.sukedachi.app.triage.AlertService alertService;

    @Test
    void theOwnersExportLeavesOutEveryStaffInternalNoteThatTheAdminsExportKeeps() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID ticket = jdbc.sql("select id from ticket where tenant_id = :t").param("t", a.tenant().id())
                .query(UUID.class).single();
        UUID alert = alerts.findByTenant(admin.actor(), a.tenant().id(), null, null, 1).getFirst().id();
        // Each internal text with its company-visible counterpart, written through the services.
        tickets.post(admin.actor(), ticket, "hidden-ticket-note-" + tag, true);
        tickets.post(admin.actor(), ticket, "shown-ticket-reply-" + tag, false);
        tickets.attach(admin.actor(), ticket, "hidden-file-" + tag + ".txt", "text/plain",
                ("hidden-file-bytes-" + tag).getBytes(StandardCharsets.UTF_8), true);
        tickets.attach(admin.actor(), ticket, "shown-file-" + tag + ".txt", "text/plain",
                ("shown-file-bytes-" + tag).getBytes(StandardCharsets.UTF_8), false);
        incidents.addNote(admin.actor(), a.incident(), "hidden-timeline-note-" + tag, false);
        incidents.addNote(admin.actor(), a.incident(), "shown-timeline-note-" + tag, true);
        alertService.comment(admin.actor(), alert, "hidden-alert-comment-" + tag, false);
        alertService.comment(admin.actor(), alert, "shown-alert-comment-" + tag, true);
        Login responder = world.staff(Role.RESPONDER, true);
        Instant start = clock.instant();
        for (boolean internal : List.of(true, false)) {
            UUID visit = visits.request(admin.actor(), a.incident(), new VisitRequest(start, start.plusSeconds(7200),
                    "street 1-2-3", "contact", "06-9999-0000", null)).id();
            visits.assign(admin.actor(), visit, responder.user().id());
            visits.checkIn(responder.actor(), visit);
            visits.saveRecord(responder.actor(), visit, new jp.sukedachi.app.dispatch.VisitRecord("work-" + tag,
                    (internal ? "hidden-findings-" : "shown-findings-") + tag, internal, null, 10, null, null));
        }
        List<String> hidden = List.of("hidden-ticket-note-" + tag, "hidden-file-" + tag, "hidden-file-bytes-" + tag,
                "hidden-timeline-note-" + tag, "hidden-alert-comment-" + tag, "hidden-findings-" + tag,
                "Asahi internal note", "Asahi incident note", "Asahi visit notes");
        List<String> shown = List.of("shown-ticket-reply-" + tag, "shown-file-" + tag, "shown-file-bytes-" + tag,
                "shown-timeline-note-" + tag, "shown-alert-comment-" + tag, "shown-findings-" + tag, "work-" + tag);

        MvcResult own = mvc.perform(get("/my/data/export").with(authentication(world.authentication(a.owner()))))
                .andReturn();
        assertThat(own.getResponse().getStatus()).isEqualTo(200);
        Map<String, byte[]> ownersZip = unzip(own.getResponse().getContentAsByteArray());
        MvcResult staff = asAdmin(get("/api/v1/tenants/" + a.tenant().slug() + "/export"));
        assertThat(staff.getResponse().getStatus()).isEqualTo(200);
        Map<String, byte[]> adminsZip = unzip(staff.getResponse().getContentAsByteArray());

        for (var entry : ownersZip.entrySet()) {
            String text = new String(entry.getValue(), StandardCharsets.UTF_8);
            for (String h : hidden) {
                assertThat(text).as(entry.getKey() + " of the owner's export").doesNotContain(h);
            }
        }
        String ownersAll = everything(ownersZip);
        String adminsAll = everything(adminsZip);
        assertThat(adminsAll).contains(hidden);
        assertThat(ownersAll).contains(shown);
        assertThat(adminsAll).contains(shown);
        // The owner's ZIP says what it left out, table by table, and why; the admin's says it holds the notes.
        String counts = new String(ownersZip.get("tables/_counts.json"), StandardCharsets.UTF_8);
        assertThat(counts).contains("\"export\":\"company\"").contains("\"ticket_message\":{\"rows\":2,")
                .contains("\"ticket_attachment\":{\"rows\":1,").contains("\"incident_timeline\":{\"rows\":" + jdbc.sql(
                        "select count(*) from incident_timeline where tenant_id = :t and visible = false")
                        .param("t", a.tenant().id()).query(Long.class).single() + ",")
                .contains("\"alert_history\":{\"rows\":1,").contains("\"visit.findings\":{\"rows\":1,")
                .contains("\"visit.notes\":{\"rows\":1,").contains("社内メモ");
        assertThat(new String(ownersZip.get("README.txt"), StandardCharsets.UTF_8)).contains("入っていないもの")
                .doesNotContain(ExportReadme.PROVIDER_LABEL);
        assertThat(new String(adminsZip.get("README.txt"), StandardCharsets.UTF_8))
                .contains(ExportReadme.PROVIDER_LABEL);
        assertThat(new String(adminsZip.get("tables/_counts.json"), StandardCharsets.UTF_8))
                .contains("\"left_out\":{}");
        // 提 (U+63D0) of 提供者用 in the file name of the admin's ZIP only.
        assertThat(staff.getResponse().getHeader("Content-Disposition")).contains("%E6%8F%90");
        assertThat(own.getResponse().getHeader("Content-Disposition")).doesNotContain("%E6%8F%90");
        // Staff hand the company its own copy: the same rules, the same rows.
        MvcResult handOver = asAdmin(get("/tenants/" + a.tenant().id() + "/offboarding/export").param("copy", "company"));
        assertThat(handOver.getResponse().getStatus()).isEqualTo(200);
        Map<String, byte[]> handOverZip = unzip(handOver.getResponse().getContentAsByteArray());
        assertThat(everything(handOverZip)).doesNotContain(hidden).contains(shown);
        // (the rows differ by the audit row of the owner's download; what is left out is the same)
        String handOverCounts = new String(handOverZip.get("tables/_counts.json"), StandardCharsets.UTF_8);
        assertThat(handOverCounts.substring(handOverCounts.indexOf("\"left_out\"")))
                .isEqualTo(counts.substring(counts.indexOf("\"left_out\"")));
        // The owner never gets the provider's copy; an unknown copy is malformed.
        var owner = authentication(world.authentication(a.owner()));
        assertThat(mvc.perform(get("/api/v1/tenants/" + a.tenant().slug() + "/export").param("copy", "provider")
                .with(owner)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/api/v1/tenants/" + a.tenant().slug() + "/export").param("copy", "all")
                .with(owner)).andReturn().getResponse().getStatus()).isEqualTo(400);
        // Each table file of the owner holds exactly the rows its _counts.json names.
        for (var entry : ownersZip.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith("tables/") && name.endsWith(".json") && !name.equals("tables/_counts.json")
                    && name.indexOf('/', 7) < 0) {
                long rows = rowsOf(new String(entry.getValue(), StandardCharsets.UTF_8));
                String table = name.substring(7, name.length() - 5);
                assertThat(counts).as(table).contains(rows == 0 ? "" : "\"" + table + "\":" + rows);
            }
        }
    }

    /** Every entry's bytes as text, entry names included. */
    private static String everything(Map<String, byte[]> zip) {
        StringBuilder all = new StringBuilder();
        zip.forEach((name, bytes) -> all.append(name).append('\n').append(new String(bytes, StandardCharsets.UTF_8)));
        return all.toString();
    }
}
