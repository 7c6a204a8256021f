package jp.sukedachi.app.desk;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.desk.DeskMailRepository.Unmatched;
import jp.sukedachi.app.desk.DeskMailRepository.UnmatchedStatus;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mail no company was found for, for provider staff (admins and analysts) only: read it, assign it to a
 * company (it becomes that company's ticket, attachments and all) or discard it with a reason. Both are audited;
 * a mail leaves the list only by one of them.
 */
@Service
class DeskMailUnmatched {
    static final int REASON_MAX = 500;
    private final DeskMailRepository mails;
    private final DeskMailIntake intake;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;

    DeskMailUnmatched(DeskMailRepository mails, DeskMailIntake intake, TenantRepository tenants, AuditLog audit,
            Clock clock) {
        this.mails = mails;
        this.intake = intake;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    List<Unmatched> waiting(Actor actor) {
        requireStaff(actor, "desk-mail");
        return mails.waiting(300);
    }

    List<Unmatched> decided(Actor actor) {
        requireStaff(actor, "desk-mail");
        return mails.decided(30);
    }

    long countWaiting(Actor actor) {
        requireStaff(actor, "desk-mail");
        return mails.countWaiting();
    }

    /** One kept mail with its whole message, for staff. */
    Unmatched get(Actor actor, UUID id) {
        requireStaff(actor, "desk-mail:" + id);
        return mails.findUnmatched(id).orElseThrow(() -> new NotFoundException("mail"));
    }

    /** Assigns a waiting mail to a company; answers the ticket it became (or the reply went to). */
    @Transactional
    UUID assign(Actor actor, UUID id, UUID tenantId) throws MessagingException, IOException {
        Unmatched mail = waitingMail(actor, id);
        if (tenantId == null || tenants.find(actor, tenantId).isEmpty()) {
            throw new InvalidInput("tenantId", "deskMail.error.company", null, "choose a company");
        }
        DeskMailIntake.Taken taken = intake.takeForCompany(mail.raw(), tenantId, mail.receivedAt());
        if (!mails.decide(id, UnmatchedStatus.ASSIGNED, null, actor.login(), clock.instant(), tenantId,
                taken.ticketId())) {
            throw new InvalidInput("mail", "deskMail.error.decided", null, "the mail was already decided");
        }
        audit.record(actor, tenantId, AuditAction.DESK_MAIL_ASSIGNED, "desk-mail:" + id, Outcome.SUCCESS,
                "ticket:" + taken.ticketId());
        return taken.ticketId();
    }

    /** Discards a waiting mail; the reason is kept and shown. */
    @Transactional
    void discard(Actor actor, UUID id, String reason) {
        waitingMail(actor, id);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInput("reason", "deskMail.error.reasonRequired", null, "say why the mail is discarded");
        }
        InvalidInput.requireLength("reason", "deskMail.reason", why, REASON_MAX);
        if (!mails.decide(id, UnmatchedStatus.DISCARDED, why, actor.login(), clock.instant(), null, null)) {
            throw new InvalidInput("mail", "deskMail.error.decided", null, "the mail was already decided");
        }
        audit.record(actor, null, AuditAction.DESK_MAIL_DISCARDED, "desk-mail:" + id, Outcome.SUCCESS, why);
    }

    private Unmatched waitingMail(Actor actor, UUID id) {
        Unmatched mail = get(actor, id);
        if (mail.status() != UnmatchedStatus.WAITING) {
            throw new InvalidInput("mail", "deskMail.error.decided", null, "the mail was already decided");
        }
        return mail;
    }

    private void requireStaff(Actor actor, String target) {
        if (!Tickets.isStaff(actor)) {
            audit.record(actor, actor.tenantId(), AuditAction.ACCESS_DENIED, target, Outcome.DENIED, "desk mail");
            throw new AccessDeniedException("the unmatched mail is for provider staff");
        }
    }
}
