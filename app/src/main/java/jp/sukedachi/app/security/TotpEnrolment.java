package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;

/**
 * Setting up an authenticator app: a new secret waits in the session (not the database) until the
 * user proves with one code that the app has it; only then is it stored, encrypted.
 */
@Service
class TotpEnrolment {
    private static final String SESSION_KEY = "sukedachi.totp.enrol";
    private final Totp totp;
    private final SecretCipher cipher;
    private final UserRepository users;
    private final AuditLog audit;

    public TotpEnrolment(Totp totp, SecretCipher cipher, UserRepository users, AuditLog audit) {
        this.totp = totp;
        this.cipher = cipher;
        this.users = users;
        this.audit = audit;
    }

    /** Puts the QR code and the secret (for typing in by hand) into the model. */
    public void prepare(HttpSession session, String login, Model model) {
        String secret = (String) session.getAttribute(SESSION_KEY);
        if (secret == null) {
            secret = totp.newSecret();
            session.setAttribute(SESSION_KEY, secret);
        }
        model.addAttribute("qrSvg", QrCode.svg(totp.provisioningUri(login, secret)));
        model.addAttribute("secret", secret.replaceAll("(.{4})", "$1 ").trim());
    }

    /** Confirms the pending secret with a code; stores it and returns true when right. */
    public boolean confirm(HttpSession session, SukedachiPrincipal user, String code) {
        String secret = (String) session.getAttribute(SESSION_KEY);
        var step = totp.verify(secret, code);
        if (step.isEmpty()) {
            audit.record(user.actor(), user.tenantId(), AuditAction.TOTP_ENROLLED, user.getUsername(),
                    Outcome.FAILURE, "wrong confirmation code");
            return false;
        }
        users.setTotp(user.userId(), cipher.encrypt(secret), true);
        users.advanceTotpStep(user.userId(), step.getAsLong());
        session.removeAttribute(SESSION_KEY);
        audit.record(user.actor(), user.tenantId(), AuditAction.TOTP_ENROLLED, user.getUsername(), Outcome.SUCCESS, null);
        return true;
    }

    /** Checks a login code against the stored secret, refusing a code whose time step was already used. */
    public boolean verifyStored(UUID userId, String code) {
        AppUser user = users.findById(userId).orElse(null);
        if (user == null || !user.totpEnabled() || user.totpSecretEncrypted() == null) {
            return false;
        }
        var step = totp.verify(cipher.decrypt(user.totpSecretEncrypted()), code);
        return step.isPresent() && users.advanceTotpStep(userId, step.getAsLong());
    }
}
