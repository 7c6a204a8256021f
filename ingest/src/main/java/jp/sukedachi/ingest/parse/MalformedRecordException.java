package jp.sukedachi.ingest.parse;

import java.io.Serial;

/** A record that cannot be parsed; the message is the reason shown in the quarantine. */
public class MalformedRecordException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String reason) {
        super(reason, null, false, false);
    }
}
