package jp.sukedachi.app.desk;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Knowledge-base articles (V26). Every read takes the {@link Actor}: provider staff read drafts too, everyone else
 * (a company's owner and members, responders, insurers) only published articles. The rule is in the SQL, so no page
 * or API answer built on these reads can show a draft to a company. One SQL for H2 and PostgreSQL.
 */
@Repository
class ArticleRepository {
    private final JdbcClient jdbc;

    ArticleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The condition every read carries: drafts only for staff. */
    private static final String VISIBLE = "(:drafts = true or status = 'PUBLISHED')";

    Optional<Article> find(Actor actor, UUID id) {
        return jdbc.sql("select * from article where id = :id and " + VISIBLE)
                .param("id", id).param("drafts", KnowledgeBase.edits(actor))
                .query(ArticleRepository::map).optional();
    }

    /**
     * Articles the actor may read, newest change first, at most {@code limit}: of one category (null: all) and
     * containing every one of {@code words} (already lower-case) in the title, the body or the tags of the language
     * the reader is shown ({@link Article#in}: theirs, else the other). A simple, case-insensitive LIKE per word.
     */
    List<Article> search(Actor actor, List<String> words, ArticleCategory category, Locale locale, int limit) {
        boolean english = "en".equals(locale.getLanguage());
        String title = english ? "coalesce(title_en, title_ja)" : "coalesce(title_ja, title_en)";
        String body = english ? "coalesce(body_en, body_ja)" : "coalesce(body_ja, body_en)";
        StringBuilder sql = new StringBuilder("select * from article where ").append(VISIBLE);
        if (category != null) {
            sql.append(" and category = :cat");
        }
        for (int i = 0; i < words.size(); i++) {
            sql.append(" and (lower(").append(title).append(") like :w").append(i).append(" escape '\\'")
                    .append(" or lower(").append(body).append(") like :w").append(i).append(" escape '\\'")
                    .append(" or tags like :w").append(i).append(" escape '\\')");
        }
        sql.append(" order by updated_at desc, id fetch first ").append(Math.max(1, Math.min(limit, 500)))
                .append(" rows only");
        var statement = jdbc.sql(sql.toString()).param("drafts", KnowledgeBase.edits(actor));
        if (category != null) {
            statement = statement.param("cat", category.name());
        }
        for (int i = 0; i < words.size(); i++) {
            statement = statement.param("w" + i, "%" + likeEscaped(words.get(i)) + "%");
        }
        return statement.query(ArticleRepository::map).list();
    }

    /** A word matched literally: LIKE's wildcards and the escape character itself are escaped. */
    static String likeEscaped(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    void insert(Article a) {
        jdbc.sql("""
                insert into article (id, category, title_ja, body_ja, title_en, body_en, tags, status, created_at,
                                     updated_at, updated_by)
                values (:id, :cat, :tja, :bja, :ten, :ben, :tags, :status, :at, :at, :by)""")
                .param("id", a.id()).param("cat", a.category().name()).param("tja", a.titleJa())
                .param("bja", a.bodyJa()).param("ten", a.titleEn()).param("ben", a.bodyEn())
                .param("tags", tagColumn(a.tags())).param("status", a.status().name())
                .param("at", utc(a.updatedAt())).param("by", a.updatedBy()).update();
    }

    /** Writes the texts, category and tags of an article the service has read; the status stays. */
    void update(UUID id, ArticleCategory category, String titleJa, String bodyJa, String titleEn, String bodyEn,
            List<String> tags, Instant at, String by) {
        jdbc.sql("""
                update article set category = :cat, title_ja = :tja, body_ja = :bja, title_en = :ten, body_en = :ben,
                       tags = :tags, updated_at = :at, updated_by = :by
                 where id = :id""")
                .param("id", id).param("cat", category.name()).param("tja", titleJa).param("bja", bodyJa)
                .param("ten", titleEn).param("ben", bodyEn).param("tags", tagColumn(tags)).param("at", utc(at))
                .param("by", by).update();
    }

    void setStatus(UUID id, Article.Status status, Instant at, String by) {
        jdbc.sql("update article set status = :s, updated_at = :at, updated_by = :by where id = :id")
                .param("id", id).param("s", status.name()).param("at", utc(at)).param("by", by).update();
    }

    /** ",mail,phishing,": a tag is found by LIKE without matching across two tags' joint. */
    static String tagColumn(List<String> tags) {
        return tags.isEmpty() ? "" : "," + String.join(",", tags) + ",";
    }

    private static Article map(ResultSet rs, int row) throws SQLException {
        String tags = rs.getString("tags");
        return new Article(rs.getObject("id", UUID.class), ArticleCategory.valueOf(rs.getString("category")),
                rs.getString("title_ja"), rs.getString("body_ja"), rs.getString("title_en"), rs.getString("body_en"),
                Arrays.stream(tags.split(",")).filter(t -> !t.isEmpty()).toList(),
                Article.Status.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
