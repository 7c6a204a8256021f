package jp.sukedachi.app.config;

import org.springframework.stereotype.Component;

/**
 * Config's API for scheduled jobs with visible effects (alerts raised or closed, audit records) that must run on
 * one instance at a time when several share one database (how: {@link JobLockRepository}).
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
}
