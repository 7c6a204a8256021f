package jp.sukedachi.app.statement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertQueries.SilentSpell;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How long each of a company's devices was watched over a period: the one computation behind the usage statement,
 * the monthly report and the proof-of-check letter, so that they never disagree.
 *
 * <p>Watched time of a device: the time it was registered within the period, less the time the silent-device
 * watch counted it silent. A silence starts one expected interval before its alert was raised (the device's last
 * data, as the watch decides it) and ends when the alert was closed (data flowed again, or staff closed it), or
 * at the period's end while it is open.
 */
@Service
public class WatchedTime {
    private final DeviceDirectory devices;
    private final AlertQueries alerts;

    WatchedTime(DeviceDirectory devices, AlertQueries alerts) {
        this.devices = devices;
        this.alerts = alerts;
    }

    /**
     * A device over a period: seconds registered in it, seconds the silent-device watch counted silent (in {@code
     * silentSpells} separate alerts), and the rest, watched. {@code kindLabelKey} is the message key of its kind.
     */
    public record DeviceWatch(UUID deviceId, String name, String kindLabelKey, Instant registeredAt,
            Instant lastSeenAt, long registeredSeconds, long silentSeconds, int silentSpells) {
        public long watchedSeconds() {
            return registeredSeconds - silentSeconds;
        }
    }

    /**
     * The devices of one company registered before {@code to}, by name, each over {@code [from, to)}; nothing
     * when the company is not the actor's to see.
     */
    @Transactional(readOnly = true)
    public List<DeviceWatch> between(Actor actor, UUID tenantId, Instant from, Instant to) {
        List<SilentSpell> spells = alerts.silentSpellsBetween(actor, tenantId, from, to);
        List<DeviceWatch> lines = new ArrayList<>();
        for (Device d : devices.devicesOf(actor, tenantId)) {
            if (!d.createdAt().isBefore(to)) {
                continue; // registered after the period
            }
            Instant start = d.createdAt().isAfter(from) ? d.createdAt() : from;
            Duration interval = Duration.ofMinutes(d.expectedIntervalMinutes());
            List<Instant[]> silent = new ArrayList<>();
            for (SilentSpell s : spells) {
                if (s.deviceId().equals(d.id())) {
                    silent.add(new Instant[] {s.alarmedAt().minus(interval), s.closedAt() == null ? to : s.closedAt()});
                }
            }
            lines.add(new DeviceWatch(d.id(), d.name(), d.kindLabelKey(), d.createdAt(), d.lastSeenAt(),
                    seconds(start, to), silentSeconds(silent, start, to), silent.size()));
        }
        lines.sort(Comparator.comparing(DeviceWatch::name));
        return lines;
    }

    /** The length of the union of the intervals, each clipped to {@code [start, end)}. */
    static long silentSeconds(List<Instant[]> intervals, Instant start, Instant end) {
        List<Instant[]> clipped = new ArrayList<>();
        for (Instant[] i : intervals) {
            Instant a = i[0].isBefore(start) ? start : i[0];
            Instant b = i[1].isAfter(end) ? end : i[1];
            if (a.isBefore(b)) {
                clipped.add(new Instant[] {a, b});
            }
        }
        clipped.sort(Comparator.comparing(i -> i[0]));
        long total = 0;
        Instant runStart = null;
        Instant runEnd = null;
        for (Instant[] i : clipped) {
            if (runEnd == null || i[0].isAfter(runEnd)) {
                if (runEnd != null) {
                    total += seconds(runStart, runEnd);
                }
                runStart = i[0];
                runEnd = i[1];
            } else if (i[1].isAfter(runEnd)) {
                runEnd = i[1];
            }
        }
        if (runEnd != null) {
            total += seconds(runStart, runEnd);
        }
        return total;
    }

    private static long seconds(Instant a, Instant b) {
        return Math.max(0, b.getEpochSecond() - a.getEpochSecond());
    }

    /** A share in percent with one decimal, rounded down so that a document never claims more than was watched. */
    public static String percent(long part, long whole) {
        long permille = whole <= 0 ? 0 : part * 1000 / whole;
        return permille / 10 + "." + permille % 10;
    }
}
