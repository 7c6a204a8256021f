package jp.sukedachi.app.triage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.event.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The funnel's counters per company and Japan day (table {@code tenant_day_count}, V18): what the pipeline and the
 * analysts write is counted in the same transaction as the write itself, so a count can neither run ahead of nor
 * fall behind the rows it counts, and a rolled-back batch counts nothing. Ingest counts received events here, triage
 * its detections, alerts and incidents.
 *
 * <p>Why the counts wait for the commit: every batch of every pipeline stream, the quarantine and the analysts'
 * promotions update the same few rows (one per company and day). Written at once, two transactions that touch two
 * companies in opposite orders would deadlock; collected and written just before the commit, sorted by day and
 * company, as the last thing each transaction locks, they cannot. Outside a transaction a count is written at once.
 * The same counts are kept per company and Japan month ({@code tenant_month_count}, V32), written after all the
 * day rows, for the program statistics.
 */
@Component
public class FunnelCountRepository {
    /** The zone whose calendar days the funnel counts: the shared kernel's Japan time (always UTC+9). */
    public static final ZoneId DAY_ZONE = Formats.TOKYO;

    /**
     * What is counted: each a column of {@code tenant_day_count}. BLOCKED, MALWARE and ALERTS_HUMAN (V32) follow
     * the definitions of {@code report.ReportFigures}: see {@link #countDetection} and {@link #countAlert}.
     */
    public enum Measure { EVENTS, DETECTIONS, ALERTS, INCIDENTS, BLOCKED, MALWARE, ALERTS_HUMAN }

    /** Detections of these categories are "malware detected" in the statistics and the reports. */
    public static final Set<Category> MALWARE = EnumSet.of(Category.MALWARE_DOWNLOAD, Category.RANSOMWARE, Category.C2);

    private record Key(LocalDate day, UUID tenant) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : tenant.compareTo(o.tenant);
        }
    }

    private final JdbcClient jdbc;

    FunnelCountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The Japan day an instant belongs to. */
    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, DAY_ZONE);
    }

    /** Counts one detection of {@code category} on the day of its event: as a detection, blocked or malware. */
    void countDetection(UUID tenantId, Instant at, Category category) {
        add(tenantId, at, Measure.DETECTIONS, 1);
        if (category == Category.BLOCKED) {
            add(tenantId, at, Measure.BLOCKED, 1);
        } else if (MALWARE.contains(category)) {
            add(tenantId, at, Measure.MALWARE, 1);
        }
    }

    /**
     * Counts an alert ({@code n} = 1) or takes it back ({@code n} = -1) on the day of its first event, and as needing
     * a human when it does ({@link Alert#needsHuman()}: every alert triage opens). An alert that moves day, or an old
     * one that comes to need a human, is taken back as it was and counted as it is.
     */
    void countAlert(UUID tenantId, Instant firstSeen, boolean needsHuman, int n) {
        add(tenantId, firstSeen, Measure.ALERTS, n);
        if (needsHuman) {
            add(tenantId, firstSeen, Measure.ALERTS_HUMAN, n);
        }
    }

    /** One company's committed counts of one Japan day, as triage's burst rule reads them. */
    record DayBlocked(LocalDate day, long events, long blocked) {
    }

    /**
     * A company's committed events and blocked detections per Japan day in {@code [from, to]} (days without a row are
     * absent: nothing was counted). What the running transaction counted is not in them yet (see the class comment).
     */
    List<DayBlocked> blockedDays(UUID tenantId, LocalDate from, LocalDate to) {
        return jdbc.sql("select jst_day, events, blocked from tenant_day_count where tenant_id = :t"
                        + " and jst_day >= :from and jst_day <= :to")
                .param("t", tenantId).param("from", from).param("to", to)
                .query((rs, n) -> new DayBlocked(rs.getObject("jst_day", LocalDate.class), rs.getLong("events"),
                        rs.getLong("blocked")))
                .list();
    }

    /** Adds {@code n} (negative to take back) to a company's count of the day {@code at} falls on. */
    public void add(UUID tenantId, Instant at, Measure measure, long n) {
        if (n == 0 || tenantId == null) {
            return;
        }
        Key key = new Key(day(at), tenantId);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(key, delta(measure, n));
            writeMonth(new Key(key.day().withDayOfMonth(1), tenantId), delta(measure, n));
            return;
        }
        pending().computeIfAbsent(key, k -> new long[Measure.values().length])[measure.ordinal()] += n;
    }

    @SuppressWarnings("unchecked")
    private Map<Key, long[]> pending() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (Map<Key, long[]>) bound;
        }
        Map<Key, long[]> counts = new TreeMap<>();
        TransactionSynchronizationManager.bindResource(this, counts);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                counts.forEach(FunnelCountRepository.this::write);
                // Every day row before any month row, each in order: the months' locks cannot cross the days'.
                Map<Key, long[]> months = new TreeMap<>();
                counts.forEach((key, d) -> {
                    long[] sum = months.computeIfAbsent(new Key(key.day().withDayOfMonth(1), key.tenant()),
                            k -> new long[d.length]);
                    for (int i = 0; i < d.length; i++) {
                        sum[i] += d[i];
                    }
                });
                months.forEach(FunnelCountRepository.this::writeMonth);
                counts.clear();
            }

            // A transaction started inside this one (REQUIRES_NEW) keeps its own counts.
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(FunnelCountRepository.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(FunnelCountRepository.this, counts);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(FunnelCountRepository.this);
            }
        });
        return counts;
    }

    private static long[] delta(Measure measure, long n) {
        long[] d = new long[Measure.values().length];
        d[measure.ordinal()] = n;
        return d;
    }

    private void write(Key key, long[] d) {
        write("tenant_day_count", "jst_day", key, d);
    }

    /** The month's row (V32): {@code key.day()} is the month's first day. */
    private void writeMonth(Key key, long[] d) {
        write("tenant_month_count", "jst_month", key, d);
    }

    private void write(String table, String dayColumn, Key key, long[] d) {
        if (update(table, dayColumn, key, d) > 0) {
            return;
        }
        // The first count of this company and day; another transaction may insert the same row at the same moment.
        jdbc.sql("insert into " + table + " (" + dayColumn + ", tenant_id) values (:day, :t) on conflict do nothing")
                .param("day", key.day()).param("t", key.tenant()).update();
        update(table, dayColumn, key, d);
    }

    private int update(String table, String dayColumn, Key key, long[] d) {
        return jdbc.sql("update " + table + " " + """
                 set events = events + :e, detections = detections + :d, alerts = alerts + :a,
                       incidents = incidents + :i, blocked = blocked + :b, malware = malware + :m,
                       alerts_human = alerts_human + :h
                 where""" + " " + dayColumn + " = :day and tenant_id = :t")
                .param("e", d[Measure.EVENTS.ordinal()]).param("d", d[Measure.DETECTIONS.ordinal()])
                .param("a", d[Measure.ALERTS.ordinal()]).param("i", d[Measure.INCIDENTS.ordinal()])
                .param("b", d[Measure.BLOCKED.ordinal()]).param("m", d[Measure.MALWARE.ordinal()])
                .param("h", d[Measure.ALERTS_HUMAN.ordinal()])
                .param("day", key.day()).param("t", key.tenant()).update();
    }
}
