package jp.sukedachi.app.config;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * An embedded H2 that hit a write error (disk full) closes itself; the pooled connections then fail for ever
 * ("database is closed") although a new connection would open the database again once space is back. Hikari
 * evicts a connection that reports this, so the application recovers without a restart.
 */
public class H2ClosedEviction implements SQLExceptionOverride {
    /** H2 error codes: DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, GENERAL_ERROR (file store panics). */
    private static final int[] CLOSED = {90098, 90121, 50000};

    // Qualified: Hikari's SQLExceptionOverride.Override (the answer type, inherited) hides the annotation's name.
    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            for (int code : CLOSED) {
                if (s.getErrorCode() == code) {
                    return Override.MUST_EVICT;
                }
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
