package jp.sukedachi.app.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants go to the database as UTC timestamptz and come back as Instants, on H2 and PostgreSQL alike. They are cut
 * to microseconds, what both databases store: the clock has nanoseconds, H2 rounds a stored value half up, and then
 * compares the stored value with the same instant as a parameter at full precision, so "due at now" was not yet due
 * at now (a notification planned by a sweep waited for the next one).
 */
public final class SqlTimes {
    private SqlTimes() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
