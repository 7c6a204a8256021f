package jp.sukedachi.app.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.SqlTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The offboarding table. Callers check the role and the company's scope first (only admins reach it). */
@Repository
class OffboardingRepository {
    private final JdbcClient jdbc;

    OffboardingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Offboarding o) {
        jdbc.sql("""
                insert into offboarding (id, tenant_id, slug_sha256, status, reason, requested_by, started_by,
                                         started_at, due_at)
                values (:id, :tenant, :hash, 'RUNNING', :reason, :requestedBy, :startedBy, :startedAt, :dueAt)""")
                .param("id", o.id()).param("tenant", o.tenantId()).param("hash", o.slugSha256())
                .param("reason", o.reason()).param("requestedBy", o.requestedBy()).param("startedBy", o.startedBy())
                .param("startedAt", SqlTimes.utc(o.startedAt())).param("dueAt", SqlTimes.utc(o.dueAt())).update();
    }

    Optional<Offboarding> running(UUID tenantId) {
        return jdbc.sql("select * from offboarding where tenant_id = :t and status = 'RUNNING'")
                .param("t", tenantId).query(OffboardingRepository::map).optional();
    }

    /** The company's offboardings, newest first. */
    List<Offboarding> ofTenant(UUID tenantId) {
        return jdbc.sql("select * from offboarding where tenant_id = :t order by started_at desc")
                .param("t", tenantId).query(OffboardingRepository::map).list();
    }

    /** Completed offboardings of a slug (found by its hash: the row keeps nothing else of the company). */
    List<Offboarding> completedOfSlugHash(String hash) {
        return jdbc.sql("select * from offboarding where slug_sha256 = :h and status = 'COMPLETED' order by finished_at desc")
                .param("h", hash).query(OffboardingRepository::map).list();
    }

    /** Every completed offboarding, newest first (at most {@code limit}). */
    List<Offboarding> completed(int limit) {
        return jdbc.sql("select * from offboarding where status = 'COMPLETED' order by finished_at desc limit :n")
                .param("n", limit).query(OffboardingRepository::map).list();
    }

    List<Offboarding> due(Instant now) {
        return jdbc.sql("select * from offboarding where status = 'RUNNING' and due_at <= :now order by due_at")
                .param("now", SqlTimes.utc(now)).query(OffboardingRepository::map).list();
    }

    boolean cancel(UUID id, String by, Instant at) {
        return jdbc.sql("""
                update offboarding set status = 'CANCELLED', cancelled_by = :by, finished_at = :at
                 where id = :id and status = 'RUNNING'""")
                .param("id", id).param("by", by).param("at", SqlTimes.utc(at)).update() == 1;
    }

    /** Forgets the company on the row before its data is deleted (else the row would be deleted with it). */
    boolean detach(UUID id) {
        return jdbc.sql("""
                update offboarding set tenant_id = null, reason = null, requested_by = null
                 where id = :id and status = 'RUNNING'""").param("id", id).update() == 1;
    }

    void complete(UUID id, Instant at, String counts, long rows, long journal) {
        jdbc.sql("""
                update offboarding set status = 'COMPLETED', finished_at = :at, deleted_counts = :counts,
                       deleted_rows = :rows, journal_erased = :journal where id = :id""")
                .param("id", id).param("at", SqlTimes.utc(at)).param("counts", counts).param("rows", rows)
                .param("journal", journal).update();
    }

    private static Offboarding map(ResultSet rs, int row) throws SQLException {
        return new Offboarding(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("slug_sha256"), Offboarding.Status.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getString("requested_by"), rs.getString("started_by"), SqlTimes.instant(rs, "started_at"),
                SqlTimes.instant(rs, "due_at"), rs.getString("cancelled_by"), SqlTimes.instant(rs, "finished_at"),
                rs.getString("deleted_counts"), (Long) rs.getObject("deleted_rows", Long.class),
                (Long) rs.getObject("journal_erased", Long.class));
    }

}
