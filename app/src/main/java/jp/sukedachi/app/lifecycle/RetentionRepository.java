package jp.sukedachi.app.lifecycle;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The saved retention per kind, the clean-up's runs and its claim (tables of V31). Provider-wide data: no tenant,
 * read and changed by provider admins only (the callers check the role).
 */
@Repository
class RetentionRepository {
    /** A claim older than this is from an instance that died mid-run: another may take the job over. */
    static final Duration STALE_CLAIM = Duration.ofHours(6);
    /** A scheduled run skips when a run finished less than this ago (the other instance's run of the same day). */
    static final Duration RAN_RECENTLY = Duration.ofHours(12);

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<RetentionKind, Integer> savedDays() {
        Map<RetentionKind, Integer> out = new EnumMap<>(RetentionKind.class);
        jdbc.sql("select kind, days from retention_setting").query((rs, i) -> {
            try {
                out.put(RetentionKind.valueOf(rs.getString("kind")), rs.getInt("days"));
            } catch (IllegalArgumentException unknownKind) {
                // a kind a later version stored: not ours to interpret
            }
            return null;
        }).list();
        return out;
    }

    void saveDays(RetentionKind kind, int days, String by, Instant at) {
        jdbc.sql("delete from retention_setting where kind = :k").param("k", kind.name()).update();
        jdbc.sql("insert into retention_setting (kind, days, updated_by, updated_at) values (:k, :d, :by, :at)")
                .param("k", kind.name()).param("d", days).param("by", by).param("at", utc(at)).update();
    }

    /** One clean-up of one kind. {@code finishedAt} is null while it runs. */
    record Run(RetentionKind kind, Instant startedAt, Instant finishedAt, Instant cutoff, long deleted, String outcome,
            String error) {
    }

    long startRun(RetentionKind kind, Instant at, Instant cutoff) {
        jdbc.sql("""
                insert into retention_run (kind, started_at, cutoff, deleted, outcome)
                values (:k, :at, :cutoff, 0, 'RUNNING')""")
                .param("k", kind.name()).param("at", utc(at)).param("cutoff", utc(cutoff)).update();
        return jdbc.sql("select max(id) from retention_run where kind = :k and started_at = :at")
                .param("k", kind.name()).param("at", utc(at)).query(Long.class).single();
    }

    void finishRun(long id, long deleted, String outcome, String error, Instant at) {
        jdbc.sql("""
                update retention_run set deleted = :n, outcome = :o, error = :e, finished_at = :at
                where id = :id""")
                .param("n", deleted).param("o", outcome).param("e", error).param("at", utc(at)).param("id", id)
                .update();
    }

    /** The latest run of each kind that has one. */
    Map<RetentionKind, Run> lastRuns() {
        Map<RetentionKind, Run> out = new EnumMap<>(RetentionKind.class);
        List<Run> runs = jdbc.sql("""
                select r.kind, r.started_at, r.finished_at, r.cutoff, r.deleted, r.outcome, r.error
                from retention_run r
                where r.id = (select max(l.id) from retention_run l where l.kind = r.kind)""")
                .query((rs, i) -> {
                    RetentionKind kind;
                    try {
                        kind = RetentionKind.valueOf(rs.getString("kind"));
                    } catch (IllegalArgumentException unknownKind) {
                        return null;
                    }
                    return new Run(kind, instant(rs, "started_at"), instant(rs, "finished_at"),
                            instant(rs, "cutoff"), rs.getLong("deleted"), rs.getString("outcome"),
                            rs.getString("error"));
                }).list();
        for (Run r : runs) {
            if (r != null) {
                out.put(r.kind(), r);
            }
        }
        return out;
    }

    /** Runs of one kind, newest first (for tests and the API's history). */
    List<Run> runs(RetentionKind kind, int limit) {
        return jdbc.sql("""
                select kind, started_at, finished_at, cutoff, deleted, outcome, error from retention_run
                where kind = :k order by id desc limit :n""")
                .param("k", kind.name()).param("n", limit)
                .query((rs, i) -> new Run(kind, instant(rs, "started_at"), instant(rs, "finished_at"),
                        instant(rs, "cutoff"), rs.getLong("deleted"), rs.getString("outcome"),
                        rs.getString("error"))).list();
    }

    /**
     * Takes the job for {@code instance} (the caller holds the job lock in this transaction): refused while another
     * run holds a fresh claim, and, unless forced (an admin's "run now"), when a run finished recently.
     */
    boolean claim(String instance, Instant now, boolean force) {
        record State(Instant runningSince, Instant lastFinished) {
        }
        State s = jdbc.sql("select running_since, last_finished_at from retention_job where name = 'retention'")
                .query((rs, i) -> new State(instant(rs, "running_since"), instant(rs, "last_finished_at")))
                .single();
        if (s.runningSince() != null && s.runningSince().isAfter(now.minus(STALE_CLAIM))) {
            return false;
        }
        if (!force && s.lastFinished() != null && s.lastFinished().isAfter(now.minus(RAN_RECENTLY))) {
            return false;
        }
        jdbc.sql("update retention_job set running_since = :now, running_by = :me where name = 'retention'")
                .param("now", utc(now)).param("me", instance).update();
        return true;
    }

    void release(String instance, Instant now) {
        jdbc.sql("""
                update retention_job set running_since = null, running_by = null, last_finished_at = :now
                where name = 'retention' and running_by = :me""")
                .param("now", utc(now)).param("me", instance).update();
    }

    /** The runs' own record is kept for 400 days (enough for a year's look back); older ones go. */
    int pruneRuns(Instant before) {
        return jdbc.sql("delete from retention_run where started_at < :before").param("before", utc(before))
                .update();
    }
}
