package jp.sukedachi.app.ingest;

import static jp.sukedachi.app.config.SqlTimes.instant;
import static jp.sukedachi.app.config.SqlTimes.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import jp.sukedachi.app.tenant.Actor;
import jp.sukedachi.app.tenant.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Received / parsed / quarantined counts per device and hour. Receivers add to in-memory adders (no
 * database write per request); a flush every few seconds adds them to the hourly rows.
 */
@Repository
public class DeviceCounterRepository {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();

    public DeviceCounterRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Key(UUID deviceId, UUID tenantId, Instant hour) {
    }

    private static final class Counts {
        final LongAdder received = new LongAdder();
        final LongAdder parsed = new LongAdder();
        final LongAdder quarantined = new LongAdder();
    }

    /** One hour of one device. */
    public record HourCount(Instant hour, long received, long parsed, long quarantined) {
    }

    public void add(UUID deviceId, UUID tenantId, long received, long parsed, long quarantined) {
        Counts c = pending.computeIfAbsent(new Key(deviceId, tenantId, clock.instant().truncatedTo(ChronoUnit.HOURS)),
                k -> new Counts());
        c.received.add(received);
        c.parsed.add(parsed);
        c.quarantined.add(quarantined);
    }

    @Scheduled(fixedDelayString = "${sukedachi.ingest.counter-flush-ms:5000}")
    public synchronized void flush() {
        for (Key key : List.copyOf(pending.keySet())) {
            Counts c = pending.remove(key);
            if (c == null) {
                continue;
            }
            long r = c.received.sumThenReset();
            long p = c.parsed.sumThenReset();
            long q = c.quarantined.sumThenReset();
            int updated = jdbc.sql("""
                    update device_counter set received = received + :r, parsed = parsed + :p,
                           quarantined = quarantined + :q where device_id = :d and hour_start = :h""")
                    .param("r", r).param("p", p).param("q", q).param("d", key.deviceId()).param("h", utc(key.hour()))
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                        insert into device_counter (device_id, tenant_id, hour_start, received, parsed, quarantined)
                        values (:d, :t, :h, :r, :p, :q)""")
                        .param("d", key.deviceId()).param("t", key.tenantId()).param("h", utc(key.hour()))
                        .param("r", r).param("p", p).param("q", q).update();
            }
        }
    }

    /** The last hours of a device, newest first, within the actor's scope; includes counts not yet flushed. */
    public List<HourCount> recent(Actor actor, UUID deviceId, int hours) {
        flush();
        return actor.tenantScope().bind(jdbc.sql("select * from device_counter where device_id = :d and "
                        + TenantScope.where("tenant_id") + " order by hour_start desc fetch first "
                        + Math.max(1, Math.min(hours, 24 * 31)) + " rows only"))
                .param("d", deviceId)
                .query((rs, i) -> new HourCount(instant(rs, "hour_start"), rs.getLong("received"), rs.getLong("parsed"),
                        rs.getLong("quarantined")))
                .list();
    }
}
