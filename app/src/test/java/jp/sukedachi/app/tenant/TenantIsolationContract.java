package jp.sukedachi.app.tenant;

import jp.sukedachi.app.support.Routes;
import jp.sukedachi.app.support.Routes.Route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;


import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Proves that a user of company A gets nothing of company B, on every route the application has.
 * Routes are read from Spring MVC's handler mapping, so a route added tomorrow is covered without
 * touching this test. Every path variable is filled with each of B's ids; write routes are called
 * with CSRF and with form/JSON fields pointing at B. Afterwards no response may contain B's data and
 * B must be unchanged. Runs on H2 and on PostgreSQL (see the two subclasses).
 */
@SpringBootTest(properties = {"sukedachi.syslog.port=0", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
abstract class TenantIsolationContract {
    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    TenantRepository tenants;
    @Autowired
    UserRepository users;
    @Autowired
    jp.sukedachi.app.device.DeviceService devices;
    @Autowired
    jp.sukedachi.app.device.DeviceRepository deviceRepository;
    @Autowired
    jp.sukedachi.app.triage.Triage triage;
    @Autowired
    jp.sukedachi.app.triage.AlertRepository alertRepository;
    @Autowired
    jp.sukedachi.app.triage.AlertService alertService;
    @Autowired
    jp.sukedachi.app.incident.Incidents incidents;
    @Autowired
    jp.sukedachi.app.selfcheck.SelfCheckService selfChecks;
    @Autowired
    jp.sukedachi.app.selfcheck.SecurityActionService securityAction;
    @Autowired
    jp.sukedachi.app.selfcheck.SelfCheckRepository selfCheckRepository;
    @Autowired
    jp.sukedachi.app.selfcheck.policy.PolicyService policyService;
    @Autowired
    jp.sukedachi.app.selfcheck.policy.PolicyRepository policyRepository;
    @Autowired
    jp.sukedachi.app.selfcheck.assets.AssetService assetService;
    @Autowired
    jp.sukedachi.app.selfcheck.assets.AssetRepository assetRepository;
    @Autowired
    jp.sukedachi.app.selfcheck.cloud.CloudRepository cloudRepository;
    @Autowired
    jp.sukedachi.app.selfcheck.lessons.LessonRepository lessonRepository;
    @Autowired
    jp.sukedachi.app.device.DeviceAddressRepository addressRepository;
    @Autowired
    jp.sukedachi.app.ingest.SyslogReceiver syslog;
    @Autowired
    jp.sukedachi.app.ingest.RecentEvents recent;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    jp.sukedachi.app.desk.Tickets tickets;
    @Autowired
    jp.sukedachi.app.desk.KnowledgeBase knowledgeBase;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Login admin;
    Tenant a;
    Tenant b;
    Login ownerA;
    Login memberA;
    Login ownerB;
    Login memberB;
    UserService.Invitation pendingB;
    jp.sukedachi.app.device.Device deviceB;
    String addressB;
    jp.sukedachi.app.device.DeviceAddress pendingAddressB;
    UUID alertB;
    UUID incidentB;
    long taskB;
    long evidenceB;
    int timelineOfB;
    UUID selfCheckB;
    UUID assetB;
    UUID cloudB;
    UUID ticketB;
    long ticketFileB;
    /** A knowledge-base draft (the provider's, not B's): no company and no responder or insurer may read it. */
    UUID articleDraft;
    /** A mail from an unknown sender waiting for staff (desk mail, issue 16): no company may open or sort it. */
    UUID strayMail;
    UUID visitB;
    long visitEvidenceB;
    /** claims (issue 17): B's submitted insurance claim with a typed cost and an invoice. */
    UUID claimB;
    long claimItemB;
    long claimFileB;
    /** B's insurance policy (issue 17, policy): only staff and B's people may read it; nobody but staff change it. */
    UUID policyB;
    /** A plan made for B only (issue 17, plan) and B's contract with it: no company may read either. */
    UUID planB;

    @BeforeEach
    void twoCompanies() throws Exception {
        admin = world.admin();
        a = world.tenant(admin.actor(), TestWorld.unique("Alpha"));
        b = world.tenant(admin.actor(), TestWorld.unique("Bravo"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        memberA = world.smeUser(a, Role.TENANT_MEMBER);
        ownerB = world.smeUser(b, Role.TENANT_OWNER);
        memberB = world.smeUser(b, Role.TENANT_MEMBER);
        pendingB = world.invite(ownerB.actor(), b, Role.TENANT_MEMBER);
        addressB = nextAddress("198.18.");
        deviceB = devices.register(admin.actor(), b.id(), new jp.sukedachi.app.device.DeviceDraft(
                TestWorld.unique("bravo-utm"), "utm", "auto", java.util.List.of(addressB))).device();
        // B's owner asked for one more syslog address: a pending request nobody else may see or take.
        pendingAddressB = devices.addAddress(ownerB.actor(), deviceB.id(), nextAddress("198.18."));
        // An alert of B (from a detection) promoted to an incident of B.
        var event = jp.sukedachi.event.SecurityEvent.builder("test").tenant(new jp.sukedachi.event.TenantId(b.id()))
                .device(new jp.sukedachi.event.DeviceId(deviceB.id())).timestamp(1_780_000_000_000L).received(0)
                .raw("bravo flow").set(jp.sukedachi.event.Ecs.SOURCE_IP, "192.0.2.77").build();
        triage.apply(List.of(new jp.sukedachi.event.Detection(event.tenant(), event.device(), event.timestampMillis(),
                "intel", "IPV4:203.0.113.5", "bravo alert", jp.sukedachi.event.Detection.Severity.HIGH,
                jp.sukedachi.event.Category.C2, event, Map.of())));
        alertB = alertRepository.findByTenant(admin.actor(), b.id(), null, null, 1).getFirst().id();
        incidentB = incidents.openFromAlerts(admin.actor(), List.of(alertB),
                new jp.sukedachi.app.incident.Incidents.Opening("bravo incident", null, null)).id();
        // The incident's own objects: a staff task, an evidence file, an internal timeline entry and a message.
        taskB = incidents.addTask(admin.actor(), incidentB, "bravo task", true);
        evidenceB = incidents.addEvidence(admin.actor(), incidentB, "bravo-evidence.txt", "text/plain",
                "bravo evidence".getBytes(java.nio.charset.StandardCharsets.UTF_8), "bravo evidence note").id();
        incidents.addNote(admin.actor(), incidentB, "bravo incident note", false);
        incidents.message(ownerB.actor(), incidentB, "bravo message");
        timelineOfB = incidents.timeline(admin.actor(), incidentB).size();
        // B's self-check and SECURITY ACTION declaration (its ID is a secret of B's).
        selfCheckB = selfChecks.submit(ownerB.actor(), b.id(), java.util.Collections.nCopies(25,
                jp.sukedachi.app.selfcheck.Answer.PARTLY)).id();
        securityAction.declare(ownerB.actor(), b.id(), "BRAVO-SA-0042", 2, java.time.LocalDate.of(2025, 1, 15));
        selfHelpOfB();
        // B's desk ticket with an internal note and a file (issue 16).
        ticketB = tickets.open(ownerB.actor(), b.id(), new jp.sukedachi.app.desk.Tickets.Draft("bravo ticket",
                "bravo ticket body", null, null, null, null, null, null)).id();
        tickets.post(admin.actor(), ticketB, "bravo internal note", true);
        ticketFileB = tickets.attach(ownerB.actor(), ticketB, "bravo-file.txt", "text/plain",
                "bravo file".getBytes(java.nio.charset.StandardCharsets.UTF_8), false).id();
        articleDraft = knowledgeBase.create(admin.actor(), new jp.sukedachi.app.desk.ArticleDraft("emergency",
                "bravo draft article", "bravo draft body", null, null, "")).id();
        strayMail = UUID.randomUUID();
        jdbc.sql("""
                insert into desk_mail_unmatched (id, message_id, from_email, subject, received_at, raw_size, raw, status)
                values (:id, :mid, 'stray@elsewhere.example.com', 'bravo stray mail', current_timestamp, 10, :raw,
                        'WAITING')""").param("id", strayMail).param("mid", "<" + strayMail + "@elsewhere.example.com>")
                .param("raw", "Subject: bravo stray mail\r\n\r\nbravo stray body".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .update();
        reportingOfB();
        visitOfB();
        policyOfB();
        claimOfB();
        contractOfB();
        // --- report-archive ---
        reportOfB();
        // --- end report-archive ---
        // --- report-letter ---
        letterOfB();
        // --- end report-letter ---
        // Counted last: the reporting marks and the visit's steps write B's timeline too.
        timelineOfB = incidents.timeline(admin.actor(), incidentB).size();
    }

    @Autowired
    jp.sukedachi.app.plan.PlanService planService;

    // --- report-archive ---
    /** B's monthly report (issue 18), made by staff over the API: nobody else may read, comment or send it. */
    UUID reportB;

    private void reportOfB() throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.post("/api/v1/tenants/" + b.slug() + "/reports")
                .param("month", "2020-01").with(csrf()).with(authentication(world.authentication(admin))))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(201);
        String location = response.getHeader("Location");
        reportB = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private void assertReportOfBUnchanged() {
        assertThat(jdbc.sql("select status || ' ' || coalesce(comment, '-') from monthly_report where id = :id")
                .param("id", reportB).query(String.class).single()).isEqualTo("WAITING -");
        assertThat(jdbc.sql("select count(*) from monthly_report_delivery where report_id = :id").param("id", reportB)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from monthly_report where tenant_id = :t").param("t", b.id())
                .query(Long.class).single()).isEqualTo(1);
    }
    // --- end report-archive ---
    // --- report-letter ---
    /** B's proof-of-check letter (issue 18), made by B's owner on the page: its facts name B and B's device. */
    UUID letterB;

    private void letterOfB() throws Exception {
        // A letter covers whole months after the first device: B's device counts as registered half a year ago
        // (and seen just now, so the silent-device watch has nothing to say).
        jdbc.sql("update device set created_at = :at, last_seen_at = :now where id = :id")
                .param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMonths(6))
                .param("now", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .param("id", deviceB.id()).update();
        String location = mvc.perform(MockMvcRequestBuilders.post("/my/letters").with(csrf())
                        .with(authentication(world.authentication(ownerB))).param("months", "3"))
                .andReturn().getResponse().getRedirectedUrl();
        letterB = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }
    // --- end report-letter ---

    /** B's contract (issue 17, plan) with a plan whose name only B's contract shows. */
    private void contractOfB() {
        planB = planService.create(admin.actor(), new jp.sukedachi.app.plan.PlanDraft(
                TestWorld.unique("bravo only plan"), jp.sukedachi.app.plan.PlanType.HYBRID, 1, 9_000L, 1_000L, 3, 2, 8,
                null, null, null)).id();
        planService.setContract(admin.actor(), b.id(), new jp.sukedachi.app.plan.ContractDraft(planB,
                java.time.LocalDate.of(2026, 1, 1), null, 1, 7));
    }

    /** The reporting facts and duties of B's incident, one duty marked sent with a note (routing, issue 16). */
    private void reportingOfB() throws Exception {
        var staff = authentication(world.authentication(admin));
        String base = "/api/v1/incidents/" + incidentB + "/reporting";
        assertThat(mvc.perform(MockMvcRequestBuilders.post(base + "/facts").with(staff).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"personalData\":\"YES\",\"people\":12,"
                        + "\"crimeSuspected\":true}")).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(MockMvcRequestBuilders.post(base + "/police/sent").with(staff).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"bravo reporting note\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Autowired
    jp.sukedachi.app.dispatch.Visits visits;

    /** An on-site visit to B for B's incident, its responder on site, with a photo as evidence. */
    private void visitOfB() {
        var start = java.time.Instant.now();
        var visit = visits.request(admin.actor(), incidentB, new jp.sukedachi.app.dispatch.VisitRequest(start,
                start.plusSeconds(7200), "bravo visit street 1-2-3", "bravo visit contact", "06-9999-0000",
                "bravo visit notes"));
        visitB = visit.id();
        Login responderB = world.staff(Role.RESPONDER, true);
        visits.assign(admin.actor(), visitB, responderB.user().id());
        visits.checkIn(responderB.actor(), visitB);
        visitEvidenceB = visits.attach(responderB.actor(), visitB, "bravo-evidence.png", "image/png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).id();
    }

    @Autowired
    jp.sukedachi.app.insurance.Claims claims;

    /** claims (issue 17): B's claim for its incident under B's policy, submitted with a typed cost and an invoice. */
    private void claimOfB() {
        claimB = claims.open(admin.actor(), incidentB).id();
        claimItemB = claims.addItem(admin.actor(), claimB, jp.sukedachi.app.insurance.CoverageLine.FORENSIC,
                "bravo claim item", 10_000L).items().getFirst().id();
        claimFileB = claims.addInvoice(admin.actor(), claimB, new jp.sukedachi.app.insurance.Claims.Invoice(
                jp.sukedachi.app.insurance.CoverageLine.FORENSIC, "bravo claim issuer", 20_000L, "bravo-invoice.pdf",
                null, "%PDF-1.4 bravo invoice".getBytes(java.nio.charset.StandardCharsets.UTF_8))).files().getFirst()
                .id();
        claims.submit(admin.actor(), claimB);
    }

    @Autowired
    jp.sukedachi.app.insurance.PolicyRegistry insurancePolicies;
    @Autowired
    jp.sukedachi.app.insurance.InsurerService insurers;

    /** B's insurance policy with an insurer (policy, issue 17). */
    private void policyOfB() {
        var insurer = insurers.create(admin.actor(), new jp.sukedachi.app.insurance.InsurerDraft(
                TestWorld.unique("bravo insurer"), "bravo claims desk", "03-0000-4242", null));
        policyB = insurancePolicies.save(admin.actor(), b.id(), null, new jp.sukedachi.app.insurance.PolicyDraft(
                insurer.id(), "BRAVO-POL-0042", java.time.LocalDate.of(2026, 4, 1), java.time.LocalDate.of(2027, 3, 31),
                List.of(new jp.sukedachi.app.insurance.PolicyTerms.Line(jp.sukedachi.app.insurance.CoverageLine.FORENSIC,
                        424_242, 424_242)), 4_242_424, 42_424, 100)).policyId();
    }

    /** B's published policy, an asset, a cloud service and a passed lesson. */
    private void selfHelpOfB() throws Exception {
        Map<String, String> policy = new java.util.HashMap<>(Map.of("companyName", b.name(), "headTitle", "bravo head",
                "headName", "bravo president", "establishedOn", "2026-04-01", "roleOfficer", "bravo officer"));
        for (var section : jp.sukedachi.app.selfcheck.policy.PolicySection.values()) {
            policy.put(section.field(), "bravo policy text");
        }
        assertThat(policyService.save(ownerB.actor(), policy, java.util.Locale.JAPANESE).ok()).isTrue();
        policyService.publish(ownerB.actor());
        assetB = assetService.add(ownerB.actor(), jp.sukedachi.app.selfcheck.assets.AssetDraft.of(Map.ofEntries(
                Map.entry("name", "bravo asset"), Map.entry("ownerName", "bravo sales"), Map.entry("place", "bravo cabinet"),
                Map.entry("form", "paper"), Map.entry("personalData", "yes"), Map.entry("confidentiality", "2"),
                Map.entry("integrity", "1"), Map.entry("availability", "1"), Map.entry("threat", "1"),
                Map.entry("vulnerability", "1"), Map.entry("decision", "accept")))).asset().id();
        String location = mvc.perform(MockMvcRequestBuilders.post("/selfcheck/cloud").with(csrf())
                        .with(authentication(world.authentication(ownerB))).param("name", "bravo cloud").param("purpose", "bravo files"))
                .andReturn().getResponse().getRedirectedUrl();
        cloudB = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(MockMvcRequestBuilders.post("/selfcheck/lessons/1").with(csrf()).with(authentication(world.authentication(memberB)))
                .param("q0", "1").param("q1", "1").param("q2", "2"));
    }

    List<Route> routes() {
        return Routes.all(mappings);
    }

    /** Every concrete URL for a route: each path variable takes each of B's identifiers in turn. */
    List<String> urls(Route route) {
        Matcher m = PATH_VARIABLE.matcher(route.pattern());
        if (!m.find()) {
            return List.of(route.pattern());
        }
        List<String> values = List.of(b.id().toString(), ownerB.user().id().toString(), memberB.user().id().toString(),
                pendingB.user().id().toString(), deviceB.id().toString(), b.slug(), alertB.toString(), incidentB.toString(),
                selfCheckB.toString(), assetB.toString(), cloudB.toString(), ticketB.toString(),
                articleDraft.toString(), strayMail.toString(), visitB.toString(), policyB.toString(), claimB.toString(),
                planB.toString(),
                // --- report-archive ---
                reportB.toString(),
                // --- end report-archive ---
                UUID.randomUUID().toString());
        List<String> urls = new ArrayList<>();
        for (String value : values) {
            urls.add(PATH_VARIABLE.matcher(route.pattern()).replaceAll(value));
        }
        // Address routes: B's pending address request (a number, so only where an address id is expected).
        if (route.pattern().contains("{addressId}")) {
            urls.add(PATH_VARIABLE.matcher(route.pattern()).replaceAll(Long.toString(pendingAddressB.id())));
            urls.add(route.pattern().replace("{slug}", b.slug()).replace("{id}", deviceB.id().toString())
                    .replace("{addressId}", Long.toString(pendingAddressB.id())));
        }
        // Ticket files: B's ticket with B's file.
        if (route.pattern().contains("{attachmentId}")) {
            urls.add(route.pattern().replace("{id}", ticketB.toString())
                    .replace("{attachmentId}", Long.toString(ticketFileB)));
        }
        // Incident routes with a task or an evidence file: B's incident with B's task or file.
        if (route.pattern().contains("{taskId}") || route.pattern().contains("{evidenceId}")) {
            urls.add(route.pattern().replace("{id}", incidentB.toString()).replace("{taskId}", Long.toString(taskB))
                    .replace("{evidenceId}", Long.toString(evidenceB)));
        }
        // Reporting routes of an incident: B's incident with a party it really has.
        if (route.pattern().contains("{party}")) {
            urls.add(route.pattern().replace("{id}", incidentB.toString()).replace("{party}", "police"));
        }
        // B's visit with its evidence file.
        if (route.pattern().startsWith("/visits/") && route.pattern().contains("{evidenceId}")) {
            urls.add(route.pattern().replace("{id}", visitB.toString()).replace("{evidenceId}",
                    Long.toString(visitEvidenceB)));
        }
        // claims (issue 17): B's claim with its item or its invoice file.
        if (route.pattern().contains("{itemId}") || route.pattern().contains("{fileId}")) {
            urls.add(route.pattern().replace("{id}", claimB.toString()).replace("{itemId}", Long.toString(claimItemB))
                    .replace("{fileId}", Long.toString(claimFileB)));
        }
        // --- report-archive ---
        // B's report on B's company page.
        if (route.pattern().contains("{reportId}")) {
            urls.add(route.pattern().replace("{id}", b.id().toString()).replace("{reportId}", reportB.toString()));
        }
        // --- end report-archive ---
        // B's insurance policy on B's company page (policy, issue 17).
        if (route.pattern().contains("{policyId}")) {
            urls.add(route.pattern().replace("{id}", b.id().toString()).replace("{policyId}", policyB.toString()));
        }
        // Routes with two variables (tenant slug and device id): B's slug with B's device.
        if (route.pattern().contains("{slug}") && route.pattern().contains("{id}")) {
            urls.add(route.pattern().replace("{slug}", b.slug()).replace("{id}", deviceB.id().toString())
                    .replace("{addressId}", Long.toString(pendingAddressB.id())));
        }
        // --- report-letter ---
        if (route.pattern().startsWith("/my/letters/{id}")) {
            urls.add(route.pattern().replace("{id}", letterB.toString()));
        }
        // --- end report-letter ---
        return urls;
    }

    List<String> secretsOfB() {
        return List.of(addressB, pendingAddressB.address(), b.name(), b.contactEmail(), ownerB.user().login(), memberB.user().login(),
                pendingB.user().login(), deviceB.name(), deviceB.tokenPrefix(), "bravo alert", "bravo incident", "bravo flow",
                "BRAVO-SA-0042", "bravo policy text", "bravo president", "bravo officer", "bravo asset", "bravo cabinet", "bravo cloud", "bravo files",
                "bravo ticket", "bravo internal note", "bravo-file.txt",
                "bravo draft article", "bravo draft body", "bravo stray mail", "bravo stray body",
                "bravo task", "bravo-evidence.txt", "bravo evidence", "bravo incident note", "bravo message",
                "bravo reporting note",
                "bravo visit street", "bravo visit contact", "bravo visit notes", "bravo-evidence.png",
                "bravo claim item", "bravo claim issuer", "bravo-invoice.pdf",
                "BRAVO-POL-0042", "424,242", "424242", "4242424", "bravo claims desk",
                "bravo only plan");
    }

    @Test
    void everyRouteIsEnumerated() {
        List<String> patterns = routes().stream().map(Route::pattern).toList();
        // Known routes prove the enumeration reaches pages, admin screens and the API alike.
        assertThat(patterns).contains("/", "/tenants/{id}", "/users/{id}/disable", "/admin/tenants/{id}",
                "/api/v1/tenants/{id}", "/api/v1/users/{id}", "/audit", "/api/v1/audit", "/devices/{id}",
                "/api/v1/tenants/{slug}/devices/{id}", "/api/v1/tenants/{slug}/events", "/api/v1/ingest",
                // Added with the SME home's status and the staff device view (issue 14): probed like every route.
                "/devices", "/my/alerts/{id}");
        // sla (issue 16): the provider's desk settings, no company id in the route; probed like every route.
        assertThat(patterns).contains("/admin/desk");
        assertThat(patterns).contains(
                // The desk (issue 16): staff queue and ticket, canned answers, the company's help pages, the API.
                "/desk", "/desk/new", "/desk/tickets/{id}", "/desk/tickets/{id}/messages",
                "/desk/tickets/{id}/attachments/{attachmentId}", "/desk/canned", "/desk/canned/{id}", "/my/help",
                "/my/help/new", "/my/help/tickets/{id}", "/my/help/tickets/{id}/messages",
                "/my/help/tickets/{id}/attachments", "/my/help/tickets/{id}/attachments/{attachmentId}",
                "/my/help/tickets/{id}/survey", "/api/v1/tenants/{slug}/tickets", "/api/v1/tickets/{id}",
                "/api/v1/tickets/{id}/messages");
        assertThat(patterns).contains(
                // The knowledge base (issue 16, notes): staff editing, the companies' reading, the API.
                "/kb", "/kb/new", "/kb/{id}", "/kb/{id}/publish", "/kb/{id}/unpublish", "/kb/{id}/preview",
                "/my/help/articles", "/my/help/articles/{id}", "/api/v1/articles", "/api/v1/articles/{id}");
        assertThat(patterns).contains(
                // mail (issue 16): the unmatched mail is for provider staff only.
                "/desk/mail", "/desk/mail/{id}", "/desk/mail/{id}/assign", "/desk/mail/{id}/discard");
        assertThat(patterns).contains(
                // Incidents (issue 16): the staff and company pages and the API, with tasks and evidence files.
                "/incidents", "/incidents/new", "/incidents/{id}", "/incidents/{id}/status", "/incidents/{id}/owner",
                "/incidents/{id}/facts", "/incidents/{id}/tasks", "/incidents/{id}/tasks/{taskId}/done",
                "/incidents/{id}/timeline", "/incidents/{id}/messages", "/incidents/{id}/evidence",
                "/incidents/{id}/evidence/{evidenceId}", "/my/incidents", "/my/incidents/{id}",
                "/my/incidents/{id}/messages", "/my/incidents/{id}/tasks/{taskId}/done", "/api/v1/incidents",
                "/api/v1/incidents/{id}", "/api/v1/incidents/{id}/tasks", "/api/v1/incidents/{id}/tasks/{taskId}/done",
                "/api/v1/incidents/{id}/timeline", "/api/v1/incidents/{id}/evidence/{evidenceId}",
                // routing (issue 16): the reporting page, its forms and API.
                "/incidents/{id}/reporting", "/incidents/{id}/reporting/facts", "/incidents/{id}/reporting/{party}/sent",
                "/incidents/{id}/reporting/{party}/not-needed", "/api/v1/incidents/{id}/reporting",
                "/api/v1/incidents/{id}/reporting/facts", "/api/v1/incidents/{id}/reporting/{party}/sent",
                "/api/v1/incidents/{id}/reporting/{party}/not-needed",
                // On-site dispatch (issue 16): staff pages, the responder's pages and the API.
                "/dispatch", "/dispatch/visits/{id}", "/dispatch/visits/{id}/assign", "/dispatch/visits/{id}/cancel",
                "/dispatch/incidents/{incidentId}/visits/new", "/dispatch/incidents/{incidentId}/visits",
                "/dispatch/responders", "/dispatch/responders/{userId}", "/visits", "/visits/{id}",
                "/visits/{id}/check-in", "/visits/{id}/record", "/visits/{id}/check-out", "/visits/{id}/evidence",
                "/visits/{id}/evidence/{evidenceId}", "/api/v1/incidents/{id}/visits", "/api/v1/visits",
                "/api/v1/visits/{id}", "/api/v1/visits/{id}/assign", "/api/v1/visits/{id}/check-in",
                "/api/v1/visits/{id}/check-out", "/api/v1/visits/{id}/cancel", "/api/v1/visits/{id}/evidence");
        assertThat(patterns).contains(
                // statement (issue 17): the usage statements of a company (pages, PDF, CSV, API), probed with B's
                // id and slug; B's figures come from B's device, alert, incident, ticket and visit made above.
                "/tenants/{id}/statements", "/tenants/{id}/statements/pdf", "/tenants/{id}/statements/csv",
                "/my/statements", "/my/statements/pdf", "/my/statements/csv", "/api/v1/tenants/{slug}/statements");
        // retention (issue 17): provider-wide settings (no company data, so no B ids to add); probed like every route.
        assertThat(patterns).contains("/admin/retention", "/admin/retention/run", "/api/v1/retention");
        assertThat(patterns).contains(
                // claims (issue 17): staff and insurer pages, the owner's pages and the API.
                "/claims", "/claims/{id}", "/claims/{id}/submit", "/claims/{id}/approve", "/claims/{id}/partial",
                "/claims/{id}/files/{fileId}", "/claims/{id}/pack.pdf", "/my/claims", "/my/claims/{id}",
                "/api/v1/incidents/{id}/claims", "/api/v1/claims", "/api/v1/claims/{id}",
                "/api/v1/claims/{id}/submit", "/api/v1/claims/{id}/request-info", "/api/v1/claims/{id}/answer",
                "/api/v1/claims/{id}/approve", "/api/v1/claims/{id}/reject", "/api/v1/claims/{id}/paid",
                "/api/v1/claims/{id}/invoices", "/api/v1/claims/{id}/items/{itemId}", "/api/v1/claims/{id}/pack.pdf",
                "/api/v1/claims/{id}/pack.zip");
        assertThat(patterns).contains(
                // policy (issue 17): insurers (admin), a company's policy (staff), the owner's page and the API.
                "/admin/insurers", "/admin/insurers/{id}", "/admin/insurers/members/{userId}", "/tenants/{id}/policy",
                "/tenants/{id}/policy/{policyId}", "/my/insurance", "/api/v1/insurers", "/api/v1/insurers/{id}",
                "/api/v1/insurers/{id}/users/{userId}", "/api/v1/tenants/{slug}/policy");
        assertThat(patterns).contains(
                // Plans and contracts (issue 17, plan): the admin's plans, the staff contract page, the owner's page
                // and the API; probed with B's plan and B's company.
                "/admin/plans", "/admin/plans/{id}", "/admin/plans/{id}/retired", "/tenants/{id}/contract",
                "/my/contract", "/api/v1/plans", "/api/v1/plans/{id}", "/api/v1/tenants/{slug}/contract");
        // offboard (issue 17): the staff offboarding page with its export, the company's data page, the API.
        // --- report-archive ---
        assertThat(patterns).contains("/tenants/{id}/reports", "/tenants/{id}/reports/generate",
                "/tenants/{id}/reports/{reportId}/comment", "/tenants/{id}/reports/{reportId}/send",
                "/tenants/{id}/reports/pdf", "/reports", "/my/reports", "/my/reports/pdf",
                "/api/v1/tenants/{slug}/reports", "/api/v1/reports/{id}");
        // --- end report-archive ---
        assertThat(patterns).contains("/tenants/{id}/offboarding", "/tenants/{id}/offboarding/cancel",
                "/tenants/{id}/offboarding/export", "/my/data", "/my/data/export", "/api/v1/tenants/{slug}/export",
                "/api/v1/tenants/{slug}/offboarding");
        // --- report-stats ---
        // Program statistics (issue 18): provider-wide figures, staff only; probed like every route (403 for companies).
        assertThat(patterns).contains("/statistics", "/statistics.csv", "/statistics.pdf", "/api/v1/statistics");
        // --- report-letter ---
        // Proof-of-check letters (issue 18): the owner's pages (probed with B's letter), staff's list, the public page.
        assertThat(patterns).contains("/my/letters", "/my/letters/{id}", "/my/letters/{id}/pdf",
                "/my/letters/{id}/revoke", "/tenants/{id}/letters", "/v/{token}");
        // --- end report-letter ---
    }

    @Test
    void companyUsersGetNothingOfAnotherCompanyOnAnyRoute() throws Exception {
        for (Login who : List.of(ownerA, memberA)) {
            probeAll(who, true);
        }
        assertBUnchanged();
    }

    @Test
    void responderAndInsurerSeeNoCompanyDataBeforeTheyAreAssigned() throws Exception {
        probeAll(world.staff(Role.RESPONDER, true), false);
        probeAll(world.staff(Role.INSURER, true), false);
        assertBUnchanged();
    }

    private void probeAll(Login who, boolean requireDenialOnIds) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Route route : routes()) {
            for (String url : urls(route)) {
                MvcResult result = mvc.perform(request(route.method(), url).with(authentication(world.authentication(who))))
                        .andReturn();
                int status = result.getResponse().getStatus();
                String body = result.getResponse().getContentAsString();
                String where = who.user().role() + " " + route.method() + " " + url + " -> " + status;
                for (String secret : secretsOfB()) {
                    if (body.contains(secret)) {
                        failures.add(where + " leaked " + secret);
                    }
                }
                // Spring's /error renders a failed request's error; opened directly it has none and says 500.
                if (status >= 500 && !route.pattern().equals("/error")) {
                    failures.add(where + " server error");
                }
                // Receivers authenticate devices, not users: a session gets 401 there, which is also a denial.
                boolean receiver = route.pattern().endsWith("/_bulk") || route.pattern().equals("/api/v1/ingest");
                if (receiver && status != 401 && status != 405) {
                    failures.add(where + " a receiver accepted a user session");
                }
                boolean hasIdOfB = !url.equals(route.pattern()) && !url.startsWith("/invite/") && !receiver;
                if (requireDenialOnIds && hasIdOfB && status != 403 && status != 404 && status != 400) {
                    failures.add(where + " should be 403/404 for another company's id");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private MockHttpServletRequestBuilder request(HttpMethod method, String url) {
        MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(method, url).with(csrf());
        if (method == HttpMethod.GET) {
            return builder;
        }
        if (url.startsWith("/api/")) {
            // A JSON body aimed at B: valid enough to reach the service layer.
            return builder.contentType(MediaType.APPLICATION_JSON).content("""
                    {"name":"Hijacked","industry":"E","employeeBand":"1-5","prefecture":"13",
                     "email":"%s","displayName":"Mallory","role":"TENANT_OWNER","tenantId":"%s",
                     "kind":"utm","format":"auto","sourceIps":["192.0.2.66"]}"""
                    .formatted(TestWorld.unique("mallory") + "@evil.example.jp", b.id()));
        }
        return builder.param("name", "Hijacked").param("industry", "E").param("employeeBand", "1-5")
                .param("prefecture", "13").param("email", TestWorld.unique("mallory") + "@evil.example.jp")
                .param("displayName", "Mallory").param("role", "TENANT_OWNER").param("tenantId", b.id().toString())
                .param("code", "123456").param("current", "x").param("password", "x").param("confirm", "x")
                .param("kind", "utm").param("format", "auto").param("sourceIps", "192.0.2.66");
    }

    /** A fresh address per use: one address belongs to one device in the whole provider. */
    static String nextAddress(String prefix) {
        int n = ADDRESSES.incrementAndGet();
        return prefix + (n / 250) + "." + (1 + n % 250);
    }

    @Test
    void anotherCompanysOwnerCannotClaimASyslogAddressByFormOrApiAndItsSyslogKeepsLandingInTheOwnersCompany()
            throws Exception {
        String addressA = nextAddress("127.0.");
        var deviceA = devices.register(admin.actor(), a.id(), new jp.sukedachi.app.device.DeviceDraft(
                TestWorld.unique("alpha-utm"), "utm", "auto", List.of(addressA))).device();
        String pendingA = nextAddress("198.18.");
        devices.addAddress(ownerA.actor(), deviceA.id(), pendingA);
        var bAuth = authentication(world.authentication(ownerB));
        for (String wanted : List.of(addressA, pendingA)) {
            // API: register a device with A's address, or add it to B's own device: 409, naming no company.
            MvcResult api = mvc.perform(MockMvcRequestBuilders.post("/api/v1/tenants/" + b.slug() + "/devices").with(bAuth)
                    .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                            {"name":"%s","kind":"utm","format":"auto","sourceIps":["%s"]}"""
                            .formatted(TestWorld.unique("hijack"), wanted))).andReturn();
            assertThat(api.getResponse().getStatus()).isEqualTo(409);
            assertThat(api.getResponse().getContentAsString()).contains(wanted).doesNotContain(a.name())
                    .doesNotContain(deviceA.name());
            MvcResult add = mvc.perform(MockMvcRequestBuilders.post("/api/v1/tenants/" + b.slug() + "/devices/"
                    + deviceB.id() + "/addresses").with(bAuth).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"address\":\"" + wanted + "\"}")).andReturn();
            assertThat(add.getResponse().getStatus()).isEqualTo(409);
            // Web form: the register form and the device page's address form refuse it in plain words.
            MvcResult form = mvc.perform(MockMvcRequestBuilders.post("/tenants/" + b.id() + "/devices").with(bAuth).with(csrf())
                    .param("name", TestWorld.unique("hijack")).param("kind", "utm").param("sourceIps", wanted)).andReturn();
            assertThat(form.getResponse().getContentAsString()).contains(wanted).doesNotContain(a.name())
                    .doesNotContain(deviceA.name()).doesNotContain("created-token");
            MvcResult pageForm = mvc.perform(MockMvcRequestBuilders.post("/devices/" + deviceB.id() + "/addresses")
                    .with(bAuth).with(csrf()).param("address", wanted)).andReturn();
            assertThat(pageForm.getResponse().getContentAsString()).contains(wanted).doesNotContain(a.name());
        }
        // The database itself refuses a second device on one address, whatever a service might miss.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                insert into device_address (device_id, tenant_id, address, status, claim, requested_at)
                values (:d, :t, :a, 'confirmed', :a, current_timestamp)""").param("d", deviceB.id()).param("t", b.id())
                .param("a", addressA).update()).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        // B sees neither A's requests nor the staff queue.
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/device-addresses").with(bAuth)).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/api/v1/device-addresses").with(bAuth)).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/api/v1/tenants/" + a.slug() + "/devices/" + deviceA.id()
                + "/addresses").with(bAuth)).andReturn().getResponse().getStatus()).isIn(403, 404);
        assertThat(deviceRepository.findByTenant(admin.actor(), b.id())).extracting(jp.sukedachi.app.device.Device::id)
                .containsExactly(deviceB.id());
        // Syslog from A's address still lands in A, and nothing of it in B.
        String line = "<134>Nov 22 10:00:00 fw1 sshd[123]: Failed password for invalid user alpha from 203.0.113.9 port 4444 ssh2";
        try (var udp = new java.net.DatagramSocket(new java.net.InetSocketAddress(java.net.InetAddress.getByName(addressA), 0))) {
            byte[] data = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            udp.send(new java.net.DatagramPacket(data, data.length, java.net.InetAddress.getLoopbackAddress(), syslog.port()));
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (recent.latest(deviceA.id(), 10).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(recent.latest(deviceA.id(), 10)).extracting(e -> e.raw()).containsExactly(line);
        assertThat(recent.latest(deviceB.id(), 10)).isEmpty();
        assertBUnchanged();
    }

    @Test
    void anOwnersAddressRoutesNothingUntilStaffConfirmItAndStaffSeeEveryRequest() throws Exception {
        String wanted = nextAddress("127.0.");
        var requested = devices.register(ownerA.actor(), a.id(), new jp.sukedachi.app.device.DeviceDraft(
                TestWorld.unique("alpha-fw"), "utm", "auto", List.of(wanted)));
        assertThat(requested.device().sourceIps()).isEmpty();
        assertThat(requested.requestedIps()).containsExactly(wanted);
        var deviceA = requested.device();
        String line = "<134>Nov 22 10:00:00 fw1 sshd[123]: Failed password for invalid user pending from 203.0.113.9 port 4444 ssh2";
        byte[] data = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var udp = new java.net.DatagramSocket(new java.net.InetSocketAddress(java.net.InetAddress.getByName(wanted), 0))) {
            long unknown = syslog.stats().unknownSource();
            udp.send(new java.net.DatagramPacket(data, data.length, java.net.InetAddress.getLoopbackAddress(), syslog.port()));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (syslog.stats().unknownSource() == unknown && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(syslog.stats().unknownSource()).isEqualTo(unknown + 1);
            assertThat(recent.latest(deviceA.id(), 10)).isEmpty();
            // The device page says it waits; the staff queue lists it (with B's pending request too).
            assertThat(mvc.perform(MockMvcRequestBuilders.get("/devices/" + deviceA.id())
                    .with(authentication(world.authentication(ownerA)))).andReturn().getResponse().getContentAsString())
                    .contains(wanted).contains("data-status=\"REQUESTED\"");
            var analyst = world.staff(Role.ANALYST, true);
            String queue = mvc.perform(MockMvcRequestBuilders.get("/device-addresses")
                    .with(authentication(world.authentication(analyst)))).andReturn().getResponse().getContentAsString();
            assertThat(queue).contains(wanted).contains(pendingAddressB.address());
            long id = addressRepository.findByDevice(admin.actor(), deviceA.id()).getFirst().id();
            assertThat(mvc.perform(MockMvcRequestBuilders.post("/device-addresses/" + id + "/confirm").with(csrf())
                    .with(authentication(world.authentication(ownerA)))).andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(mvc.perform(MockMvcRequestBuilders.post("/device-addresses/" + id + "/confirm").with(csrf())
                    .with(authentication(world.authentication(analyst)))).andReturn().getResponse().getStatus()).isEqualTo(302);
            // Confirmed: the very next datagram routes to A's device.
            udp.send(new java.net.DatagramPacket(data, data.length, java.net.InetAddress.getLoopbackAddress(), syslog.port()));
            deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (recent.latest(deviceA.id(), 10).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(recent.latest(deviceA.id(), 10)).extracting(e -> e.raw()).containsExactly(line);
        }
        var audit = jdbc.sql("select action from audit_event where target like :t order by id")
                .param("t", "%" + wanted).query(String.class).list();
        assertThat(audit).containsSubsequence("DEVICE_ADDRESS_REQUESTED", "DEVICE_ADDRESS_CONFIRMED");
    }

    private void assertBUnchanged() {
        Actor adminActor = admin.actor();
        Tenant now = tenants.find(adminActor, b.id()).orElseThrow();
        // --- report-archive ---
        assertReportOfBUnchanged();
        // --- end report-archive ---
        // --- report-letter ---
        // B's letter is still valid and B's only: nobody else revoked it or made one for B.
        assertThat(jdbc.sql("select count(*) from proof_letter where tenant_id = :t and revoked_at is null")
                .param("t", b.id()).query(Long.class).single()).isEqualTo(1);
        // --- end report-letter ---
        // B's claim is as staff submitted it: nobody else changed its status, costs or files.
        var claim = claims.get(adminActor, claimB);
        assertThat(claim.status()).isEqualTo(jp.sukedachi.app.insurance.ClaimStatus.SUBMITTED);
        assertThat(claim.items()).hasSize(2);
        assertThat(claim.files()).hasSize(1);
        var visit = visits.find(adminActor, visitB).orElseThrow();
        assertThat(visit.status()).isEqualTo(jp.sukedachi.app.dispatch.VisitStatus.ON_SITE);
        assertThat(visit.address()).isEqualTo("bravo visit street 1-2-3");
        assertThat(visit.workDone()).isNull();
        var alert = alertRepository.find(adminActor, alertB).orElseThrow();
        assertThat(alert.status()).isEqualTo(jp.sukedachi.app.triage.Alert.Status.NEW);
        assertThat(alertRepository.history(adminActor, alertB)).extracting(h -> h.action())
                .containsExactly("CREATED", "PROMOTED");
        assertThat(now.name()).isEqualTo(b.name());
        var ticket = tickets.get(adminActor, ticketB);
        assertThat(ticket.status()).isEqualTo(jp.sukedachi.app.desk.TicketStatus.NEW);
        assertThat(tickets.messages(adminActor, ticketB)).extracting(m -> m.body())
                .containsExactly("bravo internal note");
        assertThat(now.contactEmail()).isEqualTo(b.contactEmail());
        List<AppUser> usersOfB = users.findVisible(adminActor, b.id());
        assertThat(usersOfB).extracting(AppUser::login)
                .containsExactlyInAnyOrder(ownerB.user().login(), memberB.user().login(), pendingB.user().login());
        assertThat(usersOfB).filteredOn(u -> !u.id().equals(pendingB.user().id()))
                .allMatch(u -> u.status() == AppUser.Status.ACTIVE);
        // B's self-check history and declarations are B's own: nobody answered or declared for B.
        assertThat(selfCheckRepository.history(adminActor, b.id(), 10)).extracting(a -> a.id()).containsExactly(selfCheckB);
        assertThat(securityAction.status(adminActor, b.id()).latest().code()).isEqualTo("BRAVO-SA-0042");
        assertThat(securityAction.status(adminActor, b.id()).rules()).containsOnly(false);
        // No device was registered for B by anyone else.
        assertThat(deviceRepository.findByTenant(adminActor, b.id())).extracting(jp.sukedachi.app.device.Device::id)
                .containsExactly(deviceB.id());
        // B's syslog addresses are as B and the provider left them: one confirmed, one still requested.
        assertThat(addressRepository.findByDevice(adminActor, deviceB.id())).extracting(a -> a.address() + " " + a.status())
                .containsExactly(addressB + " CONFIRMED", pendingAddressB.address() + " REQUESTED");
        // B's self-help documents are as B left them, and B's policy is still public.
        var policyB = policyRepository.find(adminActor, b.id()).orElseThrow();
        assertThat(policyB.headName()).isEqualTo("bravo president");
        assertThat(policyB.published()).isTrue();
        assertThat(assetRepository.findByTenant(adminActor, b.id())).extracting(a -> a.name()).containsExactly("bravo asset");
        assertThat(cloudRepository.findByTenant(adminActor, b.id())).extracting(c -> c.name() + " " + c.answers())
                .containsExactly("bravo cloud uuuuuuuuuuuuuu");
        assertThat(lessonRepository.ofCompany(adminActor, b.id())).extracting(r -> r.userId() + " " + r.attempts())
                .containsExactly(memberB.user().id() + " 1");
        // Nobody but staff published or changed the knowledge-base draft.
        var draft = knowledgeBase.get(adminActor, articleDraft);
        assertThat(draft.status()).isEqualTo(jp.sukedachi.app.desk.Article.Status.DRAFT);
        assertThat(draft.titleJa()).isEqualTo("bravo draft article");
        // B's incident is as the provider and B left it: same status, task not done, no entry or message added.
        var incident = incidents.get(adminActor, incidentB);
        assertThat(incident.status()).isEqualTo(jp.sukedachi.app.incident.IncidentStatus.OPEN);
        assertThat(incident.title()).isEqualTo("bravo incident");
        assertThat(incidents.tasks(adminActor, incidentB)).filteredOn(t -> t.id() == taskB)
                .allMatch(t -> !t.done());
        assertThat(incidents.timeline(adminActor, incidentB)).hasSize(timelineOfB);
        assertThat(incidents.messages(adminActor, incidentB)).extracting(m -> m.body()).containsExactly("bravo message");
        assertThat(incidents.evidence(adminActor, incidentB)).hasSize(1);
        // B's reporting facts and duties are as staff left them: police sent with its note, the PPC's still to do.
        assertThat(jdbc.sql("select party || ' ' || status || ' ' || coalesce(note, '') from incident_report_duty"
                + " where incident_id = :i and party in ('POLICE', 'PPC_PRELIMINARY') order by party")
                .param("i", incidentB).query(String.class).list())
                .containsExactly("POLICE SENT bravo reporting note", "PPC_PRELIMINARY TODO ");
        assertThat(jdbc.sql("select people from incident_report_facts where incident_id = :i").param("i", incidentB)
                .query(Integer.class).single()).isEqualTo(12);
        // B's insurance policy is as staff recorded it (policy, issue 17).
        assertThat(insurancePolicies.ofCompany(adminActor, b.id())).singleElement().satisfies(p -> {
            assertThat(p.policyId()).isEqualTo(this.policyB);
            assertThat(p.policyNumber()).isEqualTo("BRAVO-POL-0042");
            assertThat(p.deductibleYen()).isEqualTo(42_424);
            assertThat(p.lines()).extracting(l -> l.perClaimLimitYen()).containsExactly(424_242L);
        });
        // B's contract and plan are as the provider set them (issue 17, plan).
        var contractB = planService.contractOf(b.id(), java.time.LocalDate.of(2026, 6, 1)).orElseThrow();
        assertThat(contractB.planId()).isEqualTo(planB);
        assertThat(contractB.devices() + " " + contractB.endpoints()).isEqualTo("1 7");
        assertThat(planService.history(adminActor, b.id()).contracts()).hasSize(1);
        var planOfB = planService.plan(adminActor, planB);
        assertThat(planOfB.retired()).isFalse();
        assertThat(planOfB.monthlyYen() + " " + planOfB.perDeviceYen()).isEqualTo("9000 1000");
    }
}
