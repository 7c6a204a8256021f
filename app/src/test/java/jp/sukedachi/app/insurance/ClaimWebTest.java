package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
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

/**
 * The claim API and pages through the whole web stack: staff open a claim from an incident (201), add costs and an
 * invoice, submit; the insurer finds it in its queue, asks, approves part of it with a reason; the owner reads the
 * result in plain Japanese. Unknown statuses answer 400, steps the state does not allow 409, broken rules 422, all
 * with the reason; the pages render in Japanese and English.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class ClaimWebTest {
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

    ClaimFixture.World w;
    Incident incident;

    @BeforeEach
    void aCompanyWithAnIncidentAndAVisit() {
        w = fixture.company("ウェブ精機");
        incident = fixture.incident(w, "サーバーのファイルが暗号化された", 30);
        fixture.completedVisit(w, incident, 150, 40);
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> MockHttpServletResponse call(Login who, B request)
            throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn()
                .getResponse();
    }

    private static String json(MockHttpServletResponse r, String path) throws Exception {
        return String.valueOf((Object) JsonPath.read(r.getContentAsString(), path));
    }

    @Test
    void theApiOpensAClaimWith201AnswersItsLinesInYenAndRunsTheInsurersWorkflow() throws Exception {
        var opened = call(w.admin(), post("/api/v1/incidents/" + incident.id() + "/claims"));
        assertThat(opened.getStatus()).isEqualTo(201);
        String id = json(opened, "$.id");
        // On site 150 min × 12,000 = 30,000; travel 40 min × 5,000 = 3,333.3 → 3,333; desk 30 min × 9,000 = 4,500.
        assertThat(json(opened, "$.lines[?(@.line=='ONSITE_VISIT')].claimedYen")).isEqualTo("[33333]");
        assertThat(json(opened, "$.lines[?(@.line=='FIRST_RESPONSE')].claimedYen")).isEqualTo("[4500]");
        var item = call(w.admin(), post("/api/v1/claims/" + id + "/items").contentType(MediaType.APPLICATION_JSON)
                .content("{\"line\":\"RECOVERY\",\"description\":\"バックアップからの復元作業\",\"yen\":80000}"));
        assertThat(item.getStatus()).isEqualTo(201);
        var bad = call(w.admin(), post("/api/v1/claims/" + id + "/items").contentType(MediaType.APPLICATION_JSON)
                .content("{\"line\":\"RECOVERY\",\"description\":\"\",\"yen\":80000}"));
        assertThat(bad.getStatus()).isEqualTo(400);
        var invoice = call(w.admin(), multipart("/api/v1/claims/" + id + "/invoices")
                .file(new MockMultipartFile("file", "forensic.pdf", "application/pdf", ClaimFixture.pdf("調査")))
                .param("line", "FORENSIC").param("issuer", "株式会社調査").param("yen", "600,000"));
        assertThat(invoice.getStatus()).isEqualTo(201);
        assertThat(json(invoice, "$.files[0].sha256")).isEqualTo(Hashes.sha256(ClaimFixture.pdf("調査")));
        // The pack: the summary PDF and the ZIP whose manifest holds the invoice's SHA-256.
        var pdf = call(w.admin(), get("/api/v1/claims/" + id + "/pack.pdf"));
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        var zip = call(w.admin(), get("/api/v1/claims/" + id + "/pack.zip"));
        assertThat(zip.getStatus()).isEqualTo(200);
        String manifest = null;
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.getContentAsByteArray()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("manifest-sha256.txt")) {
                    manifest = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(manifest).contains(Hashes.sha256(ClaimFixture.pdf("調査")));
        // The insurer sees no draft.
        assertThat(call(w.insurerUser(), get("/api/v1/claims/" + id)).getStatus()).isEqualTo(404);
        assertThat(call(w.admin(), post("/api/v1/claims/" + id + "/submit")).getStatus()).isEqualTo(200);
        var again = call(w.admin(), post("/api/v1/claims/" + id + "/submit"));
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(json(again, "$.reason")).contains("提出できるのは下書きだけです");
        var queue = call(w.insurerUser(), get("/api/v1/claims").param("status", "SUBMITTED"));
        assertThat(queue.getStatus()).isEqualTo(200);
        assertThat(queue.getContentAsString()).contains(id);
        assertThat(call(w.insurerUser(), get("/api/v1/claims").param("status", "WAITING")).getStatus())
                .isEqualTo(400);
        var one = call(w.insurerUser(), get("/api/v1/claims/" + id));
        // Forensic: 600,000 capped at 500,000 per claim, less what the 50,000 deductible leaves after the first
        // response (4,500) and the visit (33,333): 500,000 − 12,167 = 487,833. Recovery is not in the policy.
        assertThat(json(one, "$.lines[?(@.line=='FORENSIC')].payableYen")).isEqualTo("[487833]");
        assertThat(json(one, "$.lines[?(@.line=='RECOVERY')].payableYen")).isEqualTo("[0]");
        assertThat(call(w.admin(), post("/api/v1/claims/" + id + "/approve")).getStatus()).isEqualTo(403);
        var ask = call(w.insurerUser(), post("/api/v1/claims/" + id + "/request-info")
                .contentType(MediaType.APPLICATION_JSON).content("{\"question\":\"作業報告書を付けてください\"}"));
        assertThat(json(ask, "$.status")).isEqualTo("INFO_REQUESTED");
        var answered = call(w.admin(), post("/api/v1/claims/" + id + "/answer").contentType(MediaType.APPLICATION_JSON)
                .content("{\"answer\":\"訪問記録の通りです\"}"));
        assertThat(json(answered, "$.status")).isEqualTo("SUBMITTED");
        var tooMuch = call(w.insurerUser(), post("/api/v1/claims/" + id + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"approvedYen":{"FIRST_RESPONSE":0,"ONSITE_VISIT":0,"RECOVERY":0,"FORENSIC":500001},
                         "reason":"調査費の一部"}"""));
        assertThat(tooMuch.getStatus()).isEqualTo(422);
        var part = call(w.insurerUser(), post("/api/v1/claims/" + id + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"approvedYen":{"FIRST_RESPONSE":0,"ONSITE_VISIT":0,"RECOVERY":0,"FORENSIC":412000},
                         "reason":"調査費のうち報告書作成分は対象外です"}"""));
        assertThat(part.getStatus()).isEqualTo(200);
        assertThat(json(part, "$.status")).isEqualTo("PARTIALLY_APPROVED");
        assertThat(json(part, "$.approvedYen")).isEqualTo("412000");
        var paidBad = call(w.insurerUser(), post("/api/v1/claims/" + id + "/paid")
                .contentType(MediaType.APPLICATION_JSON).content("{\"paidOn\":\"2099-01-01\"}"));
        assertThat(paidBad.getStatus()).isEqualTo(422);
        // The owner reads the result in plain Japanese: 412,000 approved of 717,833 claimed.
        long claimed = 30_000 + 3_333 + 4_500 + 80_000 + 600_000;
        String mine = call(w.owner(), get("/my/claims/" + id)).getContentAsString();
        assertThat(mine).contains("保険会社は 412,000 円の支払いを認めました。自己負担は "
                + String.format("%,d", claimed - 412_000) + " 円です。").contains("調査費のうち報告書作成分は対象外です");
        assertThat(call(w.owner(), get("/my/claims")).getContentAsString()).contains("/my/claims/" + id);
        // Removing a record-made item is refused; an invoice item may go while the claim is editable only.
        assertThat(call(w.admin(), delete("/api/v1/claims/" + id + "/items/1")).getStatus()).isIn(404, 409);
    }

    @Test
    void aClaimWithoutAPolicyIsRefusedWith422AndTheReason() throws Exception {
        var other = world.tenant(w.admin().actor(), TestWorld.unique("保険なし工務店"));
        var uninsured = fixture.incidentOf(w.admin().actor(), other, "無保険の件");
        var refused = call(w.admin(), post("/api/v1/incidents/" + uninsured.id() + "/claims"));
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(json(refused, "$.reason")).contains("有効な保険契約がありません");
        // On the page: the same reason and 422, with the way back to the incident.
        var page = call(w.admin(), post("/claims").param("incidentId", uninsured.id().toString()));
        assertThat(page.getStatus()).isEqualTo(422);
        assertThat(page.getContentAsString()).contains("有効な保険契約がありません").contains("/incidents/" + uninsured.id());
    }

    @Test
    void thePagesTakeTheClaimFromTheIncidentToTheInsurerAndTheOwnerInJapaneseAndEnglish() throws Exception {
        String incidentPage = call(w.admin(), get("/incidents/" + incident.id())).getContentAsString();
        assertThat(incidentPage).contains("id=\"incident-claims\"").contains("id=\"open-claim\"");
        var opened = call(w.admin(), post("/claims").param("incidentId", incident.id().toString()));
        assertThat(opened.getStatus()).isEqualTo(302);
        String path = opened.getRedirectedUrl();
        String page = call(w.admin(), get(path)).getContentAsString();
        assertThat(page).contains("保険金請求 #").contains("訪問").contains("33,333 円").contains("id=\"invoice-form\"");
        assertThat(call(w.admin(), get(path).param("lang", "en")).getContentAsString()).contains("Insurance claim #")
                .contains("¥33,333").contains("Work on site");
        var noLine = call(w.admin(), post(path + "/items").param("description", "x").param("yen", "10"));
        assertThat(noLine.getStatus()).isEqualTo(400);
        assertThat(noLine.getContentAsString()).contains("補償項目を選んでください");
        assertThat(call(w.admin(), post(path + "/items").param("line", "FORENSIC").param("description", "ログ解析")
                .param("yen", "100,000")).getStatus()).isEqualTo(302);
        assertThat(call(w.admin(), post(path + "/submit")).getStatus()).isEqualTo(302);
        assertThat(call(w.admin(), get("/incidents/" + incident.id())).getContentAsString()).contains(path)
                .doesNotContain("id=\"open-claim\"");
        // The insurer: home counts, the queue, the review page (the pack) and a partial approval with a reason.
        assertThat(call(w.insurerUser(), get("/")).getContentAsString()).contains("id=\"claim-counts\"").contains(path);
        assertThat(call(w.insurerUser(), get("/claims")).getContentAsString()).contains(path).contains(w.tenant().name());
        String review = call(w.insurerUser(), get(path)).getContentAsString();
        assertThat(review).contains("id=\"pack-company\"").contains(w.tenant().name())
                .contains("サーバーのファイルが暗号化された").contains("id=\"partial-form\"");
        assertThat(call(w.insurerUser(), get(path).param("lang", "en")).getContentAsString()).contains("Approve part of it");
        var noReason = call(w.insurerUser(), post(path + "/partial").param("approved_ONSITE_VISIT", "0")
                .param("approved_FIRST_RESPONSE", "0"));
        assertThat(noReason.getStatus()).isEqualTo(400);
        assertThat(call(w.insurerUser(), post(path + "/partial").param("approved_ONSITE_VISIT", "0")
                .param("approved_FIRST_RESPONSE", "0").param("approved_FORENSIC", "50,000")
                .param("reason", "訪問は契約の無料回数内です")).getStatus())
                .isEqualTo(302);
        var twice = call(w.insurerUser(), post(path + "/approve"));
        assertThat(twice.getStatus()).isEqualTo(409);
        assertThat(twice.getContentAsString()).contains("承認できるのは審査待ちの請求だけです");
        String owner = call(w.owner(), get(path.replace("/claims/", "/my/claims/"))).getContentAsString();
        assertThat(owner).contains("保険会社は 50,000 円の支払いを認めました。").contains("訪問は契約の無料回数内です");
        assertThat(call(w.owner(), get(path.replace("/claims/", "/my/claims/")).param("lang", "en")).getContentAsString())
                .contains("The insurer agreed to pay ¥50,000.");
        // Staff and insurer pages are not the owner's; the owner's are not the member's.
        assertThat(call(w.owner(), get(path)).getStatus()).isEqualTo(403);
        Login member = world.smeUser(w.tenant(), jp.sukedachi.app.shared.Role.TENANT_MEMBER);
        assertThat(call(member, get("/my/claims")).getStatus()).isEqualTo(403);
    }
}
