package jp.sukedachi.app.triage;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.event.Category;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The counts behind {@link CompanyAttention}, in SQL within the actor's scope. */
@Repository
class CompanyAttentionRepository {
    private final JdbcClient jdbc;

    CompanyAttentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Open (new or acknowledged) alerts of the company that need a human ({@link Alert#needsHuman()}): every alert but
     * those opened for a blocked attack before blocks became a statistic.
     */
    long openActions(Actor actor, UUID tenantId) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from alert where tenant_id = :t and "
                        + TenantScope.where("tenant_id") + " and status in ('NEW', 'ACKNOWLEDGED') and needs_human = true"))
                .param("t", tenantId).query(Long.class).single();
    }

    /** Blocked attempts since the start of today and since the start of this month ({@code month} ≤ {@code today}). */
    CompanyAttention.Blocked blocked(Actor actor, UUID tenantId, Instant today, Instant month) {
        return actor.tenantScope().bind(jdbc.sql("select coalesce(sum(case when at >= :today then 1 else 0 end), 0)"
                        + " as today_n, count(*) as month_n from detection where tenant_id = :t and "
                        + TenantScope.where("tenant_id") + " and category = :blocked and at >= :month"))
                .param("t", tenantId).param("blocked", Category.BLOCKED.name()).param("today", utc(today))
                .param("month", utc(month))
                .query((rs, i) -> new CompanyAttention.Blocked(rs.getLong("today_n"), rs.getLong("month_n"))).single();
    }
}
