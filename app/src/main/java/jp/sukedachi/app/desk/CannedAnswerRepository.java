package jp.sukedachi.app.desk;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Canned answers: provider-wide texts with no tenant, so there is no tenant scope to apply; {@link CannedAnswers}
 * lets only provider staff reach them.
 */
@Repository
class CannedAnswerRepository {
    private final JdbcClient jdbc;

    CannedAnswerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CannedAnswer> all() {
        return jdbc.sql("select * from canned_answer order by title, id").query(CannedAnswerRepository::map).list();
    }

    Optional<CannedAnswer> find(UUID id) {
        return jdbc.sql("select * from canned_answer where id = :id").param("id", id)
                .query(CannedAnswerRepository::map).optional();
    }

    void insert(UUID id, String title, String bodyJa, String bodyEn, String by, Instant now) {
        jdbc.sql("""
                insert into canned_answer (id, title, body_ja, body_en, updated_by, created_at, updated_at)
                values (:id, :t, :ja, :en, :by, :now, :now)""")
                .param("id", id).param("t", title).param("ja", bodyJa).param("en", bodyEn).param("by", by)
                .param("now", utc(now)).update();
    }

    boolean update(UUID id, String title, String bodyJa, String bodyEn, String by, Instant now) {
        return jdbc.sql("""
                update canned_answer set title = :t, body_ja = :ja, body_en = :en, updated_by = :by, updated_at = :now
                where id = :id""").param("id", id).param("t", title).param("ja", bodyJa).param("en", bodyEn)
                .param("by", by).param("now", utc(now)).update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from canned_answer where id = :id").param("id", id).update() == 1;
    }

    private static CannedAnswer map(ResultSet rs, int row) throws SQLException {
        return new CannedAnswer(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body_ja"),
                rs.getString("body_en"), rs.getString("updated_by"), instant(rs, "updated_at"));
    }
}
