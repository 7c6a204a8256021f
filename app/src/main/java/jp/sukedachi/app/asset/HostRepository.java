package jp.sukedachi.app.asset;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code lan_host} table. Reads and the company's changes go through the actor's scope (another company's
 * device is simply not found); the pipeline's upsert and the name look-ups are bound to one tenant given by the
 * caller (who already holds that tenant's event or alert).
 */
@Repository
class HostRepository {
    /** Devices kept per company; beyond it a new device is not added (an SME has far fewer). */
    static final int MAX_HOSTS = 10_000;
    /** The list and the API show at most this many, most recently seen first. */
    static final int LIST_MAX = 2_000;
    private static final String SEP = "\n";

    private final JdbcClient jdbc;

    HostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- the pipeline (one tenant, no actor)

    Optional<Host> byKey(UUID tenant, String key) {
        return jdbc.sql("select * from lan_host where tenant_id = :t and host_key = :k").param("t", tenant)
                .param("k", key).query(HostRepository::map).optional();
    }

    /** The device last seen with this address (by MAC or by the address itself). */
    Optional<Host> byIp(UUID tenant, String ip) {
        return jdbc.sql("select * from lan_host where tenant_id = :t and ip = :ip order by last_seen desc")
                .param("t", tenant).param("ip", ip).query(HostRepository::map).stream().findFirst();
    }

    /** Adds a device unless it is there or the company's table is full; true when added. */
    boolean insert(Host h) {
        return jdbc.sql("""
                insert into lan_host (tenant_id, host_key, mac, ip, names, device_kind, os_guess, os_evidence, seen_by,
                    first_seen, last_seen, marking)
                select :t, :k, :mac, :ip, :names, :kind, :os, :evidence, :seenBy, :first, :last, 'undecided'
                where (select count(*) from lan_host where tenant_id = :t) < :max
                on conflict do nothing""")
                .param("t", h.tenantId()).param("k", clip(h.key(), 64)).param("mac", clip(h.mac(), 17))
                .param("ip", clip(h.ip(), 45)).param("names", joinNames(h.names())).param("kind", clip(h.kind(), 80))
                .param("os", clip(h.osGuess(), 80)).param("evidence", clip(h.osEvidence(), 400))
                .param("seenBy", clip(h.seenBy(), 40)).param("first", utc(h.firstSeen()))
                .param("last", utc(h.lastSeen())).param("max", MAX_HOSTS).update() > 0;
    }

    /** Writes what was learnt (key, MAC, address, names, kind, OS, times); the company's own fields stay. */
    void learn(String oldKey, Host h) {
        jdbc.sql("""
                update lan_host set host_key = :k, mac = :mac, ip = :ip, names = :names, device_kind = :kind,
                    os_guess = :os, os_evidence = :evidence, seen_by = :seenBy, first_seen = :first, last_seen = :last
                where tenant_id = :t and host_key = :old""")
                .param("t", h.tenantId()).param("old", oldKey).param("k", clip(h.key(), 64))
                .param("mac", clip(h.mac(), 17)).param("ip", clip(h.ip(), 45)).param("names", joinNames(h.names()))
                .param("kind", clip(h.kind(), 80)).param("os", clip(h.osGuess(), 80))
                .param("evidence", clip(h.osEvidence(), 400)).param("seenBy", clip(h.seenBy(), 40))
                .param("first", utc(h.firstSeen())).param("last", utc(h.lastSeen())).update();
    }

    /** Writes a device whole, also the company's fields (a row folded into it brought them). */
    void merge(Host h) {
        learn(h.key(), h);
        jdbc.sql("""
                update lan_host set marking = :m, marked_by = :by, marked_at = :at, ledger_asset_id = :ledger,
                    label = :label
                where tenant_id = :t and host_key = :k""")
                .param("t", h.tenantId()).param("k", clip(h.key(), 64)).param("m", h.marking().code())
                .param("by", clip(h.markedBy(), 254)).param("at", h.markedAt() == null ? null : utc(h.markedAt()))
                .param("ledger", h.ledgerAssetId()).param("label", clip(h.label(), 60)).update();
    }

    /** Removes a device (its row was folded into another). */
    void delete(UUID tenant, String key) {
        jdbc.sql("delete from lan_host where tenant_id = :t and host_key = :k").param("t", tenant).param("k", key)
                .update();
    }

    /** Every device of one tenant (the names for the advice texts); at most {@link #MAX_HOSTS}. */
    List<Host> allOf(UUID tenant) {
        return jdbc.sql("select * from lan_host where tenant_id = :t").param("t", tenant).query(HostRepository::map)
                .list();
    }

    /** Whether the device with this MAC (or, without one, this address) is marked as the company's own. */
    boolean ours(UUID tenant, String mac, String ip) {
        String key = mac != null ? mac : ip;
        if (key == null) {
            return false;
        }
        return jdbc.sql("select count(*) from lan_host where tenant_id = :t and host_key = :k and marking = 'ours'")
                .param("t", tenant).param("k", key).query(Integer.class).single() > 0;
    }

    // ---------------------------------------------------------------- the company's pages (actor's scope)

    /** A company's devices, most recently seen first, at most {@link #LIST_MAX}. */
    List<Host> list(Actor actor, UUID tenant) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from lan_host where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by last_seen desc, host_key fetch first " + LIST_MAX + " rows only"))
                .param("t", tenant).query(HostRepository::map).list();
    }

    Optional<Host> find(Actor actor, UUID tenant, String key) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from lan_host where tenant_id = :t and host_key = :k and "
                        + TenantScope.where("tenant_id")))
                .param("t", tenant).param("k", key).query(HostRepository::map).optional();
    }

    boolean mark(Actor actor, UUID tenant, String key, Marking marking, Instant at) {
        return actor.tenantScope()
                .bind(jdbc.sql("update lan_host set marking = :m, marked_by = :by, marked_at = :at where tenant_id = :t"
                        + " and host_key = :k and " + TenantScope.where("tenant_id")))
                .param("m", marking.code()).param("by", actor.login()).param("at", utc(at)).param("t", tenant)
                .param("k", key).update() > 0;
    }

    boolean describe(Actor actor, UUID tenant, String key, String label, UUID ledgerAssetId) {
        return actor.tenantScope()
                .bind(jdbc.sql("update lan_host set label = :label, ledger_asset_id = :ledger where tenant_id = :t"
                        + " and host_key = :k and " + TenantScope.where("tenant_id")))
                .param("label", clip(label, 60)).param("ledger", ledgerAssetId).param("t", tenant).param("k", key)
                .update() > 0;
    }

    // ----------------------------------------------------------------

    /**
     * A text cut to its column's length (in UTF-16 units, never splitting a pair), so an overlong value never fails
     * the pipeline's transaction.
     */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        // Cut to the column, and say so: the last character shown is an ellipsis (keys and addresses are validated
        // shorter before they get here, so only descriptive text is ever cut).
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }

    static String joinNames(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String raw : names) {
            String n = clip(raw, 120);
            if (sb.length() + n.length() + 1 > 400) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(SEP);
            }
            sb.append(n);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static Host map(ResultSet rs, int row) throws SQLException {
        String names = rs.getString("names");
        return new Host(rs.getObject("tenant_id", UUID.class), rs.getString("host_key"), rs.getString("mac"),
                rs.getString("ip"), names == null ? List.of() : new ArrayList<>(Arrays.asList(names.split(SEP))),
                rs.getString("device_kind"), rs.getString("os_guess"), rs.getString("os_evidence"),
                rs.getString("seen_by"), instant(rs, "first_seen"), instant(rs, "last_seen"),
                Marking.of(rs.getString("marking")), rs.getString("marked_by"), instant(rs, "marked_at"),
                rs.getObject("ledger_asset_id", UUID.class), rs.getString("label"));
    }
}
