package jp.sukedachi.app.selfcheck;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.app.tenant.EmployeeBand;
import jp.sukedachi.app.tenant.Industry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Self-check attempts. A company's own attempts are read through the actor's scope; the peer comparison
 * reads across companies but returns only aggregates, and only for groups of at least
 * {@link PeerStats#MIN_COMPANIES} (the limit is in the SQL, so no caller can ask for a smaller group).
 */
@Repository
public class SelfCheckRepository {
    /** Each company's newest attempt (rn = 1) and the one before it (rn = 2). */
    private static final String RANKED = """
            (select a.*, row_number() over (partition by a.tenant_id order by a.seq desc) as rn
               from selfcheck_attempt a)""";

    private final JdbcClient jdbc;

    public SelfCheckRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserting needs no scope: only the service, after its permission check, calls it. */
    void insert(Attempt a, UUID answeredById) {
        Score s = a.score();
        jdbc.sql("""
                insert into selfcheck_attempt (id, tenant_id, answered_by, answered_login, answers, total_score,
                                               part1_score, part2_score, part3_score, created_at)
                values (:id, :t, :by, :login, :answers, :total, :p1, :p2, :p3, :at)""")
                .param("id", a.id()).param("t", a.tenantId()).param("by", answeredById).param("login", a.answeredBy())
                .param("answers", Answer.encode(a.answers())).param("total", s.total())
                .param("p1", s.part(Part.BASIC).score()).param("p2", s.part(Part.EMPLOYEE).score())
                .param("p3", s.part(Part.ORGANISATION).score()).param("at", utc(a.createdAt())).update();
    }

    /** A company's attempts, newest first. */
    public List<Attempt> history(Actor actor, UUID tenantId, int limit) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfcheck_attempt where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by seq desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId).query(SelfCheckRepository::map).list();
    }

    public Optional<Attempt> latest(Actor actor, UUID tenantId) {
        return history(actor, tenantId, 1).stream().findFirst();
    }

    public Optional<Attempt> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfcheck_attempt where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(SelfCheckRepository::map).optional();
    }

    /**
     * Means and spreads of the latest attempt of every company in the group (the asking company included),
     * or empty when fewer than {@link PeerStats#MIN_COMPANIES} companies are in it. Deliberately unscoped:
     * the answer is the same for every company of the group and never names or singles out one.
     */
    public Optional<PeerStats> peers(Industry industry, EmployeeBand band) {
        return jdbc.sql("""
                select count(*) as n,
                       avg(cast(x.total_score as double precision)) as m_total,
                       stddev_pop(cast(x.total_score as double precision)) as sd_total,
                       avg(cast(x.part1_score as double precision)) as m1,
                       stddev_pop(cast(x.part1_score as double precision)) as sd1,
                       avg(cast(x.part2_score as double precision)) as m2,
                       stddev_pop(cast(x.part2_score as double precision)) as sd2,
                       avg(cast(x.part3_score as double precision)) as m3,
                       stddev_pop(cast(x.part3_score as double precision)) as sd3
                  from """ + RANKED + """
                 x join tenant t on t.id = x.tenant_id
                 where x.rn = 1 and t.industry = :industry and t.employee_band = :band
                having count(*) >= :min""")
                .param("industry", industry.name()).param("band", band.name()).param("min", PeerStats.MIN_COMPANIES)
                .query((rs, row) -> new PeerStats(rs.getInt("n"), rs.getDouble("m_total"), rs.getDouble("sd_total"),
                        List.of(rs.getDouble("m1"), rs.getDouble("m2"), rs.getDouble("m3")),
                        List.of(rs.getDouble("sd1"), rs.getDouble("sd2"), rs.getDouble("sd3"))))
                .optional();
    }

    /** Adoption across the companies the actor sees: how many did a self-check, and their mean part scores. */
    public record Adoption(int companiesWithAttempt, double meanTotal, List<Double> meanParts) {
    }

    public Adoption adoption(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("""
                select count(*) as n, avg(cast(x.total_score as double precision)) as m_total,
                       avg(cast(x.part1_score as double precision)) as m1, avg(cast(x.part2_score as double precision)) as m2,
                       avg(cast(x.part3_score as double precision)) as m3
                  from """ + RANKED + " x where x.rn = 1 and " + TenantScope.where("x.tenant_id")))
                .query((rs, row) -> new Adoption(rs.getInt("n"), rs.getDouble("m_total"),
                        List.of(rs.getDouble("m1"), rs.getDouble("m2"), rs.getDouble("m3"))))
                .single();
    }

    /** A company whose newest attempt scored lower than the one before. */
    public record Drop(UUID tenantId, String tenantName, int previousTotal, int latestTotal, Instant previousAt,
            Instant latestAt) {
        public int change() {
            return latestTotal - previousTotal;
        }
    }

    public List<Drop> drops(Actor actor) {
        return actor.tenantScope().bind(jdbc.sql("""
                select t.id, t.name, p.total_score as prev_total, l.total_score as last_total,
                       p.created_at as prev_at, l.created_at as last_at
                  from """ + RANKED + " l join " + RANKED + """
                 p on p.tenant_id = l.tenant_id and p.rn = 2
                  join tenant t on t.id = l.tenant_id
                 where l.rn = 1 and l.total_score < p.total_score and """ + TenantScope.where("l.tenant_id") + """
                 order by l.total_score - p.total_score, t.name"""))
                .query((rs, row) -> new Drop(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getInt("prev_total"), rs.getInt("last_total"), instant(rs, "prev_at"), instant(rs, "last_at")))
                .list();
    }

    private static Attempt map(ResultSet rs, int row) throws SQLException {
        List<Answer> answers = Answer.decode(rs.getString("answers"));
        return new Attempt(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("answered_login"), instant(rs, "created_at"), answers, Score.of(answers));
    }

    /** A company's attempts made before {@code before}, newest first (the monthly report's trend). */
    public List<Attempt> historyBefore(Actor actor, UUID tenantId, java.time.Instant before, int limit) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfcheck_attempt where tenant_id = :t and created_at < :before and "
                        + TenantScope.where("tenant_id") + " order by created_at desc, seq desc fetch first "
                        + Math.max(1, Math.min(limit, 1000)) + " rows only"))
                .param("t", tenantId).param("before", utc(before)).query(SelfCheckRepository::map).list();
    }
}
