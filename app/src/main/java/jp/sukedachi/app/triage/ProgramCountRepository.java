package jp.sukedachi.app.triage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The funnel's counters summed per company and Japan month, for the program statistics: read from the monthly
 * counters ({@code tenant_month_count}, V32) and, for a partial month, the daily ones ({@code tenant_day_count}),
 * never from the detections and alerts: a year of a thousand companies is 12,000 small rows. Within the actor's
 * scope.
 */
@Repository
public class ProgramCountRepository {
    /**
     * One company's counts of the days of one month within the period asked for. Definitions: those of
     * {@code report.ReportFigures} ({@code detections} = every detection, blocked or not; {@code alertsHuman} =
     * alerts needing a human, every alert triage opens; {@code incidents} opened).
     */
    public record Month(UUID tenantId, YearMonth month, long events, long detections, long blocked, long malware,
            long alerts, long alertsHuman, long incidents) {
    }

    private final JdbcClient jdbc;

    ProgramCountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The counts of the Japan days {@code from} to {@code to} (both included), per company and month: the whole
     * months from the monthly counters, a partial first or last month summed from its days.
     */
    public List<Month> monthly(Actor actor, LocalDate from, LocalDate to) {
        YearMonth firstWhole = from.getDayOfMonth() == 1 ? YearMonth.from(from) : YearMonth.from(from).plusMonths(1);
        YearMonth lastWhole = to.equals(YearMonth.from(to).atEndOfMonth()) ? YearMonth.from(to)
                : YearMonth.from(to).minusMonths(1);
        if (firstWhole.isAfter(lastWhole)) {
            return days(actor, from, to);
        }
        List<Month> months = new ArrayList<>(actor.tenantScope().bind(jdbc.sql("""
                select tenant_id, jst_month, events, detections, blocked, malware, alerts, alerts_human, incidents
                  from tenant_month_count
                 where jst_month >= :first and jst_month <= :last and """
                        + TenantScope.where("tenant_id")))
                .param("first", firstWhole.atDay(1)).param("last", lastWhole.atDay(1))
                .query((rs, i) -> new Month(rs.getObject("tenant_id", UUID.class),
                        YearMonth.from(rs.getObject("jst_month", LocalDate.class)), rs.getLong("events"),
                        rs.getLong("detections"), rs.getLong("blocked"), rs.getLong("malware"), rs.getLong("alerts"),
                        rs.getLong("alerts_human"), rs.getLong("incidents")))
                .list());
        if (from.isBefore(firstWhole.atDay(1))) {
            months.addAll(days(actor, from, firstWhole.atDay(1).minusDays(1)));
        }
        if (to.isAfter(lastWhole.atEndOfMonth())) {
            months.addAll(days(actor, lastWhole.atEndOfMonth().plusDays(1), to));
        }
        return months;
    }

    /** The daily counters of a period within at most two months, summed per company and month. */
    private List<Month> days(Actor actor, LocalDate from, LocalDate to) {
        return actor.tenantScope().bind(jdbc.sql("""
                select tenant_id, extract(year from jst_day) as y, extract(month from jst_day) as m,
                       sum(events) as events, sum(detections) as detections, sum(blocked) as blocked,
                       sum(malware) as malware, sum(alerts) as alerts, sum(alerts_human) as alerts_human,
                       sum(incidents) as incidents
                  from tenant_day_count
                 where jst_day >= :from and jst_day <= :to and """ + TenantScope.where("tenant_id") + """
                 group by tenant_id, extract(year from jst_day), extract(month from jst_day)"""))
                .param("from", from).param("to", to)
                .query((rs, i) -> new Month(rs.getObject("tenant_id", UUID.class),
                        YearMonth.of(rs.getInt("y"), rs.getInt("m")), rs.getLong("events"), rs.getLong("detections"),
                        rs.getLong("blocked"), rs.getLong("malware"), rs.getLong("alerts"), rs.getLong("alerts_human"),
                        rs.getLong("incidents")))
                .list();
    }

    /** The same over whole months {@code from} to {@code to}. */
    public List<Month> monthly(Actor actor, YearMonth from, YearMonth to) {
        return monthly(actor, from.atDay(1), to.atEndOfMonth());
    }
}
