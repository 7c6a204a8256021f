package jp.sukedachi.app.selfcheck.lessons;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Lesson results per user; a company's results are read through the actor's scope. */
@Repository
public class LessonRepository {
    private final JdbcClient jdbc;

    public LessonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds one attempt by the actor; the first pass is kept, the best score only rises. */
    void record(Actor actor, int lessonNo, int score, int questions, boolean passed, Instant at) {
        if (actor.tenantId() == null) {
            throw new NotFoundException("company");
        }
        Instant passedAt = passed ? at : null;
        int updated = jdbc.sql("""
                update selfhelp_lesson set attempts = attempts + 1, best_score = greatest(best_score, :score),
                    questions = :questions, passed_at = coalesce(passed_at, :passed), updated_at = :at
                where user_id = :u and lesson_no = :n""")
                .param("score", score).param("questions", questions).param("passed", utc(passedAt))
                .param("at", utc(at)).param("u", actor.userId()).param("n", lessonNo).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into selfhelp_lesson (user_id, tenant_id, lesson_no, attempts, best_score, questions, passed_at, updated_at)
                    values (:u, :t, :n, 1, :score, :questions, :passed, :at)""")
                    .param("u", actor.userId()).param("t", actor.tenantId()).param("n", lessonNo).param("score", score)
                    .param("questions", questions).param("passed", utc(passedAt)).param("at", utc(at)).update();
        }
    }

    /** The actor's own results. */
    public List<LessonResult> mine(Actor actor) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_lesson where user_id = :u and " + TenantScope.where("tenant_id")
                        + " order by lesson_no"))
                .param("u", actor.userId()).query(LessonRepository::map).list();
    }

    /** Everyone's results in a company, for its owner's overview. */
    public List<LessonResult> ofCompany(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_lesson where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by user_id, lesson_no"))
                .param("t", tenantId).query(LessonRepository::map).list();
    }

    private static LessonResult map(ResultSet rs, int row) throws SQLException {
        return new LessonResult(rs.getObject("user_id", UUID.class), rs.getInt("lesson_no"), rs.getInt("attempts"),
                rs.getInt("best_score"), rs.getInt("questions"), instant(rs, "passed_at"));
    }
}
