package jp.sukedachi.app.selfcheck.assets;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The asset ledger, read and written through the actor's scope. */
@Repository
public class AssetRepository {
    private final JdbcClient jdbc;

    public AssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Highest risk first, then by name. */
    public List<Asset> findByTenant(Actor actor, UUID tenantId) {
        List<Asset> assets = actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_asset where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by name, id"))
                .param("t", tenantId).query(AssetRepository::map).list();
        return assets.stream().sorted(Comparator.comparingInt(Asset::risk).reversed()).toList();
    }

    public Optional<Asset> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from selfhelp_asset where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(AssetRepository::map).optional();
    }

    public int count(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select count(*) from selfhelp_asset where tenant_id = :t and " + TenantScope.where("tenant_id")))
                .param("t", tenantId).query(Integer.class).single();
    }

    void insert(Actor actor, Asset a) {
        if (!actor.tenantScope().includes(a.tenantId())) {
            throw new NotFoundException("company");
        }
        bindAll(jdbc.sql("""
                insert into selfhelp_asset (id, tenant_id, name, owner_name, place, asset_form, personal_data, rating_c,
                    rating_i, rating_a, threat_level, vuln_level, decision, measure, next_review, created_at, updated_at)
                values (:id, :t, :name, :owner, :place, :form, :personal, :c, :i, :a, :threat, :vuln, :decision, :measure,
                    :review, :created, :updated)"""), a).update();
    }

    /** Updates an asset the actor may see; false when it is not there (or not theirs). */
    boolean update(Actor actor, Asset a) {
        return bindAll(actor.tenantScope().bind(jdbc.sql("""
                update selfhelp_asset set name = :name, owner_name = :owner, place = :place, asset_form = :form,
                    personal_data = :personal, rating_c = :c, rating_i = :i, rating_a = :a, threat_level = :threat,
                    vuln_level = :vuln, decision = :decision, measure = :measure, next_review = :review, updated_at = :updated
                where id = :id and tenant_id = :t and """ + TenantScope.where("tenant_id"))), a).update() > 0;
    }

    boolean delete(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("delete from selfhelp_asset where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).update() > 0;
    }

    private static JdbcClient.StatementSpec bindAll(JdbcClient.StatementSpec s, Asset a) {
        return s.param("id", a.id()).param("t", a.tenantId()).param("name", a.name()).param("owner", a.ownerName())
                .param("place", a.place()).param("form", a.form().code()).param("personal", a.personalData())
                .param("c", a.confidentiality()).param("i", a.integrity()).param("a", a.availability())
                .param("threat", a.threat()).param("vuln", a.vulnerability()).param("decision", a.decision().code())
                .param("measure", a.measure()).param("review", a.nextReview()).param("created", utc(a.createdAt()))
                .param("updated", utc(a.updatedAt()));
    }

    private static Asset map(ResultSet rs, int row) throws SQLException {
        return new Asset(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                rs.getString("owner_name"), rs.getString("place"),
                AssetForm.valueOf(rs.getString("asset_form").toUpperCase(Locale.ROOT)), rs.getBoolean("personal_data"),
                rs.getInt("rating_c"), rs.getInt("rating_i"), rs.getInt("rating_a"), rs.getInt("threat_level"),
                rs.getInt("vuln_level"), Decision.valueOf(rs.getString("decision").toUpperCase(Locale.ROOT)),
                rs.getString("measure"), rs.getObject("next_review", LocalDate.class), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
