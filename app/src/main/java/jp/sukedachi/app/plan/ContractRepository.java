package jp.sukedachi.app.plan;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * Contracts with the terms agreed when they were made (their own columns; only the plan's name is read from the
 * plan), read through the actor's tenant scope: staff see every company's, a company its own; out of scope is not
 * found. {@link #inForce} is the system read behind {@link Plans#contractOf}.
 */
@Repository
class ContractRepository {
    /** A company's history is short (a row per change); more than this is cut and the page says so. */
    static final int MAX_HISTORY = 200;
    private static final String SELECT = """
            select c.id as contract_id, c.tenant_id, c.plan_id, c.start_day, c.end_day, c.devices, c.endpoints,
                p.name, c.type, c.tier, c.monthly_yen, c.per_device_yen, c.desk_hours_per_month, c.visits_per_year,
                c.target_arrival_hours, c.onsite_yen_per_hour, c.travel_yen_per_hour, c.desk_yen_per_hour
            from contract c join plan p on p.id = c.plan_id""";

    private final JdbcClient jdbc;

    ContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contract in force on that day, for system use (dispatch's target arrival, the insurance claim's rates). */
    Optional<ContractTerms> inForce(UUID tenantId, LocalDate day) {
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c.start_day <= :day"
                        + " and (c.end_day is null or c.end_day >= :day) order by c.start_day desc fetch first 1 rows only")
                .param("t", tenantId).param("day", Date.valueOf(day)).query(ContractRepository::map).optional();
    }

    Optional<ContractTerms> inForce(Actor actor, UUID tenantId, LocalDate day) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where c.tenant_id = :t and c.start_day <= :day"
                        + " and (c.end_day is null or c.end_day >= :day) and " + TenantScope.where("c.tenant_id")
                        + " order by c.start_day desc fetch first 1 rows only"))
                .param("t", tenantId).param("day", Date.valueOf(day)).query(ContractRepository::map).optional();
    }

    /** The company's latest contract (the one starting last), whether it runs, ended or has not started yet. */
    Optional<ContractTerms> latest(Actor actor, UUID tenantId) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where c.tenant_id = :t and "
                        + TenantScope.where("c.tenant_id") + " order by c.start_day desc fetch first 1 rows only"))
                .param("t", tenantId).query(ContractRepository::map).optional();
    }

    /** The company's contracts, newest first; at most {@code limit}. */
    List<ContractTerms> history(Actor actor, UUID tenantId, int limit) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where c.tenant_id = :t and "
                        + TenantScope.where("c.tenant_id") + " order by c.start_day desc fetch first :limit rows only"))
                .param("t", tenantId).param("limit", limit).query(ContractRepository::map).list();
    }

    /**
     * Locks the company's row until the transaction ends, so two staff saving its contract at once cannot both end
     * the running one; false when the actor may not see such a company.
     */
    boolean lockCompany(Actor actor, UUID tenantId) {
        return actor.tenantScope().bind(jdbc.sql("select id from tenant where id = :t and "
                        + TenantScope.where("id") + " for update"))
                .param("t", tenantId).query(UUID.class).optional().isPresent();
    }

    boolean planInUse(UUID planId) {
        return jdbc.sql("select count(*) from contract where plan_id = :p").param("p", planId).query(Long.class)
                .single() > 0;
    }

    void insert(ContractTerms c, Instant now, String by) {
        bind(jdbc.sql("""
                insert into contract (id, tenant_id, plan_id, start_day, end_day, devices, endpoints, type, tier,
                    monthly_yen, per_device_yen, desk_hours_per_month, visits_per_year, target_arrival_hours,
                    onsite_yen_per_hour, travel_yen_per_hour, desk_yen_per_hour, created_at, updated_at, updated_by)
                values (:id, :t, :p, :start, :end, :devices, :endpoints, :type, :tier, :monthly, :perDevice, :desk,
                    :visits, :arrival, :onsite, :travel, :deskRate, :now, :now, :by)"""), c, now, by)
                .param("start", Date.valueOf(c.start())).update();
    }

    /**
     * Changes a contract of the actor's scope in place (a correction on its first day, or its end). The agreed terms
     * are written as given: the caller passes the contract's own unless its plan changes.
     */
    int update(Actor actor, ContractTerms c, Instant now, String by) {
        return bind(actor.tenantScope().bind(jdbc.sql("""
                update contract set plan_id = :p, end_day = :end, devices = :devices, endpoints = :endpoints,
                    type = :type, tier = :tier, monthly_yen = :monthly, per_device_yen = :perDevice,
                    desk_hours_per_month = :desk, visits_per_year = :visits, target_arrival_hours = :arrival,
                    onsite_yen_per_hour = :onsite, travel_yen_per_hour = :travel, desk_yen_per_hour = :deskRate,
                    updated_at = :now, updated_by = :by
                where id = :id and tenant_id = :t and """ + " " + TenantScope.where("tenant_id"))), c, now, by)
                .update();
    }

    /** Binds a contract's columns, its agreed terms included, once for the insert and the update. */
    private static StatementSpec bind(StatementSpec statement, ContractTerms c, Instant now, String by) {
        return statement.param("id", c.contractId()).param("t", c.tenantId()).param("p", c.planId())
                .param("end", c.end() == null ? null : Date.valueOf(c.end())).param("devices", c.devices())
                .param("endpoints", c.endpoints()).param("type", c.type().name()).param("tier", c.tier())
                .param("monthly", c.monthlyYen()).param("perDevice", c.perDeviceYen())
                .param("desk", c.deskHoursPerMonth()).param("visits", c.visitsPerYear())
                .param("arrival", c.targetArrivalHours()).param("onsite", c.onsiteYenPerHour())
                .param("travel", c.travelYenPerHour()).param("deskRate", c.deskYenPerHour()).param("now", utc(now))
                .param("by", by);
    }

    static ContractTerms map(ResultSet rs, int row) throws SQLException {
        Date end = rs.getDate("end_day");
        return new ContractTerms(rs.getObject("contract_id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("plan_id", UUID.class), rs.getString("name"), PlanType.valueOf(rs.getString("type")),
                rs.getInt("tier"), rs.getLong("monthly_yen"), rs.getLong("per_device_yen"), rs.getInt("devices"),
                rs.getInt("endpoints"), rs.getDate("start_day").toLocalDate(), end == null ? null : end.toLocalDate(),
                rs.getInt("desk_hours_per_month"), rs.getInt("visits_per_year"), rs.getInt("target_arrival_hours"),
                rs.getLong("onsite_yen_per_hour"), rs.getLong("travel_yen_per_hour"), rs.getLong("desk_yen_per_hour"));
    }
}
