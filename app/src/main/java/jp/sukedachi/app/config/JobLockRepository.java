package jp.sukedachi.app.config;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Scheduled jobs with visible effects (alerts raised or closed, audit records) that must run on one instance at a
 * time when several share one database. A run takes its job's row in {@code job_lock} inside its transaction and
 * holds it until it commits; a job that died releases it with its connection, so there is no lease to expire.
 */
@Repository
class JobLockRepository {
    private final JdbcClient jdbc;

    JobLockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the job for the current transaction; false when another instance's run holds it right now (that run
     * does the same work, so this one is skipped rather than waiting and repeating it).
     */
    boolean tryLock(String job) {
        return jdbc.sql("select name from job_lock where name = :n for update skip locked").param("n", job)
                .query(String.class).optional().isPresent();
    }
}
