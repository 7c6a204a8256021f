package jp.sukedachi.app.security;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Held in the session between the password step and the TOTP step. Its only authority is
 * {@value #AUTHORITY}, which opens the TOTP pages and nothing else; the full authentication is kept
 * inside and installed once the code is right.
 */
final class PendingSecondFactor extends AbstractAuthenticationToken {
    @Serial
    private static final long serialVersionUID = 1L;
    public static final String AUTHORITY = "MFA_PENDING";
    private final Authentication passwordAuthentication;

    public PendingSecondFactor(Authentication passwordAuthentication) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.passwordAuthentication = passwordAuthentication;
        setAuthenticated(true);
    }

    public Authentication passwordAuthentication() {
        return passwordAuthentication;
    }

    public SukedachiPrincipal user() {
        return (SukedachiPrincipal) passwordAuthentication.getPrincipal();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return passwordAuthentication.getPrincipal();
    }
}
