package jp.sukedachi.app.shared;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises the pipeline's writers of alert groups and campaign keys inside this process when the database belongs
 * to this process alone (embedded H2: its file is locked to one process). Triage and campaign correlation lock a row
 * per alert group and per key so that two instances of a cluster on one PostgreSQL never open the same alert or
 * campaign twice; on H2 no other instance exists, and a {@code select … for update} there costs what a write costs
 * (10-15 % of the consumer's CPU in bench pipeline). There one lock in memory, held from the first group to the
 * transaction's end, gives the same guarantee to the threads of this process (the consumer, the silent-device watch),
 * and to every application context of this JVM on the same database (tests run two "instances" that way): the lock
 * belongs to the database's address, not to the bean.
 */
@Component
public class WriterLock {
    private static final ConcurrentHashMap<String, ReentrantLock> BY_DATABASE = new ConcurrentHashMap<>();
    private final boolean inProcess;
    private final ReentrantLock lock;

    @Autowired
    public WriterLock(Environment environment) {
        this(environment.getProperty("spring.datasource.url", ""));
    }

    WriterLock(String jdbcUrl) {
        this.inProcess = oneProcess(jdbcUrl);
        int settings = jdbcUrl.indexOf(';');
        this.lock = BY_DATABASE.computeIfAbsent(settings < 0 ? jdbcUrl : jdbcUrl.substring(0, settings),
                k -> new ReentrantLock());
    }

    /**
     * Whether the database can be written by this process only: embedded H2 (a file or memory database), not H2's
     * server or auto-server modes, not PostgreSQL.
     */
    static boolean oneProcess(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length()).toLowerCase(java.util.Locale.ROOT);
        return !rest.startsWith("tcp:") && !rest.startsWith("ssl:") && !rest.replace(" ", "").contains("auto_server=true");
    }

    /**
     * In a transaction: when the database is this process's own, takes the lock until the transaction ends (once per
     * transaction) and returns true, and the caller needs no row lock; else returns false and the caller locks its row.
     */
    public boolean holdUntilTransactionEnds() {
        if (!inProcess) {
            return false;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the writer lock is held until a transaction ends: call it in one");
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return true;
        }
        lock.lock();
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WriterLock.this);
                lock.unlock();
            }
        });
        return true;
    }

    /** For tests: whether some thread holds the lock now. */
    boolean isLocked() {
        return lock.isLocked();
    }
}
