package jp.sukedachi.app.tenant;

import java.util.Locale;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Mails a new invitation's link to the invited person, in the language of the person who invited (the one the
 * invite page is in). Whatever happens, the page still shows the link; a failed send is said plainly there and
 * audited, a sent one is audited too.
 */
@Component
class InvitationMails {
    private static final Logger log = LoggerFactory.getLogger(InvitationMails.class);

    /** What became of the mail, as the invite page tells it. */
    enum Delivery { SENT, NOT_CONFIGURED, FAILED }

    private final ObjectProvider<InvitationMailer> mailer;
    private final TenantRepository tenants;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Formats formats;

    InvitationMails(ObjectProvider<InvitationMailer> mailer, TenantRepository tenants, MessageSource messages, AuditLog audit,
            Formats formats) {
        this.formats = formats;
        this.mailer = mailer;
        this.tenants = tenants;
        this.messages = messages;
        this.audit = audit;
    }

    Delivery send(Actor actor, UserService.Invitation invitation, String link, String inviterName, Locale locale) {
        InvitationMailer sender = mailer.getIfAvailable();
        if (sender == null || !sender.configured()) {
            return Delivery.NOT_CONFIGURED;
        }
        AppUser user = invitation.user();
        String company = user.tenantId() == null ? messages.getMessage("invite.mail.provider", null, locale)
                : tenants.find(actor, user.tenantId()).map(Tenant::name)
                        .orElseGet(() -> messages.getMessage("invite.mail.provider", null, locale));
        String subject = messages.getMessage("invite.mail.subject", new Object[] {company}, locale);
        String body = messages.getMessage("invite.mail.body", new Object[] {user.displayName(), inviterName, company, link,
                formats.dateTime(user.inviteExpiresAt())}, locale);
        try {
            sender.send(user.email(), subject, body);
            audit.record(actor, user.tenantId(), AuditAction.INVITATION_MAILED, user.login(), Outcome.SUCCESS, null);
            return Delivery.SENT;
        } catch (RuntimeException e) {
            log.warn("invitation mail to {} failed: {}", user.email(), e.toString());
            audit.record(actor, user.tenantId(), AuditAction.INVITATION_MAILED, user.login(), Outcome.FAILURE,
                    cut(e.getMessage()));
            return Delivery.FAILED;
        }
    }

    private static String cut(String text) {
        return text == null ? null : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
