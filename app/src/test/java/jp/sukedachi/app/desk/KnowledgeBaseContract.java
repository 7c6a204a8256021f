package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The knowledge base's rules where they live, in the SQL of {@link ArticleRepository}: a draft is read by provider
 * staff only (a company's owner and member, a responder get nothing, by id or by search); search ANDs the query's
 * words, ignores case, looks in the language the reader is shown (their own, else the other one) and takes LIKE's
 * wildcards literally; and the table refuses half a language. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false"})
abstract class KnowledgeBaseContract {
    @Autowired
    KnowledgeBase kb;
    @Autowired
    TestWorld world;
    @Autowired
    JdbcClient jdbc;

    Actor admin;
    Actor analyst;
    Actor owner;
    Actor member;
    Actor responder;
    /** A word no other test's article holds: the searches here see only this test's articles. */
    String token;

    @BeforeEach
    void world() {
        admin = world.admin().actor();
        analyst = world.staff(Role.ANALYST, true).actor();
        Tenant tenant = world.tenant(admin, TestWorld.unique("Articles"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER).actor();
        member = world.smeUser(tenant, Role.TENANT_MEMBER).actor();
        responder = world.staff(Role.RESPONDER, true).actor();
        token = "tok" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private Article draft(String titleJa, String bodyJa, String titleEn, String bodyEn, String tags) {
        return kb.create(analyst, new ArticleDraft("emergency", titleJa, bodyJa, titleEn, bodyEn, tags));
    }

    private Article published(String titleJa, String bodyJa, String titleEn, String bodyEn, String tags) {
        return kb.setStatus(analyst, draft(titleJa, bodyJa, titleEn, bodyEn, tags).id(), Article.Status.PUBLISHED);
    }

    private List<UUID> search(Actor actor, String query, Locale locale) {
        return kb.search(actor, query, null, locale).stream().map(Article::id).toList();
    }

    @Test
    void aDraftIsReadByStaffOnlyUntilItIsPublishedAndAgainAfterItIsWithdrawn() {
        Article a = draft("下書きの記事 " + token, "まだ書いている途中です。", "A draft " + token, "Still being written.", "");
        assertThat(a.status()).isEqualTo(Article.Status.DRAFT);
        for (Actor outsider : List.of(owner, member, responder)) {
            assertThatThrownBy(() -> kb.get(outsider, a.id())).as(outsider.role().name())
                    .isInstanceOf(NotFoundException.class);
            assertThat(search(outsider, token, Locale.JAPANESE)).as(outsider.role().name()).isEmpty();
            assertThat(search(outsider, "", Locale.ENGLISH)).as(outsider.role().name()).doesNotContain(a.id());
        }
        assertThat(kb.get(admin, a.id()).titleJa()).isEqualTo("下書きの記事 " + token);
        assertThat(search(admin, token, Locale.JAPANESE)).containsExactly(a.id());

        kb.setStatus(admin, a.id(), Article.Status.PUBLISHED);
        assertThat(kb.get(owner, a.id()).published()).isTrue();
        assertThat(search(member, token, Locale.ENGLISH)).containsExactly(a.id());

        kb.setStatus(analyst, a.id(), Article.Status.DRAFT);
        assertThatThrownBy(() -> kb.get(owner, a.id())).isInstanceOf(NotFoundException.class);
        assertThat(search(member, token, Locale.JAPANESE)).isEmpty();
    }

    @Test
    void onlyProviderStaffWriteOrPublish() {
        Article a = published("公開記事 " + token, "本文", null, null, "");
        ArticleDraft change = new ArticleDraft("mail", "書き換え", "本文", null, null, "");
        for (Actor outsider : List.of(owner, member, responder)) {
            assertThatThrownBy(() -> kb.create(outsider, change)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> kb.update(outsider, a.id(), change)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> kb.setStatus(outsider, a.id(), Article.Status.DRAFT))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(kb.get(owner, a.id()).titleJa()).isEqualTo("公開記事 " + token);
        assertThat(kb.get(owner, a.id()).published()).isTrue();
    }

    @Test
    void searchNeedsEveryWordAndIgnoresCaseInTheTitleBodyAndTags() {
        Article ransom = published("身代金の要求が出たら " + token, "LANケーブルを抜きます。\n電源は切りません。",
                "If a Ransom demand appears " + token, "Unplug the network cable.", "ランサムウェア, Ransomware");
        Article mail = published("怪しいメール " + token, "添付ファイルを開いたら LANケーブルを抜きます。",
                "A suspicious mail " + token, "Unplug the NETWORK cable too.", "phishing");

        assertThat(search(owner, token + " LANケーブル", Locale.JAPANESE)).containsExactlyInAnyOrder(ransom.id(), mail.id());
        assertThat(search(owner, token + " LANケーブル 身代金", Locale.JAPANESE)).containsExactly(ransom.id());
        assertThat(search(owner, token + "　電源、身代金", Locale.JAPANESE)).containsExactly(ransom.id());
        assertThat(search(owner, token + " 身代金 存在しない言葉", Locale.JAPANESE)).isEmpty();
        // Case-insensitive, and the tags count.
        assertThat(search(owner, token.toUpperCase(Locale.ROOT) + " network CABLE", Locale.ENGLISH))
                .containsExactlyInAnyOrder(ransom.id(), mail.id());
        assertThat(search(owner, token + " RANSOMWARE", Locale.ENGLISH)).containsExactly(ransom.id());
        assertThat(search(owner, token + " Phishing", Locale.JAPANESE)).containsExactly(mail.id());
        // In the reader's language only, when the article has it: the Japanese body is not searched for English readers.
        assertThat(search(owner, token + " 電源", Locale.ENGLISH)).isEmpty();
        assertThat(search(owner, token + " unplug", Locale.JAPANESE)).isEmpty();
    }

    @Test
    void anArticleMissingTheReadersLanguageIsSearchedAndShownInTheOtherWithANote() {
        Article japaneseOnly = published("退職者のアカウント " + token, "辞めた人のアカウントを止めます。", null, null, "");
        Article englishOnly = published(null, null, "Guest Wi-Fi " + token, "Give visitors their own network.", "");

        assertThat(search(owner, token + " 辞めた人", Locale.ENGLISH)).containsExactly(japaneseOnly.id());
        assertThat(search(owner, token + " visitors", Locale.JAPANESE)).containsExactly(englishOnly.id());

        Article.Shown shown = kb.get(owner, japaneseOnly.id()).in(Locale.ENGLISH);
        assertThat(shown.lang()).isEqualTo("ja");
        assertThat(shown.otherLanguage()).isTrue();
        assertThat(shown.title()).isEqualTo("退職者のアカウント " + token);
        Article.Shown own = kb.get(owner, japaneseOnly.id()).in(Locale.JAPANESE);
        assertThat(own.lang()).isEqualTo("ja");
        assertThat(own.otherLanguage()).isFalse();
        Article.Shown english = kb.get(owner, englishOnly.id()).in(Locale.JAPANESE);
        assertThat(english.lang()).isEqualTo("en");
        assertThat(english.otherLanguage()).isTrue();
        assertThat(english.body()).isEqualTo("Give visitors their own network.");
    }

    @Test
    void likeWildcardsInTheQueryMatchOnlyThemselves() {
        Article percent = published("割引 " + token, "50%off の表示", null, null, "");
        Article plain = published("割引 " + token, "50xoff の表示 a_b", null, null, "");
        assertThat(search(owner, token + " 50%", Locale.JAPANESE)).containsExactly(percent.id());
        assertThat(search(owner, token + " 50_", Locale.JAPANESE)).isEmpty();
        assertThat(search(owner, token + " a_b", Locale.JAPANESE)).containsExactly(plain.id());
        assertThat(search(owner, token + " \\", Locale.JAPANESE)).isEmpty();
    }

    @Test
    void anEditKeepsTheStatusAndStoresTagsLowerCaseWithoutRepeats() {
        Article a = published("古い題名 " + token, "古い本文", null, null, "");
        Article changed = kb.update(admin, a.id(), new ArticleDraft("accounts", "新しい題名 " + token,
                "新しい本文\r\n二行目", "New title", "New body", "Mail, PHISHING mail 詐欺"));
        assertThat(changed.published()).isTrue();
        assertThat(changed.category()).isEqualTo(ArticleCategory.ACCOUNTS);
        assertThat(changed.bodyJa()).isEqualTo("新しい本文\n二行目");
        assertThat(changed.tags()).containsExactly("mail", "phishing", "詐欺");
        assertThat(changed.updatedBy()).isEqualTo(admin.login());
        assertThat(kb.get(owner, a.id()).titleEn()).isEqualTo("New title");
    }

    @Test
    void refusedInputNamesTheFieldAndSavesNothing() {
        String title = "題名 " + token;
        record Case(ArticleDraft draft, String field) {
        }
        List<Case> cases = List.of(
                new Case(new ArticleDraft("emergency", "あ".repeat(201), "本文", null, null, ""), "titleJa"),
                new Case(new ArticleDraft("emergency", title, "x".repeat(20_001), null, null, ""), "bodyJa"),
                new Case(new ArticleDraft("emergency", title, "本文", "T".repeat(201), "Body", ""), "titleEn"),
                new Case(new ArticleDraft("emergency", title, "  ", null, null, ""), "bodyJa"),
                new Case(new ArticleDraft("emergency", null, null, null, "Body only", ""), "titleEn"),
                new Case(new ArticleDraft("emergency", " ", "", null, null, ""), "titleJa"),
                new Case(new ArticleDraft("nonsense", title, "本文", null, null, ""), "category"),
                new Case(new ArticleDraft(null, title, "本文", null, null, ""), "category"),
                new Case(new ArticleDraft("mail", title, "本文", null, null, "a b c d e f g h i j k"), "tags"),
                new Case(new ArticleDraft("mail", title, "本文", null, null, "x".repeat(31)), "tags"));
        for (Case c : cases) {
            assertThatThrownBy(() -> kb.create(analyst, c.draft())).as(c.field()).isInstanceOf(InvalidInput.class)
                    .extracting(e -> ((InvalidInput) e).field()).isEqualTo(c.field());
        }
        assertThat(search(admin, token, Locale.JAPANESE)).isEmpty();
        assertThatThrownBy(() -> kb.search(owner, "あ".repeat(201), null, Locale.JAPANESE))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> kb.search(owner, "a b c d e f g h i j k", null, Locale.JAPANESE))
                .isInstanceOf(InvalidInput.class);
        assertThat(kb.search(owner, "a b c d e f g h i j", null, Locale.JAPANESE)).isNotNull();
    }

    @Test
    void theTableRefusesAnArticleWithHalfALanguageOrNone() {
        String insert = """
                insert into article (id, category, title_ja, body_ja, title_en, body_en, tags, status, created_at,
                                     updated_at, updated_by)
                values (:id, 'OTHER', :tja, :bja, :ten, :ben, '', 'DRAFT', current_timestamp, current_timestamp, 'x')""";
        String[][] broken = {{"題名", null, null, null}, {null, "本文", null, null}, {null, null, "Title", null},
                {null, null, null, null}};
        for (String[] b : broken) {
            assertThatThrownBy(() -> jdbc.sql(insert).param("id", UUID.randomUUID()).param("tja", b[0])
                    .param("bja", b[1]).param("ten", b[2]).param("ben", b[3]).update())
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }
}
