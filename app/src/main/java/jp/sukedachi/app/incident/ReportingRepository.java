package jp.sukedachi.app.incident;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reporting facts and duties of incidents (V24). Reads take an {@link Actor} and apply its tenant scope; writes
 * are for {@link IncidentReporting} after its scoped read of the incident.
 */
@Repository
class ReportingRepository {
    private final JdbcClient jdbc;

    ReportingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The answered facts (learnedAt is the incident's own, filled in by the caller), if anyone answered. */
    Optional<ReportingFacts> facts(Actor actor, UUID incidentId, Instant learnedAt) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_report_facts where incident_id = :id and "
                        + TenantScope.where("tenant_id"))).param("id", incidentId)
                .query((rs, row) -> new ReportingFacts(learnedAt,
                        ReportingFacts.PersonalData.valueOf(rs.getString("personal_data")),
                        (Integer) rs.getObject("people", Integer.class), rs.getBoolean("sensitive_data"),
                        rs.getBoolean("financial_data"), rs.getBoolean("encrypted"),
                        rs.getBoolean("partners_affected"), rs.getBoolean("money_lost"),
                        rs.getBoolean("crime_suspected"), true))
                .optional();
    }

    void saveFacts(UUID incidentId, UUID tenantId, ReportingFacts f, Instant at, String by) {
        int updated = jdbc.sql("""
                update incident_report_facts set personal_data = :pd, people = :people, sensitive_data = :sens,
                    financial_data = :fin, encrypted = :enc, partners_affected = :partners, money_lost = :money,
                    crime_suspected = :crime, updated_at = :at, updated_by = :by
                where incident_id = :id and tenant_id = :t""").params(factParams(incidentId, tenantId, f, at, by))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into incident_report_facts (incident_id, tenant_id, personal_data, people, sensitive_data,
                        financial_data, encrypted, partners_affected, money_lost, crime_suspected, updated_at,
                        updated_by)
                    values (:id, :t, :pd, :people, :sens, :fin, :enc, :partners, :money, :crime, :at, :by)""")
                    .params(factParams(incidentId, tenantId, f, at, by)).update();
        }
    }

    private static java.util.Map<String, Object> factParams(UUID incidentId, UUID tenantId, ReportingFacts f,
            Instant at, String by) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", incidentId);
        p.put("t", tenantId);
        p.put("pd", f.personalData().name());
        p.put("people", f.people());
        p.put("sens", f.sensitiveData());
        p.put("fin", f.financialData());
        p.put("enc", f.encrypted());
        p.put("partners", f.partnersAffected());
        p.put("money", f.moneyLost());
        p.put("crime", f.crimeSuspected());
        p.put("at", utc(at));
        p.put("by", by);
        return p;
    }

    /** The stored duties of one incident in the actor's scope. */
    List<ReportDuty> duties(Actor actor, UUID incidentId) {
        return actor.tenantScope().bind(jdbc.sql("select * from incident_report_duty where incident_id = :id and "
                + TenantScope.where("tenant_id") + " order by due_at, party")).param("id", incidentId)
                .query(ReportingRepository::duty).list();
    }

    /** Stores the incident's duties as the plan has them: the listed ones replace all stored ones. */
    void replaceDuties(UUID incidentId, UUID tenantId, List<ReportDuty> duties) {
        jdbc.sql("delete from incident_report_duty where incident_id = :id and tenant_id = :t")
                .param("id", incidentId).param("t", tenantId).update();
        for (ReportDuty d : duties) {
            jdbc.sql("""
                    insert into incident_report_duty (incident_id, tenant_id, party, due_at, status, done_at, done_by,
                        note)
                    values (:id, :t, :party, :due, :status, :doneAt, :doneBy, :note)""")
                    .param("id", incidentId).param("t", tenantId).param("party", d.party().name())
                    .param("due", utc(d.dueAt())).param("status", d.status().name()).param("doneAt", utc(d.doneAt()))
                    .param("doneBy", d.doneBy()).param("note", d.note()).update();
        }
    }

    /** How many open duties in the actor's scope are past their deadline at {@code now}. */
    long countOverdue(Actor actor, Instant now) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from incident_report_duty where status = 'TODO'"
                + " and due_at <= :now and " + TenantScope.where("tenant_id"))).param("now", utc(now))
                .query(Long.class).single();
    }

    private static ReportDuty duty(ResultSet rs, int row) throws SQLException {
        ReportingParty party = ReportingParty.parse(rs.getString("party"));
        return new ReportDuty(rs.getObject("incident_id", UUID.class), rs.getObject("tenant_id", UUID.class), party,
                instant(rs, "due_at"), ReportDuty.Status.valueOf(rs.getString("status")), instant(rs, "done_at"),
                rs.getString("done_by"), rs.getString("note"));
    }
}
