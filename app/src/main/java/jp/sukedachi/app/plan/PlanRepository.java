package jp.sukedachi.app.plan;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/** The provider's plans. They belong to the provider, not to a company, so no tenant scope applies. */
@Repository
class PlanRepository {
    /** More plans than a provider sells; the list says so when it is cut. */
    static final int MAX_LIST = 500;

    private final JdbcClient jdbc;

    PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Active plans first, then by tier, type and name; at most {@code limit}. */
    List<Plan> all(int limit) {
        return jdbc.sql("select * from plan order by retired, tier, type, name fetch first :limit rows only")
                .param("limit", limit).query(PlanRepository::map).list();
    }

    Optional<Plan> find(UUID id) {
        return jdbc.sql("select * from plan where id = :id").param("id", id).query(PlanRepository::map).optional();
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("select count(*) from plan where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except).query(Long.class).single() > 0;
    }

    void insert(Plan p, Instant now) {
        bind(jdbc.sql("""
                insert into plan (id, name, type, tier, monthly_yen, per_device_yen, desk_hours_per_month,
                    visits_per_year, target_arrival_hours, onsite_yen_per_hour, travel_yen_per_hour, desk_yen_per_hour,
                    retired, created_at, updated_at, updated_by)
                values (:id, :name, :type, :tier, :monthly, :perDevice, :desk, :visits, :arrival, :onsite, :travel,
                    :deskRate, :retired, :now, :now, :by)"""), p, now).update();
    }

    void update(Plan p, Instant now) {
        bind(jdbc.sql("""
                update plan set name = :name, type = :type, tier = :tier, monthly_yen = :monthly,
                    per_device_yen = :perDevice, desk_hours_per_month = :desk, visits_per_year = :visits,
                    target_arrival_hours = :arrival, onsite_yen_per_hour = :onsite, travel_yen_per_hour = :travel,
                    desk_yen_per_hour = :deskRate, retired = :retired, updated_at = :now, updated_by = :by
                where id = :id"""), p, now).update();
    }

    private static StatementSpec bind(StatementSpec statement, Plan p, Instant now) {
        return statement.param("id", p.id()).param("name", p.name()).param("type", p.type().name())
                .param("tier", p.tier()).param("monthly", p.monthlyYen()).param("perDevice", p.perDeviceYen())
                .param("desk", p.deskHoursPerMonth()).param("visits", p.visitsPerYear())
                .param("arrival", p.targetArrivalHours()).param("onsite", p.onsiteYenPerHour())
                .param("travel", p.travelYenPerHour()).param("deskRate", p.deskYenPerHour())
                .param("retired", p.retired()).param("now", utc(now)).param("by", p.updatedBy());
    }

    static Plan map(ResultSet rs, int row) throws SQLException {
        return new Plan(rs.getObject("id", UUID.class), rs.getString("name"), PlanType.valueOf(rs.getString("type")),
                rs.getInt("tier"), rs.getLong("monthly_yen"), rs.getLong("per_device_yen"),
                rs.getInt("desk_hours_per_month"), rs.getInt("visits_per_year"), rs.getInt("target_arrival_hours"),
                rs.getLong("onsite_yen_per_hour"), rs.getLong("travel_yen_per_hour"), rs.getLong("desk_yen_per_hour"),
                rs.getBoolean("retired"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }
}
