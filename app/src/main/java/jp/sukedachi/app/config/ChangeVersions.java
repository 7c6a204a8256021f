package jp.sukedachi.app.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes every process must rebuild from, when several share one database (a cluster's workers, or two embedded
 * instances): indicators ({@link #INTEL}, the matcher's snapshot) and Sigma rules ({@link #SIGMA}, the compiled
 * rules). Each process builds its own snapshot; this tells it when to build again.
 *
 * <p>A change bumps its kind's row in {@code change_version} in the change's transaction (or right after it, for
 * changes written in several transactions) and rebuilds here at once. Every other process rebuilds when it sees the
 * version moved past the one it built. It sees it two ways, and needs both: on PostgreSQL a {@code NOTIFY} wakes
 * its listening connection within milliseconds, but a notification is lost while that connection is down (a
 * restart of the database, a network cut) and H2 has none; so every {@code sukedachi.control.poll-ms} it also
 * reads the versions, and a lost notification only delays the rebuild. The version, not the notification, is the
 * truth: a notification only says "look now".
 */
@Component
public class ChangeVersions implements SmartLifecycle, DisposableBean {
    public static final String INTEL = "intel";
    public static final String SIGMA = "sigma";
    static final String CHANNEL = "sukedachi_changes";
    /** The listening connection's application name in PostgreSQL. */
    public static final String LISTENER_NAME = "sukedachi-changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeVersions.class);

    private final ChangeVersionRepository repository;
    private final TransactionTemplate transaction;
    private final long pollMs;
    private final boolean oneShotCommand;
    private final String url;
    private final String username;
    private final String password;
    private final boolean postgres;
    private final Map<String, Runnable> rebuilds = new ConcurrentHashMap<>();
    /** The version each kind's snapshot in this process was built from (at least). */
    private final Map<String, Long> built = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread watcher;
    private volatile Connection listening;

    ChangeVersions(ChangeVersionRepository repository, PlatformTransactionManager transactions, ControlSettings settings,
            SukedachiProperties properties, Environment environment) {
        this.repository = repository;
        this.transaction = new TransactionTemplate(transactions);
        this.pollMs = settings.pollMs();
        this.oneShotCommand = properties.oneShotCommand();
        this.url = environment.getProperty("spring.datasource.url", "");
        this.username = environment.getProperty("spring.datasource.username", "");
        this.password = environment.getProperty("spring.datasource.password", "");
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /** How this process rebuilds {@code kind} from the database; called by the owner of the snapshot, once. */
    public void register(String kind, Runnable rebuild) {
        rebuilds.put(kind, rebuild);
    }

    /**
     * Records a change of {@code kind} (in the caller's transaction when there is one, else in its own) and rebuilds
     * this process's snapshot once it is committed; the other processes rebuild theirs when they see it.
     */
    public void changed(String kind) {
        boolean inCallersTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        long version = transaction.execute(s -> bump(kind));
        if (inCallersTransaction) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    rebuildIfBehind(kind, version);
                }
            });
        } else {
            rebuildIfBehind(kind, version);
        }
    }

    private long bump(String kind) {
        // The notification is delivered when the change commits, never before: a listener woken by it finds it.
        return repository.bump(kind, postgres ? CHANNEL : null);
    }

    /** Rebuilds every kind whose version moved past the one built here; returns how many it rebuilt. */
    int catchUp() {
        int rebuilt = 0;
        for (Map.Entry<String, Long> v : versions().entrySet()) {
            // Read before the rebuild: a change committed while it runs has a higher version and is built next time.
            if (rebuildIfBehind(v.getKey(), v.getValue())) {
                log.info("{} changed on another instance (version {}): rebuilt", v.getKey(), v.getValue());
                rebuilt++;
            }
        }
        return rebuilt;
    }

    /**
     * One rebuild per version even when this process's own change and its notification race (the change rebuilds
     * here after its commit; the watcher, woken by the same commit, then finds the version built).
     */
    private boolean rebuildIfBehind(String kind, long version) {
        Runnable rebuild = rebuilds.get(kind);
        if (rebuild == null) {
            return false;
        }
        synchronized (locks.computeIfAbsent(kind, k -> new Object())) {
            if (built.getOrDefault(kind, Long.MIN_VALUE) >= version) {
                return false;
            }
            rebuild.run();
            built.merge(kind, version, Math::max);
            return true;
        }
    }

    private Map<String, Long> versions() {
        return repository.versions();
    }

    /** The version of {@code kind} this process's snapshot is built from (tests, health). */
    public long builtVersion(String kind) {
        return built.getOrDefault(kind, -1L);
    }

    // ------------------------------------------------------------------------------------------ the watcher

    @Override
    public void start() {
        // The versions as they are now: the snapshots are built after this (intel at a later phase, Sigma once the
        // application is ready), so they hold at least these changes.
        built.putAll(versions());
        running = true;
        if (oneShotCommand) {
            return; // an import and the like build no snapshot to keep fresh
        }
        Thread t = new Thread(this::watch, "sukedachi-changes");
        t.setDaemon(true);
        watcher = t;
        t.start();
    }

    private void watch() {
        boolean warned = false;
        while (running) {
            try {
                awaitNotificationOrPoll();
                catchUp();
                warned = false;
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                closeListening();
                if (!warned) {
                    log.warn("change versions could not be read ({}); trying again every {} ms", e.toString(), pollMs);
                    warned = true;
                }
                try {
                    Thread.sleep(pollMs);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * Returns when a notification arrived or {@code poll-ms} passed. On PostgreSQL it waits on its own connection
     * (LISTEN; a pooled connection would be taken from the application for good), opened again after a failure.
     */
    private void awaitNotificationOrPoll() throws SQLException, InterruptedException {
        if (!postgres) {
            Thread.sleep(pollMs);
            return;
        }
        Connection c = listening;
        if (c == null) {
            Properties props = new Properties();
            props.setProperty("ApplicationName", LISTENER_NAME); // to be told apart in pg_stat_activity
            if (!username.isBlank()) {
                props.setProperty("user", username);
            }
            if (!password.isBlank()) {
                props.setProperty("password", password);
            }
            c = DriverManager.getConnection(url, props);
            listening = c;
            if (!running) {
                // stop() ran while this was connecting: it closed what was there, which was not this one yet
                closeListening();
                return;
            }
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN " + CHANNEL);
            }
            catchUp(); // what changed while it was not listening
        }
        PGNotification[] got = c.unwrap(PGConnection.class).getNotifications((int) pollMs);
        if (got != null && got.length > 0) {
            log.debug("{} change notifications", got.length);
        }
    }

    private void closeListening() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is being replaced anyway
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
        }
        closeListening();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The context closing without {@link #stop()} (a start that failed after this one started) still ends the
     * watcher and closes its connection.
     */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public int getPhase() {
        return -200; // before IntelService (-100) builds its first snapshot
    }
}
