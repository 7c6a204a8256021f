package jp.sukedachi.app.ingest;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.device.DeviceTraffic;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.app.triage.FunnelCountRepository;
import jp.sukedachi.event.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Received / parsed / quarantined counts per device and hour. Nothing is held in memory: a count is written in the
 * same database transaction as what it counts, so it can neither run ahead of nor fall behind what was durably
 * stored (a counter kept in memory and flushed later lost everything since the last flush on SIGKILL, and a failed
 * flush dropped its counts). Parsed events are counted by the pipeline consumer in the transaction that stores its
 * journal position ({@link #countParsed}), so a batch replayed after a crash or a failed transaction is counted
 * exactly once; quarantined records in the transaction that keeps them ({@link #countQuarantined}). Received is
 * their sum (header and comment lines are neither), and each company's received events per day go to the funnel's
 * {@link FunnelCountRepository} in the same transaction. Callers provide the transaction.
 */
@Repository
class DeviceCounterRepository {
    private static final Logger log = LoggerFactory.getLogger(DeviceCounterRepository.class);
    private final JdbcClient jdbc;
    private final FunnelCountRepository funnel;

    DeviceCounterRepository(JdbcClient jdbc, FunnelCountRepository funnel) {
        this.jdbc = jdbc;
        this.funnel = funnel;
    }

    /** The hour of one device; ordered so that concurrent transactions lock rows in one order (no deadlock). */
    private record Key(UUID deviceId, UUID tenantId, Instant hour) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = deviceId.compareTo(o.deviceId);
            return c != 0 ? c : hour.compareTo(o.hour);
        }
    }

    /** One hour of one device. */
    public record HourCount(Instant hour, long received, long parsed, long quarantined) {
    }

    /** Counts events of a journal batch as received and parsed, in the hour they were received. */
    public void countParsed(List<SecurityEvent> events) {
        Map<Key, Long> perHour = new TreeMap<>();
        for (SecurityEvent e : events) {
            if (e.tenant() != null && e.device() != null) {
                Instant hour = Instant.ofEpochMilli(e.receivedMillis()).truncatedTo(ChronoUnit.HOURS);
                perHour.merge(new Key(e.device().value(), e.tenant().value(), hour), 1L, Long::sum);
            }
        }
        perHour.forEach((key, n) -> add(key, n, n, 0));
    }

    /** Counts records quarantined at {@code at} as received and quarantined. */
    public void countQuarantined(UUID deviceId, UUID tenantId, long quarantined, Instant at) {
        if (quarantined > 0) {
            add(new Key(deviceId, tenantId, at.truncatedTo(ChronoUnit.HOURS)), quarantined, 0, quarantined);
        }
    }

    private void add(Key key, long r, long p, long q) {
        if (update(key, r, p, q) > 0) {
            funnel.add(key.tenantId(), key.hour(), FunnelCountRepository.Measure.EVENTS, r);
            return;
        }
        // First count of this hour; another instance may insert the same row at the same moment.
        jdbc.sql("""
                insert into device_counter (device_id, tenant_id, hour_start, received, parsed, quarantined)
                select id, :t, :h, 0, 0, 0 from device where id = :d on conflict do nothing""")
                .param("d", key.deviceId()).param("t", key.tenantId()).param("h", utc(key.hour())).update();
        if (update(key, r, p, q) == 0) {
            // Only a device that does not exist has no row now; failing would stop the pipeline for good.
            log.warn("{} event(s) of an unknown device {} not counted", r, key.deviceId());
        } else {
            funnel.add(key.tenantId(), key.hour(), FunnelCountRepository.Measure.EVENTS, r);
        }
    }

    private int update(Key key, long r, long p, long q) {
        return jdbc.sql("""
                update device_counter set received = received + :r, parsed = parsed + :p,
                       quarantined = quarantined + :q where device_id = :d and hour_start = :h""")
                .param("r", r).param("p", p).param("q", q).param("d", key.deviceId()).param("h", utc(key.hour()))
                .update();
    }

    /** The last hours of a device, newest first, within the actor's scope (events still in the journal not yet). */
    public List<HourCount> recent(Actor actor, UUID deviceId, int hours) {
        return actor.tenantScope().bind(jdbc.sql("select * from device_counter where device_id = :d and "
                        + TenantScope.where("tenant_id") + " order by hour_start desc fetch first "
                        + Math.max(1, Math.min(hours, 24 * 31)) + " rows only"))
                .param("d", deviceId)
                .query((rs, i) -> new HourCount(instant(rs, "hour_start"), rs.getLong("received"), rs.getLong("parsed"),
                        rs.getLong("quarantined")))
                .list();
    }

    /** Parsed and quarantined sums per device from the hour of {@code from} on, within the actor's scope. */
    public Map<UUID, DeviceTraffic.Since> since(Actor actor, Collection<UUID> deviceIds, Instant from) {
        Map<UUID, DeviceTraffic.Since> sums = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return sums;
        }
        actor.tenantScope().bind(jdbc.sql("select device_id, sum(parsed) as p, sum(quarantined) as q from device_counter"
                        + " where device_id in (:ids) and hour_start >= :from and " + TenantScope.where("tenant_id")
                        + " group by device_id"))
                .param("ids", deviceIds).param("from", utc(from.truncatedTo(ChronoUnit.HOURS)))
                .query((rs, i) -> sums.put(rs.getObject("device_id", UUID.class),
                        new DeviceTraffic.Since(rs.getLong("p"), rs.getLong("q"))))
                .list();
        return sums;
    }
}
