package jp.sukedachi.app.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Scheduled jobs with visible effects (alerts raised or closed, audit records) that must run on one instance at a
 * time when several share one database. A run takes its job's row in {@code job_lock} inside its transaction and
 * holds it until it commits; a job that died releases it with its connection, so there is no lease to expire.
 */
@Repository
class JobLockRepository {
    private static final Logger log = LoggerFactory.getLogger(JobLockRepository.class);
    private static final String LOCK = "select name from job_lock where name = ? for update skip locked";
    private final JdbcClient jdbc;
    private final DataSource dataSource;

    JobLockRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Locks the job for the current transaction; false when another instance's run holds it right now (that run
     * does the same work, so this one is skipped rather than waiting and repeating it).
     */
    boolean tryLock(String job) {
        return jdbc.sql(LOCK.replace("?", ":n")).param("n", job).query(String.class).optional().isPresent();
    }

    /**
     * Holds the row on a connection outside Spring's transactions (the work's own transactions use other
     * connections and never join this one), and rolls back when the work is done: the lock is all it was for.
     */
    <T> Optional<T> runExclusive(String job, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement st = c.prepareStatement(LOCK)) {
                    st.setString(1, job);
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                    }
                }
                return Optional.ofNullable(work.get());
            } finally {
                release(c, job, autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("job lock " + job + " could not be taken", e);
        }
    }

    /**
     * A failed rollback must not replace the work's result or its exception: the lock is released anyway when the
     * connection is closed (a broken one is discarded by the pool), so it is only logged.
     */
    private static void release(Connection c, String job, boolean autoCommit) {
        try {
            c.rollback();
            c.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            log.warn("job lock {}: releasing it failed ({}); its connection is closed and that releases it", job,
                    e.toString());
        }
    }
}
