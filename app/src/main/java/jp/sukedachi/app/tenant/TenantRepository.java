package jp.sukedachi.app.tenant;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants, always read through the actor's {@link TenantScope}. */
@Repository
public class TenantRepository {
    private final JdbcClient jdbc;

    public TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Tenant> findVisible(Actor actor) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from tenant where " + TenantScope.where("id") + " order by name"))
                .query(TenantRepository::map).list();
    }

    public Optional<Tenant> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from tenant where id = :id and " + TenantScope.where("id")))
                .param("id", id)
                .query(TenantRepository::map).optional();
    }

    public Optional<Tenant> findBySlug(Actor actor, String slug) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from tenant where slug = :slug and " + TenantScope.where("id")))
                .param("slug", slug)
                .query(TenantRepository::map).optional();
    }

    public boolean slugTaken(String slug, UUID except) {
        return jdbc.sql("select count(*) from tenant where slug = :slug and id <> :except")
                .param("slug", slug).param("except", except == null ? new UUID(0, 0) : except)
                .query(Long.class).single() > 0;
    }

    public boolean nameTaken(String name, UUID except) {
        return jdbc.sql("select count(*) from tenant where lower(name) = lower(:name) and id <> :except")
                .param("name", name).param("except", except == null ? new UUID(0, 0) : except)
                .query(Long.class).single() > 0;
    }

    /** Inserting needs no scope: only the service, after its permission check, calls it. */
    void insert(Tenant t) {
        jdbc.sql("""
                insert into tenant (id, slug, name, name_kana, industry, employee_band, prefecture,
                                    contact_name, contact_email, contact_phone, created_at, updated_at)
                values (:id, :slug, :name, :kana, :industry, :band, :pref, :cname, :cemail, :cphone, :created, :updated)""")
                .param("id", t.id()).param("slug", t.slug()).param("name", t.name()).param("kana", t.nameKana())
                .param("industry", t.industry() == null ? null : t.industry().name())
                .param("band", t.employeeBand() == null ? null : t.employeeBand().name())
                .param("pref", t.prefecture()).param("cname", t.contactName())
                .param("cemail", t.contactEmail()).param("cphone", t.contactPhone())
                .param("created", utc(t.createdAt())).param("updated", utc(t.updatedAt()))
                .update();
    }

    /** Updates only a tenant inside the actor's scope; returns false when it is not visible. */
    boolean update(Actor actor, Tenant t) {
        return actor.tenantScope().bind(jdbc.sql("""
                update tenant set slug = :slug, name = :name, name_kana = :kana, industry = :industry, employee_band = :band,
                       prefecture = :pref, contact_name = :cname, contact_email = :cemail, contact_phone = :cphone,
                       updated_at = :updated
                 where id = :id and """ + TenantScope.where("id")))
                .param("id", t.id()).param("slug", t.slug()).param("name", t.name()).param("kana", t.nameKana())
                .param("industry", t.industry() == null ? null : t.industry().name())
                .param("band", t.employeeBand() == null ? null : t.employeeBand().name())
                .param("pref", t.prefecture()).param("cname", t.contactName())
                .param("cemail", t.contactEmail()).param("cphone", t.contactPhone())
                .param("updated", utc(t.updatedAt()))
                .update() == 1;
    }

    /**
     * The companies an e-mail address belongs to, for mail the desk receives (system use, no actor: the sender is
     * not logged in). An address matches a company's contact e-mail or the e-mail or login of one of its users
     * who is not disabled; case is ignored. Several companies may share an address: the caller decides.
     */
    public List<UUID> companiesOfMailAddress(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        return jdbc.sql("""
                select id from tenant where lower(contact_email) = :email
                union
                select tenant_id from app_user where tenant_id is not null and status <> 'DISABLED'
                  and (lower(email) = :email or lower(login) = :email)
                """).param("email", email.strip().toLowerCase(java.util.Locale.ROOT))
                .query(UUID.class).list().stream().distinct().sorted().toList();
    }

    /**
     * Suspends (offboarding started: its users cannot log in, its devices cannot send) or resumes a company
     * (offboarding cancelled); system use by the data lifecycle, which checks the caller.
     */
    public void setSuspended(UUID id, java.time.Instant since) {
        jdbc.sql("update tenant set suspended_at = :at where id = :id").param("at", since == null ? null
                : java.sql.Timestamp.from(since)).param("id", id).update();
    }

    /** Whether the company is suspended (being offboarded). */
    public boolean isSuspended(UUID id) {
        return id != null && jdbc.sql("select count(*) from tenant where id = :id and suspended_at is not null")
                .param("id", id).query(Long.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("select count(*) from tenant").query(Long.class).single();
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        String industry = rs.getString("industry");
        String band = rs.getString("employee_band");
        return new Tenant(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("name_kana"),
                industry == null ? null : Industry.valueOf(industry),
                band == null ? null : EmployeeBand.valueOf(band),
                rs.getString("prefecture"),
                rs.getString("contact_name"),
                rs.getString("contact_email"),
                rs.getString("contact_phone"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
