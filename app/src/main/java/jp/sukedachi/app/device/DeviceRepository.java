package jp.sukedachi.app.device;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Devices, read through the actor's scope; the token lookup serves the receivers, before any actor exists. */
@Repository
public class DeviceRepository {
    private final JdbcClient jdbc;

    public DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Device> findByTenant(Actor actor, UUID tenantId) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from device where tenant_id = :t and " + TenantScope.where("tenant_id")
                        + " order by name"))
                .param("t", tenantId).query(DeviceRepository::map).list();
    }

    public Optional<Device> find(Actor actor, UUID id) {
        return actor.tenantScope()
                .bind(jdbc.sql("select * from device where id = :id and " + TenantScope.where("tenant_id")))
                .param("id", id).query(DeviceRepository::map).optional();
    }

    public boolean nameTaken(UUID tenantId, String name) {
        return jdbc.sql("select count(*) from device where tenant_id = :t and lower(name) = lower(:n)")
                .param("t", tenantId).param("n", name).query(Long.class).single() > 0;
    }

    // --- the all-company view: thousands of devices, paged in SQL, silent first ---

    /**
     * The rank of a device by {@link DeviceState} in SQL: the rule of {@link Device#silentAt} (silent once its last
     * event, or its registration, lies longer than its expected interval before {@code :now}).
     */
    private static final String RANK = "case when disabled then 2 when coalesce(last_seen_at, created_at)"
            + " + expected_interval_minutes * interval '1' minute < :now then 0 else 1 end";

    /** A device with its state at the time asked. */
    record Ranked(Device device, DeviceState state) {
    }

    /**
     * One page of the devices the actor may see, of one company or all ({@code tenantId} null), in one state or all
     * ({@code state} null): silent first (the longest silent on top), then sending (the quietest first), then
     * disabled.
     */
    List<Ranked> overview(Actor actor, UUID tenantId, DeviceState state, Instant now, int offset, int limit) {
        return actor.tenantScope().bind(jdbc.sql("select * from (select device.*, " + RANK + " as state_rank from device"
                        + " where (:allTenants = true or tenant_id = :t) and " + TenantScope.where("tenant_id")
                        + ") ranked where (:allStates = true or state_rank = :rank)"
                        + " order by state_rank, coalesce(last_seen_at, created_at), name, id"
                        + " offset :offset rows fetch next :limit rows only"))
                .param("now", utc(now)).param("allTenants", tenantId == null)
                .param("t", tenantId == null ? new UUID(0, 0) : tenantId).param("allStates", state == null)
                .param("rank", state == null ? -1 : state.rank()).param("offset", Math.max(0, offset))
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, row) -> new Ranked(map(rs, row), DeviceState.values()[rs.getInt("state_rank")])).list();
    }

    /** How many devices the actor may see are in each state, of one company or all. */
    Map<DeviceState, Long> stateCounts(Actor actor, UUID tenantId, Instant now) {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        for (DeviceState s : DeviceState.values()) {
            counts.put(s, 0L);
        }
        actor.tenantScope().bind(jdbc.sql("select state_rank, count(*) as n from (select " + RANK
                        + " as state_rank from device where (:allTenants = true or tenant_id = :t) and "
                        + TenantScope.where("tenant_id") + ") ranked group by state_rank"))
                .param("now", utc(now)).param("allTenants", tenantId == null)
                .param("t", tenantId == null ? new UUID(0, 0) : tenantId)
                .query((rs, row) -> counts.put(DeviceState.values()[rs.getInt("state_rank")], rs.getLong("n"))).list();
        return counts;
    }

    // --- receivers: the token or the sender's address is the only credential ---

    /** The device of a token with its charset setting (the HTTP receivers need both for every request). */
    Optional<DeviceService.Sender> findSenderByTokenHash(String hash) {
        // A company being offboarded (tenant.suspended_at, issue 17) sends nothing more: its tokens stop working.
        return jdbc.sql("""
                        select * from device where token_hash = :h and disabled = false
                           and tenant_id in (select id from tenant where suspended_at is null)""")
                .param("h", hash).query((rs, row) -> new DeviceService.Sender(map(rs, row), rs.getString("charset")))
                .optional();
    }

    /** Every enabled device, for the syslog receivers' address table. */
    public List<Device> findAllEnabled() {
        return jdbc.sql("select * from device where disabled = false and tenant_id in (select id from tenant where suspended_at is null)")
                .query(DeviceRepository::map).list();
    }

    /** Every device, enabled or not, for the silent-device watch (which works for all tenants, as the system). */
    public List<Device> findAllForWatch() {
        return jdbc.sql("select * from device").query(DeviceRepository::map).list();
    }

    void insert(Device d, String tokenHash) {
        jdbc.sql("""
                insert into device (id, tenant_id, name, kind, format, source_ips, token_hash, token_prefix, created_at,
                                    expected_interval_minutes)
                values (:id, :t, :name, :kind, :format, :ips, :hash, :prefix, :created, :interval)""")
                .param("id", d.id()).param("t", d.tenantId()).param("name", d.name()).param("kind", d.kind().code())
                .param("format", d.format()).param("ips", String.join(",", d.sourceIps())).param("hash", tokenHash)
                .param("prefix", d.tokenPrefix()).param("created", utc(d.createdAt()))
                .param("interval", d.expectedIntervalMinutes()).update();
    }

    /** How the device's syslog bytes become text (see jp.sukedachi.ingest.text.TextDecoder). */
    public String charset(UUID id) {
        return jdbc.sql("select charset from device where id = :id").param("id", id).query(String.class).single();
    }

    void setCharset(UUID id, String charset) {
        jdbc.sql("update device set charset = :c where id = :id").param("c", charset).param("id", id).update();
    }

    /** Marks devices seen; one statement per flush, not per request. */
    public void touch(UUID id, Instant at) {
        jdbc.sql("update device set last_seen_at = :at where id = :id and (last_seen_at is null or last_seen_at < :at)")
                .param("at", utc(at)).param("id", id).update();
    }

    static Device map(ResultSet rs, int row) throws SQLException {
        String ips = rs.getString("source_ips");
        return new Device(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                DeviceKind.parse(rs.getString("kind")), rs.getString("format"),
                ips == null || ips.isBlank() ? List.of() : Arrays.asList(ips.split(",")),
                rs.getString("token_prefix"), instant(rs, "created_at"), instant(rs, "last_seen_at"),
                rs.getBoolean("disabled"), rs.getInt("expected_interval_minutes"));
    }

    /** Kind code and registration time of every device registered before {@code before}, within the actor's scope. */
    List<DeviceDirectory.Registration> registeredBefore(Actor actor, Instant before) {
        return actor.tenantScope().bind(jdbc.sql("select tenant_id, kind, created_at from device where created_at < :before"
                        + " and " + TenantScope.where("tenant_id")))
                .param("before", utc(before))
                .query((rs, i) -> new DeviceDirectory.Registration(rs.getObject("tenant_id", UUID.class),
                        DeviceKind.parse(rs.getString("kind")).code(), instant(rs, "created_at")))
                .list();
    }
}
