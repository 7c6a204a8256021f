package jp.sukedachi.app.config;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Config's API for scheduled jobs with visible effects (alerts raised or closed, audit records, mails, fetches) that
 * must run on one instance at a time when several share one database (how: {@link JobLockRepository}).
 */
@Component
public class JobLocks {
    private final JobLockRepository locks;

    JobLocks(JobLockRepository locks) {
        this.locks = locks;
    }

    /**
     * Locks the job for the current transaction; false when another instance's run holds it right now (that run
     * does the same work, so this one is skipped rather than waiting and repeating it).
     */
    public boolean tryLock(String job) {
        return locks.tryLock(job);
    }

    /**
     * Runs {@code work} while holding the job's lock on a connection of its own, for jobs whose work commits in
     * transactions of its own (one per mail, per feed, per company): {@link #tryLock} would make it all one
     * transaction. Empty, without running it, when another instance's run holds the lock right now.
     */
    public <T> Optional<T> runExclusive(String job, Supplier<T> work) {
        return locks.runExclusive(job, work);
    }
}
