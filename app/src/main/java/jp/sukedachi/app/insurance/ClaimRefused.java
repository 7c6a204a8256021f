package jp.sukedachi.app.insurance;

import java.io.Serial;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * A claim step refused by a rule, with the reason in words (a message key and its arguments): 409 when the claim is
 * not in a state for the step (submitting twice, approving a draft), 422 when a rule of the claim breaks (no policy
 * on the incident's day, nothing to claim, a partial approval that approves everything).
 */
class ClaimRefused extends RuntimeException implements MessageSourceResolvable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final HttpStatus status;
    private final String key;
    private final transient Object[] args;

    ClaimRefused(HttpStatus status, String key, String english, Object... args) {
        super(english);
        this.status = status;
        this.key = key;
        this.args = args;
    }

    static ClaimRefused conflict(String key, String english, Object... args) {
        return new ClaimRefused(HttpStatus.CONFLICT, key, english, args);
    }

    static ClaimRefused rule(String key, String english, Object... args) {
        return new ClaimRefused(HttpStatus.UNPROCESSABLE_CONTENT, key, english, args);
    }

    HttpStatus status() {
        return status;
    }

    @Override
    public String[] getCodes() {
        return new String[] {key};
    }

    @Override
    public Object[] getArguments() {
        return args;
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }
}
