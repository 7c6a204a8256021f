package jp.sukedachi.app.device;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.event.SecurityEvent;

/**
 * What devices sent, as the device pages and API show it. The receiving capability (ingest) provides it: ingest
 * needs the device registry to route what arrives, so the registry reads the traffic through this interface
 * instead of depending on ingest back.
 */
public interface DeviceTraffic {
    /** A device's hourly counters, newest first, scoped to what the actor may see. */
    List<Hour> hourly(Actor actor, UUID deviceId, int hours);

    /** The newest normalised events of a device kept in memory, newest first. */
    List<SecurityEvent> latest(UUID deviceId, int limit);

    /** How many events per device {@link #latest} can return at most. */
    int latestKept();

    /** Records of a tenant (optionally one device) that failed to parse, newest first. */
    List<QuarantineEntry> quarantine(Actor actor, UUID tenantId, UUID deviceId, int limit);

    /** The syslog receiver's provider-wide figures. */
    Syslog syslog();

    /**
     * What each of these devices sent from the hour of {@code from} on (hours start at the full hour, so a day in
     * Japan time is whole), scoped to what the actor may see; a device that sent nothing is absent.
     */
    Map<UUID, Since> since(Actor actor, Collection<UUID> deviceIds, Instant from);

    /** One hour of one device. */
    record Hour(Instant hour, long received, long parsed, long quarantined) {
    }

    /** A device's events (parsed) and unreadable lines (quarantined) over a period. */
    record Since(long parsed, long quarantined) {
    }

    /** The syslog receiver's port and what it received, dropped or could not attribute since start. */
    record Syslog(int port, long datagrams, long kernelDropped, long queueDropped, long unknownSource,
            long undecodable, int receiveBufferBytes) {
    }
}
