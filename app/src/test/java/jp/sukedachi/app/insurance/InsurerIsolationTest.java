package jp.sukedachi.app.insurance;

import jp.sukedachi.app.support.Routes;
import jp.sukedachi.app.support.Routes.Route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;


import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Insurer isolation (contracts.md §6): an insurer's staff member tries every route the application has (read from
 * Spring MVC's handler mapping, so a route added tomorrow is covered) with another insurer's claim, a DRAFT claim
 * of their own insurer, and every object of the insured company outside the claim pack (the company, its owner,
 * alerts, incidents, tickets, visits, devices, self-check) — every such request is refused (403/404/400/405).
 * Then every GET route with the insurer's own submitted claim: whatever it answers holds nothing outside the pack.
 * No response of either probe contains the company's data outside the pack, and nothing was changed.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class InsurerIsolationTest {
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ClaimFixture fixture;
    @Autowired
    TestWorld world;
    @Autowired
    Claims claims;
    @Autowired
    Incidents incidents;
    @Autowired
    Tickets tickets;
    @Autowired
    jp.sukedachi.app.device.DeviceService devices;
    @Autowired
    jp.sukedachi.app.triage.Triage triage;
    @Autowired
    jp.sukedachi.app.triage.AlertRepository alerts;
    @Autowired
    jp.sukedachi.app.selfcheck.SelfCheckService selfChecks;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ClaimFixture.World w;
    Claim own;
    Claim draft;
    Claim otherInsurers;
    Incident incident;
    UUID ticket;
    UUID alert;
    UUID device;
    UUID visit;
    UUID selfCheck;
    Incident otherIncident;

    @BeforeEach
    void anInsuredCompanyWithDataInsideAndOutsideThePack() {
        w = fixture.company("被保険精工");
        var admin = w.admin().actor();
        ticket = tickets.open(w.owner().actor(), w.tenant().id(), new Tickets.Draft("サーバー停止の相談",
                "SECRET-ticket-body 工場のサーバーが止まりました", null, null, null, null, null, null)).id();
        tickets.post(admin, ticket, "SECRET-ticket-note", true);
        tickets.logTime(admin, ticket, 20, "SECRET-time-note");
        incident = incidents.openFromTicket(admin, ticket, w.tenant().id(), "サーバー停止", java.time.Instant.now(),
                new Incidents.Opening("サーバー停止", IncidentType.RANSOMWARE, "HIGH"));
        incidents.addNote(admin, incident.id(), "SECRET-internal-note", false);
        incidents.addEvidence(admin, incident.id(), "SECRET-evidence.txt", "text/plain",
                "SECRET-evidence-content".getBytes(StandardCharsets.UTF_8), "SECRET-evidence-note");
        visit = fixture.completedVisit(w, incident, 90, 20).id();
        device = devices.register(admin, w.tenant().id(), new jp.sukedachi.app.device.DeviceDraft("SECRET-utm", "utm",
                "auto", List.of())).device().id();
        var event = jp.sukedachi.event.SecurityEvent.builder("test")
                .tenant(new jp.sukedachi.event.TenantId(w.tenant().id())).device(new jp.sukedachi.event.DeviceId(device))
                .timestamp(System.currentTimeMillis()).received(0).raw("SECRET-flow").build();
        triage.apply(List.of(new jp.sukedachi.event.Detection(event.tenant(), event.device(), event.timestampMillis(),
                "intel", "IPV4:203.0.113.7", "SECRET alert", jp.sukedachi.event.Detection.Severity.HIGH,
                jp.sukedachi.event.Category.C2, event, Map.of())));
        alert = alerts.findByTenant(admin, w.tenant().id(), null, null, 1).getFirst().id();
        selfCheck = selfChecks.submit(w.owner().actor(), w.tenant().id(), java.util.Collections.nCopies(25,
                jp.sukedachi.app.selfcheck.Answer.PARTLY)).id();
        own = claims.open(admin, incident.id());
        claims.addItem(admin, own.id(), CoverageLine.FORENSIC, "ログ解析", 120_000L);
        own = claims.submit(admin, own.id());
        draft = claims.open(admin, fixture.incident(w, "下書きの件", 0).id());
        claims.addItem(admin, draft.id(), CoverageLine.FORENSIC, "SECRET-draft-item", 1_000L);
        ClaimFixture.World other = fixture.company("他社損保の会社");
        otherIncident = fixture.incident(other, "SECRET-other-incident", 0);
        otherInsurers = claims.open(other.admin().actor(), otherIncident.id());
        claims.addItem(other.admin().actor(), otherInsurers.id(), CoverageLine.FORENSIC, "SECRET-other-item", 5_000L);
        otherInsurers = claims.submit(other.admin().actor(), otherInsurers.id());
    }

    /** What the insured company has that is not in the pack: none of it may reach the insurer. */
    List<String> outsideThePack() {
        return List.of("SECRET-ticket-body", "SECRET-ticket-note", "SECRET-internal-note", "SECRET-evidence",
                "SECRET-utm", "SECRET alert", "SECRET-flow", "SECRET-draft-item", "SECRET-other", w.owner().user().login(),
                w.tenant().contactEmail(), "東京都大田区下丸子", "感染端末を隔離し");
    }

    List<Route> routes() {
        return Routes.all(mappings);
    }

    /** Every id that is not the insurer's to see, in every path variable; claims' items and files too. */
    List<String> deniedUrls(Route route) {
        if (!PATH_VARIABLE.matcher(route.pattern()).find()) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        for (String value : List.of(otherInsurers.id().toString(), draft.id().toString(), w.tenant().id().toString(),
                w.tenant().slug(), w.owner().user().id().toString(), incident.id().toString(),
                otherIncident.id().toString(), ticket.toString(), alert.toString(), device.toString(),
                visit.toString(), selfCheck.toString())) {
            urls.add(PATH_VARIABLE.matcher(route.pattern()).replaceAll(value));
        }
        if (route.pattern().contains("{itemId}") || route.pattern().contains("{fileId}")) {
            for (Claim c : List.of(otherInsurers, claims.get(w.admin().actor(), draft.id()))) {
                long item = c.items().getFirst().id();
                urls.add(route.pattern().replace("{id}", c.id().toString()).replace("{itemId}", Long.toString(item))
                        .replace("{fileId}", Long.toString(item)));
            }
        }
        if (route.pattern().contains("{slug}") && route.pattern().contains("{id}")) {
            urls.add(PATH_VARIABLE.matcher(route.pattern().replace("{slug}", w.tenant().slug())
                    .replace("{id}", device.toString())).replaceAll("1"));
        }
        return urls;
    }

    private MockHttpServletRequestBuilder request(HttpMethod method, String url) {
        MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(method, url).with(csrf())
                .with(authentication(world.authentication(w.insurerUser())));
        if (method == HttpMethod.GET) {
            return builder;
        }
        if (url.startsWith("/api/")) {
            return builder.contentType(MediaType.APPLICATION_JSON).content("{\"question\":\"q\",\"reason\":\"r\","
                    + "\"paidOn\":\"2026-01-01\",\"tenantId\":\"" + w.tenant().id() + "\"}");
        }
        return builder.param("incidentId", incident.id().toString()).param("tenantId", w.tenant().id().toString())
                .param("reason", "r").param("question", "q");
    }

    @Test
    void anInsurerIsRefusedEveryObjectOutsideItsClaimPacksOnEveryRouteAndReadsNothingElse() throws Exception {
        List<String> failures = new ArrayList<>();
        int probed = 0;
        for (Route route : routes()) {
            boolean receiver = route.pattern().endsWith("/_bulk") || route.pattern().equals("/api/v1/ingest");
            for (String url : deniedUrls(route)) {
                if (url.startsWith("/invite/") || receiver) {
                    continue;
                }
                var r = mvc.perform(request(route.method(), url)).andReturn().getResponse();
                probed++;
                String where = route.method() + " " + url + " -> " + r.getStatus();
                if (!Set.of(400, 403, 404, 405).contains(r.getStatus())) {
                    failures.add(where + " should be refused");
                }
                leaks(where, r.getContentAsString(), failures);
            }
            // Routes without an id, and the insurer's own claim on every GET route: nothing outside the pack.
            List<String> readable = PATH_VARIABLE.matcher(route.pattern()).find()
                    ? (route.method() == HttpMethod.GET ? List.of(PATH_VARIABLE.matcher(route.pattern())
                            .replaceAll(own.id().toString())) : List.of())
                    : (route.method() == HttpMethod.GET && !receiver ? List.of(route.pattern()) : List.of());
            for (String url : readable) {
                var r = mvc.perform(request(HttpMethod.GET, url)).andReturn().getResponse();
                probed++;
                String where = "GET " + url + " -> " + r.getStatus();
                if (r.getStatus() >= 500 && !url.equals("/error")) {
                    failures.add(where + " server error");
                }
                leaks(where, r.getContentAsString(), failures);
            }
        }
        assertThat(probed).isGreaterThan(500);
        assertThat(failures).isEmpty();
        // The insurer's own claim is readable, as its pack; and nothing was changed by the probe.
        assertThat(mvc.perform(request(HttpMethod.GET, "/claims/" + own.id())).andReturn().getResponse()
                .getContentAsString()).contains("id=\"pack-company\"").contains(w.tenant().name());
        assertThat(claims.get(w.admin().actor(), otherInsurers.id()).status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claims.get(w.admin().actor(), draft.id()).status()).isEqualTo(ClaimStatus.DRAFT);
        assertThat(claims.get(w.admin().actor(), draft.id()).items()).hasSize(1);
        assertThat(claims.get(w.admin().actor(), own.id()).status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claims.list(w.admin().actor(), Set.of()).items()).filteredOn(c -> c.incidentId()
                .equals(incident.id())).hasSize(1);
    }

    private void leaks(String where, String body, List<String> failures) {
        for (String secret : outsideThePack()) {
            if (body.contains(secret)) {
                failures.add(where + " leaked " + secret);
            }
        }
    }
}
