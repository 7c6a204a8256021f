package jp.sukedachi.app.security;

import java.io.Serial;
import java.util.List;
import jp.sukedachi.app.shared.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an admin API key; the principal is the {@link Actor} the key stands for. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {
    @Serial
    private static final long serialVersionUID = 1L;
    private final Actor actor;

    public ApiKeyAuthentication(Actor actor) {
        super(List.of(new SimpleGrantedAuthority(actor.role().authority())));
        this.actor = actor;
        setAuthenticated(true);
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.login();
    }
}
