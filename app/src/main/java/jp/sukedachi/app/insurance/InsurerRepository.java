package jp.sukedachi.app.insurance;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Insurers and their users. Insurers are the provider's partners, not company data: who may read them is the
 * service's rule (provider staff, an insurer's user their own insurer).
 */
@Repository
class InsurerRepository {
    /** Lists stop here and say so (an insurer directory of a regional provider holds a handful). */
    static final int MAX_LIST = 200;

    private final JdbcClient jdbc;

    InsurerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@link #MAX_LIST} + 1 insurers by name (the extra one tells the caller the list was cut). */
    List<Insurer> all() {
        return jdbc.sql("select * from insurer order by name, id limit :n").param("n", MAX_LIST + 1)
                .query((rs, row) -> map(rs)).list();
    }

    Optional<Insurer> find(UUID id) {
        return jdbc.sql("select * from insurer where id = :id").param("id", id).query((rs, row) -> map(rs)).optional();
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("select count(*) from insurer where name = :name and id <> :except").param("name", name)
                .param("except", except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    void insert(Insurer insurer, Instant now) {
        jdbc.sql("""
                insert into insurer (id, name, contact_name, contact_phone, contact_email, created_at, updated_at)
                values (:id, :name, :contact, :phone, :email, :now, :now)""")
                .params(params(insurer, now)).update();
    }

    void update(Insurer insurer, Instant now) {
        jdbc.sql("""
                update insurer set name = :name, contact_name = :contact, contact_phone = :phone, contact_email = :email,
                                   updated_at = :now
                where id = :id""")
                .params(params(insurer, now)).update();
    }

    private static final String MEMBERS = """
            select u.id, u.login, u.display_name, u.status, iu.insurer_id
            from app_user u left join insurer_user iu on iu.user_id = u.id
            where u.role = 'INSURER'""";

    private static java.util.Map<String, Object> params(Insurer insurer, Instant now) {
        var m = new java.util.HashMap<String, Object>();
        m.put("id", insurer.id());
        m.put("name", insurer.name());
        m.put("contact", insurer.contactName());
        m.put("phone", insurer.contactPhone());
        m.put("email", insurer.contactEmail());
        m.put("now", utc(now));
        return m;
    }

    /** Every user with the INSURER role (active, invited or disabled) and their insurer, by name. */
    List<InsurerMember> members() {
        return jdbc.sql(MEMBERS + " order by u.display_name, u.login limit :n").param("n", MAX_LIST + 1)
                .query((rs, row) -> member(rs)).list();
    }

    Optional<InsurerMember> member(UUID userId) {
        return jdbc.sql(MEMBERS + " and u.id = :id").param("id", userId).query((rs, row) -> member(rs)).optional();
    }

    private static InsurerMember member(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InsurerMember(rs.getObject("id", UUID.class), rs.getString("login"), rs.getString("display_name"),
                rs.getString("status"), rs.getObject("insurer_id", UUID.class));
    }

    /** The insurer of a user who still has the INSURER role (a role change ends the membership). */
    Optional<UUID> insurerOf(UUID userId) {
        return jdbc.sql("""
                select iu.insurer_id from insurer_user iu join app_user u on u.id = iu.user_id
                where iu.user_id = :id and u.role = 'INSURER'""").param("id", userId).query(UUID.class).optional();
    }

    void assign(UUID userId, UUID insurerId, Instant now) {
        int updated = jdbc.sql("update insurer_user set insurer_id = :insurer, assigned_at = :now where user_id = :id")
                .param("id", userId).param("insurer", insurerId).param("now", utc(now)).update();
        if (updated == 0) {
            jdbc.sql("insert into insurer_user (user_id, insurer_id, assigned_at) values (:id, :insurer, :now)")
                    .param("id", userId).param("insurer", insurerId).param("now", utc(now)).update();
        }
    }

    void unassign(UUID userId) {
        jdbc.sql("delete from insurer_user where user_id = :id").param("id", userId).update();
    }

    private static Insurer map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Insurer(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("contact_name"),
                rs.getString("contact_phone"), rs.getString("contact_email"));
    }
}
