package jp.sukedachi.app.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.device.DeviceTraffic;
import jp.sukedachi.app.device.QuarantineEntry;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.event.SecurityEvent;
import org.springframework.stereotype.Component;

/** The device pages' view of what ingest received: counters, the latest events, quarantine, syslog figures. */
@Component
class ReceivedTraffic implements DeviceTraffic {
    private final DeviceCounterRepository counters;
    private final RecentEvents recent;
    private final QuarantineRepository quarantine;
    private final SyslogReceiver syslog;

    ReceivedTraffic(DeviceCounterRepository counters, RecentEvents recent, QuarantineRepository quarantine,
            SyslogReceiver syslog) {
        this.counters = counters;
        this.recent = recent;
        this.quarantine = quarantine;
        this.syslog = syslog;
    }

    @Override
    public List<Hour> hourly(Actor actor, UUID deviceId, int hours) {
        return counters.recent(actor, deviceId, hours).stream()
                .map(h -> new Hour(h.hour(), h.received(), h.parsed(), h.quarantined())).toList();
    }

    @Override
    public Map<UUID, Since> since(Actor actor, Collection<UUID> deviceIds, Instant from) {
        return counters.since(actor, deviceIds, from);
    }

    @Override
    public List<SecurityEvent> latest(UUID deviceId, int limit) {
        return recent.latest(deviceId, limit);
    }

    @Override
    public int latestKept() {
        return RecentEvents.PER_DEVICE;
    }

    @Override
    public List<QuarantineEntry> quarantine(Actor actor, UUID tenantId, UUID deviceId, int limit) {
        return quarantine.findByTenant(actor, tenantId, deviceId, limit);
    }

    @Override
    public Syslog syslog() {
        SyslogReceiver.Stats s = syslog.stats();
        return new Syslog(s.port(), s.datagrams(), s.kernelDropped(), s.queueDropped(), s.unknownSource(),
                s.undecodable(), s.receiveBufferBytes());
    }
}
