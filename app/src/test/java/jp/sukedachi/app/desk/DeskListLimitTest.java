package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A desk list cut at its limit says so — on the staff queue, on the company's 困ったときは and in the API (a header) —
 * and a short list says nothing of the kind. Its own class and database: its 301 tickets would push other tests'
 * tickets out of the shared staff queue.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.desk.attachment-max-bytes=2048"})
@AutoConfigureMockMvc
class DeskListLimitTest {
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
    ObjectMapper json;

    Login admin;
    Login analyst;
    Tenant a;
    Tenant b;
    Login ownerA;
    Login ownerB;

    @BeforeEach
    void companies() {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        a = world.tenant(admin.actor(), TestWorld.unique("Help A"));
        b = world.tenant(admin.actor(), TestWorld.unique("Help B"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        ownerB = world.smeUser(b, Role.TENANT_OWNER);
    }

    MockHttpServletResponse call(Login who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn()
                .getResponse();
    }

    String page(Login who, String url) throws Exception {
        MockHttpServletResponse r = call(who, get(url));
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aListLongerThanItsLimitSaysSoOnThePagesAndInTheApiInsteadOfEndingSilently() throws Exception {
        for (int i = 0; i <= Tickets.LIST_MAX; i++) {
            tickets.open(analyst.actor(), a.id(), new Tickets.Draft("call " + i, "body", TicketCategory.QUESTION,
                    TicketPriority.LOW, TicketChannel.PHONE, null, "caller", null));
        }
        MockHttpServletResponse api = call(analyst, get("/api/v1/tenants/" + a.slug() + "/tickets"));
        assertThat(api.getHeader("X-Sukedachi-Truncated")).isEqualTo(Integer.toString(Tickets.LIST_MAX));
        assertThat(json.readTree(api.getContentAsString(StandardCharsets.UTF_8)).size()).isEqualTo(Tickets.LIST_MAX);
        assertThat(page(analyst, "/desk?company=" + a.slug())).contains("id=\"desk-more\"");
        assertThat(page(ownerA, "/my/help")).contains("id=\"help-more\"");
        // One company's short list says nothing of the kind.
        tickets.open(ownerB.actor(), b.id(), new Tickets.Draft("one", "body", TicketCategory.QUESTION,
                TicketPriority.LOW, TicketChannel.PORTAL, null, null, null));
        assertThat(call(ownerB, get("/api/v1/tenants/" + b.slug() + "/tickets")).getHeader("X-Sukedachi-Truncated"))
                .isNull();
        assertThat(page(ownerB, "/my/help")).doesNotContain("id=\"help-more\"");
    }

}
