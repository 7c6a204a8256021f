package jp.sukedachi.app.insurance;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Companies' policies with their lines. Reads for people take the {@link Actor} and apply its tenant scope in SQL
 * (another company's policy is simply not found); {@link #activeFor} serves the claims, which check the claim's
 * company themselves.
 */
@Repository
class PolicyTermsRepository {
    /** A company's policies listed at most (one a year: a century); more are cut and the page says so. */
    static final int MAX_LIST = 100;

    private static final String SELECT = """
            select p.*, i.name as insurer_name from insurance_policy p join insurer i on i.id = p.insurer_id
            """;

    private final JdbcClient jdbc;

    PolicyTermsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The company's policies the actor may see, newest period first (up to MAX_LIST + 1). */
    List<PolicyTerms> ofCompany(Actor actor, UUID tenantId) {
        return withLines(actor.tenantScope().bind(jdbc.sql(SELECT + " where p.tenant_id = :t and "
                        + TenantScope.where("p.tenant_id") + " order by p.valid_from desc, p.id limit :n"))
                .param("t", tenantId).param("n", MAX_LIST + 1).query((rs, row) -> map(rs)).list());
    }

    Optional<PolicyTerms> find(Actor actor, UUID tenantId, UUID policyId) {
        return withLines(actor.tenantScope().bind(jdbc.sql(SELECT + " where p.id = :id and p.tenant_id = :t and "
                        + TenantScope.where("p.tenant_id"))).param("id", policyId).param("t", tenantId)
                .query((rs, row) -> map(rs)).list()).stream().findFirst();
    }

    /** The company's policy in force on the day, whoever asks (the claims capability). */
    Optional<PolicyTerms> activeFor(UUID tenantId, LocalDate day) {
        return withLines(jdbc.sql(SELECT + " where p.tenant_id = :t and p.valid_from <= :d and p.valid_to >= :d")
                .param("t", tenantId).param("d", day).query((rs, row) -> map(rs)).list()).stream().findFirst();
    }

    /**
     * Locks the company's row until the transaction ends, so two policies saved at once cannot both pass the
     * overlap check.
     */
    void lockCompany(UUID tenantId) {
        jdbc.sql("select id from tenant where id = :t for update").param("t", tenantId).query(UUID.class).optional();
    }

    /** The company's other policies whose period shares a day with from..to. */
    List<PolicyTerms> overlapping(UUID tenantId, LocalDate from, LocalDate to, UUID except) {
        return jdbc.sql(SELECT + " where p.tenant_id = :t and p.valid_from <= :to and p.valid_to >= :from"
                        + " and p.id <> :except order by p.valid_from")
                .param("t", tenantId).param("from", from).param("to", to)
                .param("except", except == null ? new UUID(0, 0) : except).query((rs, row) -> map(rs)).list();
    }

    void insert(UUID id, UUID tenantId, PolicyDraft d, Instant now) {
        jdbc.sql("""
                insert into insurance_policy (id, tenant_id, insurer_id, policy_number, valid_from, valid_to,
                                              annual_limit_yen, deductible_yen, coverage_percent, created_at, updated_at)
                values (:id, :t, :insurer, :number, :from, :to, :annual, :deductible, :percent, :now, :now)""")
                .params(params(id, tenantId, d, now)).update();
        insertLines(id, tenantId, d);
    }

    void update(UUID id, UUID tenantId, PolicyDraft d, Instant now) {
        jdbc.sql("""
                update insurance_policy set insurer_id = :insurer, policy_number = :number, valid_from = :from,
                       valid_to = :to, annual_limit_yen = :annual, deductible_yen = :deductible,
                       coverage_percent = :percent, updated_at = :now
                where id = :id and tenant_id = :t""").params(params(id, tenantId, d, now)).update();
        jdbc.sql("delete from insurance_policy_line where policy_id = :id").param("id", id).update();
        insertLines(id, tenantId, d);
    }

    private void insertLines(UUID id, UUID tenantId, PolicyDraft d) {
        for (PolicyTerms.Line line : d.lines()) {
            jdbc.sql("""
                    insert into insurance_policy_line (policy_id, tenant_id, line, per_claim_limit_yen, per_year_limit_yen)
                    values (:id, :t, :line, :claim, :year)""").param("id", id).param("t", tenantId)
                    .param("line", line.line().name()).param("claim", line.perClaimLimitYen())
                    .param("year", line.perYearLimitYen()).update();
        }
    }

    private static Map<String, Object> params(UUID id, UUID tenantId, PolicyDraft d, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("t", tenantId);
        m.put("insurer", d.insurerId());
        m.put("number", d.policyNumber());
        m.put("from", d.from());
        m.put("to", d.to());
        m.put("annual", d.annualLimitYen());
        m.put("deductible", d.deductibleYen());
        m.put("percent", d.coveragePercent());
        m.put("now", utc(now));
        return m;
    }

    /** The policies with their lines (one query for all of them), lines in {@link CoverageLine} order. */
    private List<PolicyTerms> withLines(List<PolicyTerms> policies) {
        if (policies.isEmpty()) {
            return policies;
        }
        Map<UUID, Map<CoverageLine, PolicyTerms.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("select * from insurance_policy_line where policy_id in (:ids)")
                .param("ids", policies.stream().map(PolicyTerms::policyId).toList())
                .query((ResultSet rs) -> {
                    CoverageLine line = CoverageLine.valueOf(rs.getString("line"));
                    lines.computeIfAbsent(rs.getObject("policy_id", UUID.class), k -> new EnumMap<>(CoverageLine.class))
                            .put(line, new PolicyTerms.Line(line, rs.getLong("per_claim_limit_yen"),
                                    rs.getLong("per_year_limit_yen")));
                });
        List<PolicyTerms> out = new ArrayList<>();
        for (PolicyTerms p : policies) {
            out.add(new PolicyTerms(p.policyId(), p.tenantId(), p.insurerId(), p.insurerName(), p.policyNumber(),
                    p.from(), p.to(), List.copyOf(lines.getOrDefault(p.policyId(), Map.of()).values()),
                    p.annualLimitYen(), p.deductibleYen(), p.coveragePercent()));
        }
        return out;
    }

    private static PolicyTerms map(ResultSet rs) throws SQLException {
        return new PolicyTerms(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("insurer_id", UUID.class), rs.getString("insurer_name"), rs.getString("policy_number"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class), List.of(),
                rs.getLong("annual_limit_yen"), rs.getLong("deductible_yen"), rs.getInt("coverage_percent"));
    }
}
