package jp.sukedachi.app.selfcheck.policy;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Basic policies, one row per company, read and written through the actor's scope. The public page
 * looks a policy up by its token alone: the token is the credential there.
 */
@Repository
public class PolicyRepository {
    private static final String TEXT_COLUMNS = Arrays.stream(PolicySection.values()).map(PolicySection::column)
            .collect(Collectors.joining(", "));
    private static final String ROLE_COLUMNS = Arrays.stream(PolicyRole.values()).map(PolicyRole::column)
            .collect(Collectors.joining(", "));
    private final JdbcClient jdbc;

    public PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Policy> find(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_policy where tenant_id = :t and " + TenantScope.where("tenant_id")))
                .param("t", tenantId).query(PolicyRepository::map).optional();
    }

    public boolean isPublished(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select count(*) from selfhelp_policy where tenant_id = :t and public_token is not null and "
                        + TenantScope.where("tenant_id")))
                .param("t", tenantId).query(Long.class).single() > 0;
    }

    /** The published policy behind a public link. */
    public Optional<Policy> findPublished(String token) {
        return jdbc.sql("select * from selfhelp_policy where public_token = :token")
                .param("token", token).query(PolicyRepository::map).optional();
    }

    /** Inserts or updates the texts; publication state is left as it is. */
    void save(Actor actor, Policy p) {
        requireScope(actor, p.tenantId());
        int updated = jdbc.sql("update selfhelp_policy set company_name = :company, head_title = :headTitle, "
                        + "head_name = :headName, established_on = :established, "
                        + Arrays.stream(PolicySection.values()).map(s -> s.column() + " = :" + s.column())
                                .collect(Collectors.joining(", ")) + ", "
                        + Arrays.stream(PolicyRole.values()).map(r -> r.column() + " = :" + r.column())
                                .collect(Collectors.joining(", "))
                        + ", updated_at = :updated where tenant_id = :t")
                .params(params(p)).update();
        if (updated == 0) {
            jdbc.sql("insert into selfhelp_policy (tenant_id, doc_lang, company_name, head_title, head_name, established_on, "
                            + TEXT_COLUMNS + ", " + ROLE_COLUMNS + ", created_at, updated_at) values (:t, :lang, :company, "
                            + ":headTitle, :headName, :established, "
                            + Arrays.stream(PolicySection.values()).map(s -> ":" + s.column()).collect(Collectors.joining(", "))
                            + ", " + Arrays.stream(PolicyRole.values()).map(r -> ":" + r.column()).collect(Collectors.joining(", "))
                            + ", :created, :updated)")
                    .params(params(p)).update();
        }
    }

    private static Map<String, Object> params(Policy p) {
        Map<String, Object> params = new HashMap<>();
        params.put("t", p.tenantId());
        params.put("lang", p.docLang());
        params.put("company", p.companyName());
        params.put("headTitle", p.headTitle());
        params.put("headName", p.headName());
        params.put("established", p.establishedOn());
        for (PolicySection s : PolicySection.values()) {
            params.put(s.column(), p.section(s));
        }
        for (PolicyRole r : PolicyRole.values()) {
            params.put(r.column(), p.role(r).isEmpty() ? null : p.role(r));
        }
        params.put("created", utc(p.createdAt()));
        params.put("updated", utc(p.updatedAt()));
        return params;
    }

    /** Sets (or clears, with a null token) the public link. Returns false when there is no policy. */
    boolean setPublication(Actor actor, UUID tenantId, String token, Instant at) {
        requireScope(actor, tenantId);
        return actor.tenantScope()
                .bind(jdbc.sql("update selfhelp_policy set public_token = :token, published_at = :at where tenant_id = :t and "
                        + TenantScope.where("tenant_id")))
                .param("token", token).param("at", utc(at)).param("t", tenantId).update() > 0;
    }

    private static void requireScope(Actor actor, UUID tenantId) {
        if (!actor.tenantScope().includes(tenantId)) {
            throw new NotFoundException("company");
        }
    }

    private static Policy map(ResultSet rs, int row) throws SQLException {
        Map<PolicySection, String> sections = new EnumMap<>(PolicySection.class);
        for (PolicySection s : PolicySection.values()) {
            sections.put(s, rs.getString(s.column()));
        }
        Map<PolicyRole, String> roles = new EnumMap<>(PolicyRole.class);
        for (PolicyRole r : PolicyRole.values()) {
            String name = rs.getString(r.column());
            if (name != null) {
                roles.put(r, name);
            }
        }
        return new Policy(rs.getObject("tenant_id", UUID.class), rs.getString("doc_lang"), rs.getString("company_name"),
                rs.getString("head_title"), rs.getString("head_name"), rs.getObject("established_on", LocalDate.class),
                sections, roles, rs.getString("public_token"), instant(rs, "published_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
