package jp.sukedachi.app.sigma;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sigma switches and uploaded rules. Provider-level settings, not tenant data (the same rules watch every
 * customer), so there is no tenant scope here; only provider staff reach the callers.
 */
@Repository
public class SigmaRuleRepository {
    private final JdbcClient jdbc;

    public SigmaRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** RULE, LEVEL, STATUS or FOLDER, its value, and whether matching rules run. */
    public record Toggle(String kind, String value, boolean enabled, String changedBy, Instant changedAt) {
    }

    public record Uploaded(String ruleId, String title, String body, String uploadedBy, Instant uploadedAt) {
    }

    public List<Toggle> toggles() {
        return jdbc.sql("select * from sigma_rule_toggle order by selector_kind, selector_value")
                .query((rs, i) -> new Toggle(rs.getString("selector_kind"), rs.getString("selector_value"), rs.getBoolean("enabled"),
                        rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant())).list();
    }

    public void setToggle(String kind, String value, boolean enabled, String by, Instant at) {
        jdbc.sql("delete from sigma_rule_toggle where selector_kind = :k and selector_value = :v").param("k", kind).param("v", value)
                .update();
        jdbc.sql("insert into sigma_rule_toggle (selector_kind, selector_value, enabled, changed_by, changed_at) "
                + "values (:k, :v, :e, :by, :at)").param("k", kind).param("v", value).param("e", enabled).param("by", by)
                .param("at", Timestamp.from(at)).update();
    }

    public void clearToggle(String kind, String value) {
        jdbc.sql("delete from sigma_rule_toggle where selector_kind = :k and selector_value = :v").param("k", kind).param("v", value)
                .update();
    }

    public List<Uploaded> uploaded() {
        return jdbc.sql("select * from sigma_uploaded_rule order by rule_id")
                .query((rs, i) -> new Uploaded(rs.getString("rule_id"), rs.getString("title"), rs.getString("body"),
                        rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant())).list();
    }

    /** Stores a rule; an upload with the same id replaces the earlier one. */
    public void saveUpload(String ruleId, String title, String body, String by, Instant at) {
        jdbc.sql("delete from sigma_uploaded_rule where rule_id = :id").param("id", ruleId).update();
        jdbc.sql("insert into sigma_uploaded_rule (rule_id, title, body, uploaded_by, uploaded_at) values (:id, :t, :b, :by, :at)")
                .param("id", ruleId).param("t", title).param("b", body).param("by", by).param("at", Timestamp.from(at)).update();
    }

    public boolean deleteUpload(String ruleId) {
        return jdbc.sql("delete from sigma_uploaded_rule where rule_id = :id").param("id", ruleId).update() > 0;
    }
}
