package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.selfcheck.assets.Asset;
import jp.sukedachi.app.selfcheck.assets.AssetDraft;
import jp.sukedachi.app.selfcheck.assets.AssetRepository;
import jp.sukedachi.app.selfcheck.assets.AssetService;
import jp.sukedachi.app.selfcheck.cloud.CloudRepository;
import jp.sukedachi.app.selfcheck.cloud.CloudService;
import jp.sukedachi.app.selfcheck.lessons.LessonCatalog;
import jp.sukedachi.app.selfcheck.lessons.LessonRepository;
import jp.sukedachi.app.selfcheck.lessons.LessonResult;
import jp.sukedachi.app.selfcheck.lessons.LessonService;
import jp.sukedachi.app.selfcheck.policy.Policy;
import jp.sukedachi.app.selfcheck.policy.PolicyRepository;
import jp.sukedachi.app.selfcheck.policy.PolicySection;
import jp.sukedachi.app.selfcheck.policy.PolicyService;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The self-help repositories on a real database: every write and read of the policy, asset, cloud and
 * lesson tables, scoped to the actor's company. Runs on H2 and on PostgreSQL (the two subclasses).
 */
@SpringBootTest
abstract class SelfHelpRepositoryContract {
    @Autowired
    TestWorld world;
    @Autowired
    PolicyService policyService;
    @Autowired
    PolicyRepository policies;
    @Autowired
    PolicyStatus status;
    @Autowired
    AssetService assetService;
    @Autowired
    AssetRepository assets;
    @Autowired
    CloudRepository clouds;
    @Autowired
    LessonService lessonService;
    @Autowired
    LessonRepository lessons;
    @Autowired
    LessonCatalog catalog;

    Login admin;
    Tenant a;
    Tenant b;
    Login ownerA;
    Login memberA;
    Login ownerB;

    @BeforeEach
    void companies() {
        admin = world.admin();
        a = world.tenant(admin.actor(), TestWorld.unique("株式会社あおば"));
        b = world.tenant(admin.actor(), TestWorld.unique("株式会社ばら"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        memberA = world.smeUser(a, Role.TENANT_MEMBER);
        ownerB = world.smeUser(b, Role.TENANT_OWNER);
    }

    private static Map<String, String> policyForm(String company, String head) {
        Map<String, String> form = new HashMap<>(Map.of("companyName", company, "headTitle", "代表取締役", "headName", head,
                "establishedOn", "2026-04-01", "roleAudit", "監査 太郎"));
        for (PolicySection s : PolicySection.values()) {
            form.put(s.field(), s.field() + "：改行も\n保存されます。");
        }
        return form;
    }

    @Test
    void policyIsInsertedUpdatedPublishedAndWithdrawn() {
        assertThat(policyService.save(ownerA.actor(), policyForm(a.name(), "青葉 一郎"), Locale.JAPANESE).ok()).isTrue();
        assertThat(policyService.save(ownerA.actor(), policyForm(a.name(), "青葉 二郎"), Locale.JAPANESE).ok()).isTrue();
        Policy stored = policies.find(memberA.actor(), a.id()).orElseThrow();
        assertThat(stored.headName()).isEqualTo("青葉 二郎");
        assertThat(stored.section(PolicySection.SCOPE)).isEqualTo("scope：改行も\n保存されます。");
        assertThat(stored.role(jp.sukedachi.app.selfcheck.policy.PolicyRole.AUDIT)).isEqualTo("監査 太郎");
        assertThat(stored.role(jp.sukedachi.app.selfcheck.policy.PolicyRole.OFFICER)).isEmpty();
        assertThat(stored.establishedOn()).hasToString("2026-04-01");
        assertThat(stored.docLang()).isEqualTo("ja");
        assertThat(stored.updatedAt()).isAfterOrEqualTo(stored.createdAt());

        Policy published = policyService.publish(ownerA.actor());
        assertThat(published.publicToken()).hasSize(43);
        assertThat(policies.findPublished(published.publicToken())).get().extracting(Policy::tenantId).isEqualTo(a.id());
        assertThat(status.hasPublishedPolicy(memberA.actor(), a.id())).isTrue();
        assertThat(status.hasPublishedPolicy(ownerB.actor(), a.id())).isFalse();
        assertThat(status.hasPublishedPolicy(admin.actor(), a.id())).isTrue();
        // Saving again keeps the publication and its link.
        policyService.save(ownerA.actor(), policyForm(a.name(), "青葉 三郎"), Locale.JAPANESE);
        assertThat(policies.find(ownerA.actor(), a.id()).orElseThrow().publicToken()).isEqualTo(published.publicToken());

        policyService.unpublish(ownerA.actor());
        assertThat(policies.findPublished(published.publicToken())).isEmpty();
        assertThat(policies.find(ownerA.actor(), a.id()).orElseThrow().publishedAt()).isNull();
        // Another company's owner neither reads nor publishes A's policy.
        assertThat(policies.find(ownerB.actor(), a.id())).isEmpty();
        assertThatThrownBy(() -> policyService.publish(ownerB.actor())).isInstanceOf(NotFoundException.class);
    }

    private static AssetDraft asset(String name, String c) {
        return AssetDraft.of(Map.ofEntries(Map.entry("name", name), Map.entry("ownerName", "総務"), Map.entry("place", "金庫"),
                Map.entry("form", "both"), Map.entry("personalData", "no"), Map.entry("confidentiality", c),
                Map.entry("integrity", "1"), Map.entry("availability", "1"), Map.entry("threat", "2"),
                Map.entry("vulnerability", "2"), Map.entry("decision", "reduce"), Map.entry("measure", "施錠"),
                Map.entry("nextReview", "2027-01-31")));
    }

    @Test
    void assetsAreScopedToTheirCompany() {
        Asset low = assetService.add(ownerA.actor(), asset("社内報", "1")).asset();
        Asset high = assetService.add(ownerA.actor(), asset("契約書", "3")).asset();
        assertThat(assets.findByTenant(memberA.actor(), a.id())).extracting(Asset::name).containsExactly("契約書", "社内報");
        assertThat(assets.count(ownerA.actor(), a.id())).isEqualTo(2);
        Asset reread = assets.find(ownerA.actor(), high.id()).orElseThrow();
        assertThat(reread.nextReview()).hasToString("2027-01-31");
        assertThat(reread.risk()).isEqualTo(6);

        assertThat(assetService.update(ownerA.actor(), low.id(), asset("社内報（改）", "2")).ok()).isTrue();
        assertThat(assets.find(ownerA.actor(), low.id()).orElseThrow().name()).isEqualTo("社内報（改）");
        assertThat(assets.find(ownerB.actor(), low.id())).isEmpty();
        assertThat(assets.findByTenant(ownerB.actor(), a.id())).isEmpty();
        assertThat(assets.count(ownerB.actor(), a.id())).isZero();
        assertThatThrownBy(() -> assetService.update(ownerB.actor(), low.id(), asset("乗っ取り", "1")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> assetService.delete(ownerB.actor(), low.id())).isInstanceOf(NotFoundException.class);
        assetService.delete(ownerA.actor(), low.id());
        assertThat(assets.findByTenant(ownerA.actor(), a.id())).extracting(Asset::id).containsExactly(high.id());
    }

    @Test
    void cloudServicesAreScopedToTheirCompany() {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        CloudService s = new CloudService(UUID.randomUUID(), a.id(), "会計クラウド", "経理", "yyyyyyynyyyypy", now, now);
        clouds.insert(ownerA.actor(), s);
        assertThatThrownBy(() -> clouds.insert(ownerB.actor(), new CloudService(UUID.randomUUID(), a.id(), "x", "", "uuuuuuuuuuuuuu",
                now, now))).isInstanceOf(NotFoundException.class);
        assertThat(clouds.findByTenant(memberA.actor(), a.id())).extracting(CloudService::gaps).containsExactly(List.of(8, 13));
        assertThat(clouds.update(ownerB.actor(), new CloudService(s.id(), a.id(), "乗っ取り", "", "nnnnnnnnnnnnnn", now, now))).isFalse();
        assertThat(clouds.delete(ownerB.actor(), s.id())).isFalse();
        assertThat(clouds.update(ownerA.actor(), new CloudService(s.id(), a.id(), "会計クラウド", "経理", "yyyyyyyyyyyyyy", now, now))).isTrue();
        assertThat(clouds.find(ownerA.actor(), s.id()).orElseThrow().gaps()).isEmpty();
        assertThat(clouds.delete(ownerA.actor(), s.id())).isTrue();
        assertThat(clouds.findByTenant(ownerA.actor(), a.id())).isEmpty();
    }

    @Test
    void lessonResultsCountTriesKeepTheFirstPassAndStayInTheCompany() {
        var lesson = catalog.lesson(2, Locale.JAPANESE);
        List<Integer> right = lesson.quiz().stream().map(q -> q.answer()).toList();
        lessonService.submit(memberA.actor(), lesson, List.of());
        lessonService.submit(memberA.actor(), lesson, right);
        lessonService.submit(memberA.actor(), lesson, List.of());
        LessonResult result = lessons.mine(memberA.actor()).getFirst();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.bestScore()).isEqualTo(3);
        assertThat(result.passed()).isTrue();
        assertThat(lessons.mine(ownerA.actor())).isEmpty();
        assertThat(lessons.ofCompany(ownerA.actor(), a.id())).hasSize(1);
        assertThat(lessons.ofCompany(ownerB.actor(), a.id())).isEmpty();
        assertThat(lessonService.team(ownerA.actor())).containsOnlyKeys(memberA.user().id());
    }
}
