package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.desk.TicketCategory;
import jp.sukedachi.app.desk.TicketChannel;
import jp.sukedachi.app.desk.TicketPriority;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.VisitRequest;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff home counts the human half of the service — desk requests (open, nobody's, past their target), open
 * incidents and reports past their deadline, visits (open, nobody's, today) — by the same rules as the desk, incident and dispatch queues, and moves
 * when the work does. Companies, responders and insurers never get the section.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class StaffHomeWorkCountsTest {
    private static final List<String> COUNTS = List.of("count-desk-active", "count-desk-unassigned",
            "count-desk-breached", "count-work-incidents", "count-reporting-overdue", "count-open-incidents", "count-visits-open",
            "count-visits-unassigned", "count-visits-overdue", "count-visits-today");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    Tickets tickets;
    @Autowired
    Incidents incidents;
    @Autowired
    Visits visits;

    @Test
    void theStaffHomeCountsRequestsIncidentsAndVisitsAsTheWorkArrives() throws Exception {
        Login analyst = world.staff(Role.ANALYST, true);
        Login admin = world.admin();
        Tenant company = world.tenant(admin.actor(), "Work Counts");
        Map<String, Long> before = counts(analyst);

        // A HIGH phone call from ten days ago has long missed its 4-business-hour first answer; a LOW one just came in.
        Instant now = Instant.now();
        var oldCall = tickets.open(analyst.actor(), company.id(), new Tickets.Draft("old call", "nobody answered",
                TicketCategory.SUSPICIOUS, TicketPriority.HIGH, TicketChannel.PHONE, now.minus(Duration.ofDays(10)),
                "caller", null));
        tickets.open(analyst.actor(), company.id(), new Tickets.Draft("new call", "just now", TicketCategory.QUESTION,
                TicketPriority.LOW, TicketChannel.PHONE, now, "caller", null));
        var incident = incidents.openForCompany(analyst.actor(), company.id(),
                new Incidents.Opening("work counts case", IncidentType.RANSOMWARE, "HIGH"));
        // A ransomware case the company learnt of ten days ago (the old call): the police and the insurer should have
        // been told long ago — counted although nobody has opened the case's reporting page yet.
        incidents.openFromTicket(analyst.actor(), oldCall.id(), company.id(), oldCall.subject(), oldCall.receivedAt(),
                new Incidents.Opening(null, IncidentType.RANSOMWARE, "HIGH"));
        Instant windowStart = now.plus(Duration.ofMinutes(5));
        visits.request(analyst.actor(), incident.id(), new VisitRequest(windowStart, windowStart.plus(Duration.ofHours(2)),
                "1-2-3 Work Street", "contact", "06-0000-0000", null));

        Map<String, Long> after = counts(analyst);
        boolean windowIsToday = LocalDate.ofInstant(windowStart, Formats.TOKYO)
                .equals(LocalDate.ofInstant(Instant.now(), Formats.TOKYO));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("count-desk-active", 2L);
        expected.put("count-desk-unassigned", 2L);
        expected.put("count-desk-breached", 1L);
        expected.put("count-work-incidents", 2L);
        expected.put("count-open-incidents", 2L);
        expected.put("count-visits-open", 1L);
        expected.put("count-visits-unassigned", 1L);
        expected.put("count-visits-overdue", 0L);
        expected.put("count-visits-today", windowIsToday ? 1L : 0L);
        Map<String, Long> delta = new LinkedHashMap<>();
        COUNTS.forEach(id -> delta.put(id, after.get(id) - before.get(id)));
        assertThat(delta.remove("count-reporting-overdue")).as("reports past their deadline").isGreaterThanOrEqualTo(2);
        assertThat(delta).isEqualTo(expected);
        // The admin reads the same numbers.
        assertThat(counts(admin)).isEqualTo(after);
    }

    @Test
    void companiesRespondersAndInsurersGetNoWorkCounts() throws Exception {
        Login admin = world.admin();
        Tenant company = world.tenant(admin.actor(), "No Counts");
        for (Login who : List.of(world.smeUser(company, Role.TENANT_OWNER), world.staff(Role.RESPONDER, true),
                world.staff(Role.INSURER, true))) {
            String html = home(who);
            assertThat(html).as(who.user().role().name()).doesNotContain("id=\"staff-work\"")
                    .doesNotContain("count-desk-breached");
        }
    }

    private Map<String, Long> counts(Login who) throws Exception {
        String html = home(who);
        assertThat(html).contains("id=\"staff-work\"");
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (String id : COUNTS) {
            int at = html.indexOf("id=\"" + id + "\"");
            assertThat(at).as(id).isNotNegative();
            String rest = html.substring(html.indexOf('>', at) + 1);
            numbers.put(id, Long.parseLong(rest.substring(0, rest.indexOf('<')).strip()));
        }
        return numbers;
    }

    private String home(Login who) throws Exception {
        var response = mvc.perform(get("/").with(authentication(world.authentication(who)))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }
}
