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
 * The desk through the real filter chain: the company's 困ったときは (three choices, a form, the request in plain
 * words, reply, file, rating), the staff queue and ticket page (phone call with its time, reply, note, status,
 * time, canned answers), and the API (201 with ISO-8601 due times, 400 naming bad input, 404 for another
 * company's ticket, 403 for an internal note from the company).
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.desk.attachment-max-bytes=2048"})
@AutoConfigureMockMvc
class DeskWebTest {
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
    void theOwnerReportsSomethingStrangeWithAPhotoAndFollowsItInPlainWords() throws Exception {
        String help = page(ownerA, "/my/help");
        assertThat(help).contains("質問する", "おかしなことを知らせる", "来てもらう", "/my/help/articles");
        assertThat(page(ownerA, "/my/help/new?kind=SUSPICIOUS")).contains("LANケーブルを抜き");
        MockHttpServletResponse sent = call(ownerA, multipart("/my/help/new").file(new MockMultipartFile("file",
                "screen.png", "image/png", new byte[] {9, 8, 7})).param("kind", "SUSPICIOUS")
                .param("subject", "画面に英語の警告").param("body", "経理のPCに身代金の画面が出ました"));
        assertThat(sent.getStatus()).isEqualTo(302);
        UUID id = UUID.fromString(sent.getRedirectedUrl().replaceAll(".*/tickets/([^?]+).*", "$1"));
        Ticket t = tickets.get(admin.actor(), id);
        assertThat(t.category()).isEqualTo(TicketCategory.SUSPICIOUS);
        assertThat(t.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(t.summary().firstResponseDue()).isAfter(t.summary().receivedAt());
        String mine = page(ownerA, "/my/help/tickets/" + id + "?sent=1");
        assertThat(mine).contains("ご相談を受け付けました", "受け付けました（担当者からの連絡をお待ちください）",
                "screen.png").doesNotContain(id.toString() + "<");
        assertThat(page(ownerA, "/my/help")).contains("画面に英語の警告");
        assertThat(page(ownerB, "/my/help")).doesNotContain("画面に英語の警告");
        assertThat(call(ownerB, get("/my/help/tickets/" + id)).getStatus()).isEqualTo(404);

        call(analyst, post("/desk/tickets/" + id + "/messages").param("body", "電源は切らずにお待ちください")
                .param("kind", "public").param("then", "WAITING"));
        assertThat(page(ownerA, "/my/help/tickets/" + id)).contains("電源は切らずにお待ちください",
                "貴社からのお返事をお待ちしています");
        assertThat(call(ownerA, post("/my/help/tickets/" + id + "/messages").param("body", "待っています"))
                .getStatus()).isEqualTo(302);
        assertThat(tickets.get(admin.actor(), id).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(call(ownerA, post("/my/help/tickets/" + id + "/messages").param("body", "")).getStatus())
                .isEqualTo(400);

        MockHttpServletResponse big = call(ownerA, multipart("/my/help/tickets/" + id + "/attachments")
                .file(new MockMultipartFile("file", "big.bin", "application/octet-stream", new byte[2049])));
        assertThat(big.getStatus()).isEqualTo(400);
        assertThat(tickets.attachments(admin.actor(), id)).extracting(x -> x.info().fileName())
                .containsExactly("screen.png");

        call(analyst, post("/desk/tickets/" + id).param("status", "SOLVED"));
        assertThat(page(ownerA, "/my/help/tickets/" + id)).contains("survey-form");
        assertThat(call(ownerA, post("/my/help/tickets/" + id + "/survey").param("score", "5")).getStatus())
                .isEqualTo(302);
        assertThat(page(ownerA, "/my/help/tickets/" + id)).doesNotContain("survey-form");
        assertThat(call(ownerA, post("/my/help/tickets/" + id + "/survey").param("score", "4")).getStatus())
                .isEqualTo(400);
        assertThat(page(analyst, "/desk/tickets/" + id)).contains("5 段階中 5");
    }

    @Test
    void staffLogAPhoneCallWithTheTimeItCameInAndWorkTheTicket() throws Exception {
        LocalDateTime called = LocalDateTime.now(Formats.TOKYO).minusMinutes(30).withSecond(0).withNano(0);
        MockHttpServletResponse r = call(analyst, post("/desk/new").param("company", a.slug())
                .param("channel", "PHONE").param("receivedAt", called.toString()).param("requesterName", "田中")
                .param("category", "QUESTION").param("priority", "LOW").param("subject", "電話: メールが届かない")
                .param("body", "取引先からのメールが届かない"));
        assertThat(r.getStatus()).isEqualTo(302);
        UUID id = UUID.fromString(r.getRedirectedUrl().substring(r.getRedirectedUrl().lastIndexOf('/') + 1));
        Ticket t = tickets.get(admin.actor(), id);
        assertThat(t.summary().receivedAt()).isEqualTo(called.atZone(Formats.TOKYO).toInstant());
        assertThat(t.summary().channel()).isEqualTo(TicketChannel.PHONE);
        assertThat(call(analyst, post("/desk/new").param("company", a.slug()).param("subject", "x").param("body", "y")
                .param("receivedAt", LocalDateTime.now(Formats.TOKYO).plusHours(2).toString())).getStatus())
                .isEqualTo(400);

        String queue = page(analyst, "/desk");
        assertThat(queue).contains("電話: メールが届かない", a.name(), "初回返信の期限");
        assertThat(page(analyst, "/desk?priority=HIGH")).doesNotContain("電話: メールが届かない");
        assertThat(page(analyst, "/desk?company=" + b.slug())).doesNotContain("電話: メールが届かない");
        assertThat(call(analyst, get("/desk?status=NOPE")).getStatus()).isEqualTo(400);

        call(admin, post("/desk/canned").param("title", "再起動のお願い").param("bodyJa", "一度パソコンを再起動してください。")
                .param("bodyEn", "Please restart the computer once."));
        String canned = page(analyst, "/desk/canned");
        assertThat(canned).contains("再起動のお願い");
        String cannedId = canned.replaceAll("(?s).*/desk/canned\\?edit=([0-9a-f-]{36}).*", "$1");
        assertThat(page(analyst, "/desk/tickets/" + id + "?canned=" + cannedId)).contains("一度パソコンを再起動してください。");

        call(analyst, post("/desk/tickets/" + id).param("assignee", analyst.user().id().toString())
                .param("priority", "HIGH"));
        call(analyst, post("/desk/tickets/" + id + "/time").param("minutes", "20").param("note", "電話対応"));
        assertThat(call(analyst, post("/desk/tickets/" + id + "/time").param("minutes", "abc")).getStatus())
                .isEqualTo(400);
        String ticket = page(analyst, "/desk/tickets/" + id);
        assertThat(ticket).contains("合計 20 分", "/incidents/new?ticket=" + id, "インシデントにする",
                analyst.user().displayName());
        assertThat(tickets.get(admin.actor(), id).priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(page(analyst, "/desk?assignee=me")).contains("電話: メールが届かない");

        assertThat(call(ownerA, get("/desk")).getStatus()).isEqualTo(403);
        assertThat(call(ownerA, get("/desk/tickets/" + id)).getStatus()).isEqualTo(403);
        assertThat(call(ownerA, get("/desk/canned")).getStatus()).isEqualTo(403);
        assertThat(call(analyst, get("/my/help")).getStatus()).isEqualTo(403);

        MockHttpServletResponse file = call(analyst, multipart("/desk/tickets/" + id + "/attachments")
                .file(new MockMultipartFile("file", "log.html", "text/html", "<script>x</script>".getBytes())));
        assertThat(file.getStatus()).isEqualTo(302);
        long fileId = tickets.attachments(admin.actor(), id).getFirst().info().id();
        MockHttpServletResponse download = call(ownerA, get("/my/help/tickets/" + id + "/attachments/" + fileId));
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    }

    @Test
    void theApiOpensListsChangesAndAnswersTicketsWithinTheCallersCompany() throws Exception {
        Instant called = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        MockHttpServletResponse created = call(analyst, post("/api/v1/tenants/" + a.slug() + "/tickets")
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"subject":"API ticket","body":"from the phone","category":"question","priority":"HIGH",
                         "channel":"PHONE","receivedAt":"%s"}""".formatted(called)));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode t = json.readTree(created.getContentAsString());
        assertThat(t.get("status").asString()).isEqualTo("NEW");
        assertThat(t.get("number").asLong()).isPositive();
        assertThat(Instant.parse(t.get("receivedAt").asString())).isEqualTo(called);
        assertThat(Instant.parse(t.get("firstResponseDue").asString())).isAfter(called);
        assertThat(Instant.parse(t.get("resolutionDue").asString())).isAfter(called);
        String id = t.get("id").asString();

        // The company's own receivedAt is ignored (the OpenAPI text says so).
        JsonNode own = json.readTree(call(ownerA, post("/api/v1/tenants/" + a.slug() + "/tickets")
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"subject":"own","body":"text","receivedAt":"2020-01-01T00:00:00Z"}""")).getContentAsString());
        assertThat(Instant.parse(own.get("receivedAt").asString())).isAfter(called);
        assertThat(own.get("channel").asString()).isEqualTo("API");

        for (String bad : new String[] {"{\"subject\":\"x\",\"body\":\"y\",\"category\":\"gossip\"}",
                "{\"subject\":\"x\",\"body\":\"y\",\"priority\":\"urgent!\"}", "{\"subject\":\"\",\"body\":\"y\"}",
                "{\"subject\":\"" + "x".repeat(201) + "\",\"body\":\"y\"}",
                "{\"subject\":\"x\",\"body\":\"y\",\"receivedAt\":\"yesterday\"}",
                "{\"subject\":\"x\",\"body\":\"y\",\"receivedAt\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}"}) {
            MockHttpServletResponse r = call(analyst, post("/api/v1/tenants/" + a.slug() + "/tickets")
                    .contentType(MediaType.APPLICATION_JSON).content(bad));
            assertThat(r.getStatus()).as(bad).isEqualTo(400);
        }
        assertThat(call(ownerB, post("/api/v1/tenants/" + a.slug() + "/tickets").contentType(MediaType.APPLICATION_JSON)
                .content("{\"subject\":\"x\",\"body\":\"y\"}")).getStatus()).isEqualTo(404);
        assertThat(call(ownerB, get("/api/v1/tickets/" + id)).getStatus()).isEqualTo(404);
        assertThat(call(ownerB, patch("/api/v1/tickets/" + id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"CLOSED\"}")).getStatus()).isEqualTo(404);
        assertThat(call(ownerB, post("/api/v1/tickets/" + id + "/messages").contentType(MediaType.APPLICATION_JSON)
                .content("{\"body\":\"hi\"}")).getStatus()).isEqualTo(404);
        assertThat(call(ownerA, get("/api/v1/tickets/" + UUID.randomUUID())).getStatus()).isEqualTo(404);

        assertThat(call(ownerA, post("/api/v1/tickets/" + id + "/messages").contentType(MediaType.APPLICATION_JSON)
                .content("{\"body\":\"secret?\",\"internal\":true}")).getStatus()).isEqualTo(403);
        assertThat(call(analyst, post("/api/v1/tickets/" + id + "/messages").contentType(MediaType.APPLICATION_JSON)
                .content("{\"body\":\"on it\"}")).getStatus()).isEqualTo(201);
        MockHttpServletResponse changed = call(analyst, patch("/api/v1/tickets/" + id)
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"waiting\",\"priority\":\"LOW\"}"));
        assertThat(changed.getStatus()).isEqualTo(200);
        JsonNode detail = json.readTree(changed.getContentAsString()).get("ticket");
        assertThat(detail.get("status").asString()).isEqualTo("WAITING");
        assertThat(detail.get("firstRespondedAt").isNull()).isFalse();
        assertThat(call(analyst, patch("/api/v1/tickets/" + id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"NEW\"}")).getStatus()).isEqualTo(400);
        assertThat(call(ownerA, patch("/api/v1/tickets/" + id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"CLOSED\"}")).getStatus()).isEqualTo(403);

        JsonNode list = json.readTree(call(ownerA, get("/api/v1/tenants/" + a.slug() + "/tickets")).getContentAsString());
        assertThat(list.size()).isEqualTo(2);
        assertThat(json.readTree(call(ownerB, get("/api/v1/tenants/" + b.slug() + "/tickets")).getContentAsString())
                .size()).isZero();
        assertThat(call(ownerB, get("/api/v1/tenants/" + a.slug() + "/tickets")).getStatus()).isEqualTo(404);
        assertThat(page(admin, "/api/v1/openapi")).contains("/api/v1/tenants/{slug}/tickets",
                "for the company's own users it is ignored");
    }
}
