package jp.sukedachi.app.device;

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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Syslog source addresses. The unique {@code claim} column is the database's guarantee that one address
 * belongs to at most one device provider-wide, whatever races the service checks miss.
 */
@Repository
public class DeviceAddressRepository {
    private static final String SELECT = """
            select a.*, t.name as tenant_name, d.name as device_name from device_address a
            join tenant t on t.id = a.tenant_id join device d on d.id = a.device_id""";
    private final JdbcClient jdbc;

    public DeviceAddressRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether any device holds the address (requested or confirmed), in any company. */
    public boolean claimed(String address) {
        return jdbc.sql("select count(*) from device_address where claim = :a").param("a", address)
                .query(Long.class).single() > 0;
    }

    /** Inserts a claim; the unique index refuses a taken address even when two requests race. */
    long insert(UUID deviceId, UUID tenantId, String address, DeviceAddress.Status status, UUID by, Instant at) {
        try {
            jdbc.sql("""
                    insert into device_address (device_id, tenant_id, address, status, claim, requested_by, requested_at,
                                                decided_by, decided_at)
                    values (:d, :t, :a, :s, :a, :by, :at, :decidedBy, :decidedAt)""")
                    .param("d", deviceId).param("t", tenantId).param("a", address).param("s", status.code())
                    .param("by", by).param("at", utc(at))
                    .param("decidedBy", status == DeviceAddress.Status.CONFIRMED ? by : null)
                    .param("decidedAt", status == DeviceAddress.Status.CONFIRMED ? utc(at) : null).update();
        } catch (DuplicateKeyException e) {
            throw new AddressTakenException(address);
        }
        return jdbc.sql("select id from device_address where claim = :a").param("a", address).query(Long.class).single();
    }

    /** A device's addresses, through the actor's scope. */
    public List<DeviceAddress> findByDevice(Actor actor, UUID deviceId) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where a.device_id = :d and "
                + TenantScope.where("a.tenant_id") + " order by a.id")).param("d", deviceId)
                .query(DeviceAddressRepository::map).list();
    }

    /** Requests and review cases of every company, oldest first: the staff queue. */
    public List<DeviceAddress> findOpen(Actor actor, int limit) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where a.status in ('requested', 'review') and "
                + TenantScope.where("a.tenant_id") + " order by a.requested_at, a.id fetch first "
                + Math.max(1, Math.min(limit, 1000)) + " rows only")).query(DeviceAddressRepository::map).list();
    }

    public Optional<DeviceAddress> find(Actor actor, long id) {
        return actor.tenantScope().bind(jdbc.sql(SELECT + " where a.id = :id and " + TenantScope.where("a.tenant_id")))
                .param("id", id).query(DeviceAddressRepository::map).optional();
    }

    /** Sets a decision; the claim follows the status (a confirmed address keeps it, a rejected one frees it). */
    void decide(long id, DeviceAddress.Status status, UUID by, Instant at) {
        try {
            jdbc.sql("update device_address set status = :s, claim = " + (status.claims() ? "address" : "null")
                    + ", decided_by = :by, decided_at = :at where id = :id")
                    .param("s", status.code()).param("by", by).param("at", utc(at))
                    .param("id", id).update();
        } catch (DuplicateKeyException e) {
            throw new AddressTakenException(find(id).address());
        }
    }

    void delete(long id) {
        jdbc.sql("delete from device_address where id = :id").param("id", id).update();
    }

    private DeviceAddress find(long id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(DeviceAddressRepository::map).single();
    }

    /** Keeps device.source_ips equal to the device's confirmed addresses (what pages and the API show). */
    void syncDevice(UUID deviceId) {
        jdbc.sql("""
                update device set source_ips = (select string_agg(a.address, ',' order by a.id) from device_address a
                                                where a.device_id = device.id and a.status = 'confirmed')
                where id = :d""").param("d", deviceId).update();
    }

    /** Confirmed addresses of enabled devices: the only ones that route syslog. */
    public List<DeviceRoute> routes() {
        return jdbc.sql("""
                select d.*, a.address as route_address from device_address a join device d on d.id = a.device_id
                where a.status = 'confirmed' and d.disabled = false
                  and d.tenant_id in (select id from tenant where suspended_at is null)""")
                .query((rs, row) -> new DeviceRoute(rs.getString("route_address"), DeviceRepository.map(rs, row),
                        rs.getString("charset"))).list();
    }

    private static DeviceAddress map(ResultSet rs, int row) throws SQLException {
        return new DeviceAddress(rs.getLong("id"), rs.getObject("device_id", UUID.class),
                rs.getObject("tenant_id", UUID.class), rs.getString("address"),
                DeviceAddress.Status.parse(rs.getString("status")), instant(rs, "requested_at"),
                instant(rs, "decided_at"), rs.getString("tenant_name"), rs.getString("device_name"));
    }
}
