package jp.sukedachi.app.shared;

import java.io.Serial;

/** A unique value (tenant name, login) already exists; carries the message-bundle key to show. */
public class DuplicateException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String messageKey;

    public DuplicateException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
