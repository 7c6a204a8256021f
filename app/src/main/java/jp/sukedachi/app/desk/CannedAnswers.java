package jp.sukedachi.app.desk;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's canned answers: provider-wide texts (Japanese, optionally English) staff pick into the reply form.
 * Only staff read and manage them; every change is audited.
 */
@Service
class CannedAnswers {
    static final int TITLE_MAX = 100;
    static final int BODY_MAX = 4000;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CannedAnswers(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    List<CannedAnswer> all(Actor actor) {
        requireStaff(actor);
        return jdbc.sql("select * from canned_answer order by title, id").query(CannedAnswers::map).list();
    }

    Optional<CannedAnswer> find(Actor actor, UUID id) {
        requireStaff(actor);
        return jdbc.sql("select * from canned_answer where id = :id").param("id", id).query(CannedAnswers::map)
                .optional();
    }

    /** Creates (id null) or updates a canned answer; answers its id. */
    @Transactional
    UUID save(Actor actor, UUID id, String title, String bodyJa, String bodyEn) {
        requireStaff(actor);
        String t = Tickets.required("title", "canned.field.title", title, TITLE_MAX);
        String ja = Tickets.required("bodyJa", "canned.field.bodyJa", bodyJa, BODY_MAX);
        InvalidInput.requireLength("bodyEn", "canned.field.bodyEn", bodyEn, BODY_MAX);
        String en = bodyEn == null || bodyEn.isBlank() ? null : bodyEn.strip();
        Instant now = clock.instant();
        UUID key = id;
        if (id == null) {
            key = UUID.randomUUID();
            jdbc.sql("""
                    insert into canned_answer (id, title, body_ja, body_en, updated_by, created_at, updated_at)
                    values (:id, :t, :ja, :en, :by, :now, :now)""")
                    .param("id", key).param("t", t).param("ja", ja).param("en", en).param("by", actor.login())
                    .param("now", utc(now)).update();
        } else if (jdbc.sql("""
                update canned_answer set title = :t, body_ja = :ja, body_en = :en, updated_by = :by, updated_at = :now
                where id = :id""").param("id", id).param("t", t).param("ja", ja).param("en", en)
                .param("by", actor.login()).param("now", utc(now)).update() != 1) {
            throw new jp.sukedachi.app.shared.NotFoundException("canned answer");
        }
        audit.record(actor, null, AuditAction.CANNED_ANSWER_SAVED, "canned:" + key, Outcome.SUCCESS, t);
        return key;
    }

    @Transactional
    void delete(Actor actor, UUID id) {
        requireStaff(actor);
        if (jdbc.sql("delete from canned_answer where id = :id").param("id", id).update() != 1) {
            throw new jp.sukedachi.app.shared.NotFoundException("canned answer");
        }
        audit.record(actor, null, AuditAction.CANNED_ANSWER_DELETED, "canned:" + id, Outcome.SUCCESS, null);
    }

    private static void requireStaff(Actor actor) {
        if (!Tickets.isStaff(actor)) {
            throw new AccessDeniedException("only provider staff use canned answers");
        }
    }

    private static CannedAnswer map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CannedAnswer(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body_ja"),
                rs.getString("body_en"), rs.getString("updated_by"), instant(rs, "updated_at"));
    }
}
