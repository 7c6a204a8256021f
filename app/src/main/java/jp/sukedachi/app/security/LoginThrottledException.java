package jp.sukedachi.app.security;

import java.io.Serial;
import java.time.Instant;
import org.springframework.security.authentication.AccountStatusException;

/** Too many failed attempts; {@link #until()} says when the next try is allowed. */
class LoginThrottledException extends AccountStatusException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final Instant until;

    public LoginThrottledException(Instant until) {
        super("too many failed attempts; retry after " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
