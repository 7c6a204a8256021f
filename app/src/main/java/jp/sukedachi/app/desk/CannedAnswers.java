package jp.sukedachi.app.desk;

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
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's canned answers: provider-wide texts (Japanese, optionally English) staff pick into the reply form.
 * Only staff read and manage them; every change is audited.
 */
@Service
public class CannedAnswers {
    static final int TITLE_MAX = 100;
    static final int BODY_MAX = 4000;
    private final CannedAnswerRepository answers;
    private final AuditLog audit;
    private final Clock clock;

    CannedAnswers(CannedAnswerRepository answers, AuditLog audit, Clock clock) {
        this.answers = answers;
        this.audit = audit;
        this.clock = clock;
    }

    List<CannedAnswer> all(Actor actor) {
        requireStaff(actor);
        return answers.all();
    }

    Optional<CannedAnswer> find(Actor actor, UUID id) {
        requireStaff(actor);
        return answers.find(id);
    }

    /** Creates (id null) or updates a canned answer; answers its id. */
    @Transactional
    public UUID save(Actor actor, UUID id, String title, String bodyJa, String bodyEn) {
        requireStaff(actor);
        String t = Tickets.required("title", "canned.field.title", title, TITLE_MAX);
        String ja = Tickets.required("bodyJa", "canned.field.bodyJa", bodyJa, BODY_MAX);
        InvalidInput.requireLength("bodyEn", "canned.field.bodyEn", bodyEn, BODY_MAX);
        String en = bodyEn == null || bodyEn.isBlank() ? null : bodyEn.strip();
        Instant now = clock.instant();
        UUID key = id == null ? UUID.randomUUID() : id;
        if (id == null) {
            answers.insert(key, t, ja, en, actor.login(), now);
        } else if (!answers.update(id, t, ja, en, actor.login(), now)) {
            throw new NotFoundException("canned answer");
        }
        audit.record(actor, null, AuditAction.CANNED_ANSWER_SAVED, "canned:" + key, Outcome.SUCCESS, t);
        return key;
    }

    @Transactional
    void delete(Actor actor, UUID id) {
        requireStaff(actor);
        if (!answers.delete(id)) {
            throw new NotFoundException("canned answer");
        }
        audit.record(actor, null, AuditAction.CANNED_ANSWER_DELETED, "canned:" + id, Outcome.SUCCESS, null);
    }

    private static void requireStaff(Actor actor) {
        if (!Tickets.isStaff(actor)) {
            throw new AccessDeniedException("only provider staff use canned answers");
        }
    }
}
