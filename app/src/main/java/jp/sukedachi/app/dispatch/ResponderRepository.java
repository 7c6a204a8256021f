package jp.sukedachi.app.dispatch;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The responders (active users with the role RESPONDER) with their profiles. Responders are provider staff, not
 * company data: who may read them is the service's rule (provider staff and the responder themselves).
 */
@Repository
class ResponderRepository {
    private final JdbcClient jdbc;

    ResponderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ResponderProfile> all() {
        return jdbc.sql("""
                select u.id, u.display_name, u.login, p.prefectures, p.availability, p.availability_note,
                       p.available_until, p.phone
                from app_user u left join responder_profile p on p.user_id = u.id
                where u.role = 'RESPONDER' and u.status = 'ACTIVE' order by u.display_name, u.login""")
                .query((rs, row) -> map(rs)).list();
    }

    java.util.Optional<ResponderProfile> find(UUID userId) {
        return jdbc.sql("""
                select u.id, u.display_name, u.login, p.prefectures, p.availability, p.availability_note,
                       p.available_until, p.phone
                from app_user u left join responder_profile p on p.user_id = u.id
                where u.id = :id and u.role = 'RESPONDER' and u.status = 'ACTIVE'""")
                .param("id", userId).query((rs, row) -> map(rs)).optional();
    }

    void save(ResponderProfile p, Instant now) {
        int updated = jdbc.sql("""
                update responder_profile set prefectures = :prefs, availability = :a, availability_note = :note,
                                             available_until = :until, phone = :phone, updated_at = :now
                where user_id = :id""").params(params(p, now)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into responder_profile (user_id, prefectures, availability, availability_note,
                                                   available_until, phone, updated_at)
                    values (:id, :prefs, :a, :note, :until, :phone, :now)""").params(params(p, now)).update();
        }
    }

    private static java.util.Map<String, Object> params(ResponderProfile p, Instant now) {
        var m = new java.util.HashMap<String, Object>();
        m.put("id", p.userId());
        m.put("prefs", String.join(",", p.prefectures()));
        m.put("a", p.availability().name());
        m.put("note", p.availabilityNote());
        m.put("until", utc(p.availableUntil()));
        m.put("phone", p.phone());
        m.put("now", utc(now));
        return m;
    }

    private static ResponderProfile map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String prefs = rs.getString("prefectures");
        String availability = rs.getString("availability");
        return new ResponderProfile(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("login"),
                prefs == null || prefs.isBlank() ? List.of() : Arrays.asList(prefs.split(",")),
                availability == null ? Availability.AVAILABLE : Availability.valueOf(availability),
                rs.getString("availability_note"), instant(rs, "available_until"), rs.getString("phone"));
    }
}
