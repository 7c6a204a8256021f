package jp.sukedachi.detect.watch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorState;
import jp.sukedachi.detect.watch.DeviceRoster.WatchedDevice;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/**
 * The silent-device alarm: a device that sends nothing for longer than its expected interval means the watch over
 * that company is blind. {@link #detect} notes when each device's data last arrived (the event's receive time, the
 * server's clock, the time the roster's last-seen is in too); {@link #advance} looks at every enabled device of the
 * {@link DeviceRoster}: silent since its last data (the later of the roster's and the noted one) or, when it never
 * sent anything, since its registration.
 *
 * <p>A silence is told as detections {@code watch}/{@code silent-device} (category SILENT_DEVICE, no evidence):
 * one when it exceeds the interval (MEDIUM), one when it reaches {@value #HIGH_AFTER_HOURS} hours (HIGH), and one
 * every refresh period while it lasts (so triage's one open alert per device stays inside its grouping window). A
 * silence is told once, whoever advances the detector: the watch's schedule with the clock, or the pipeline after
 * a batch with the batch's event time. Time is never taken beyond the clock (a device clock running ahead does not
 * make the others look silent), and looked at no more than once a minute (the roster is read each time).
 *
 * <p>State (last arrival per device in whole minutes, rounded up, and the silences told) is kept by
 * {@link #snapshot()}, which returns the same array while nothing changed. Thread-safe: the watch's schedule and
 * the pipeline may call it together.
 */
public final class SilentDeviceDetector implements Detector {
    public static final String ID = "watch";
    public static final String RULE = "silent-device";
    public static final long HIGH_AFTER_HOURS = 24;
    public static final int FORMAT_VERSION = 1;
    /** "WTCH": what a watch state starts with. */
    private static final int MAGIC = 0x57544348;
    private static final long MINUTE = 60_000;
    private static final long HIGH_AFTER_MILLIS = Duration.ofHours(HIGH_AFTER_HOURS).toMillis();

    /** When a device's data last arrived (minute, rounded up) and for which company. */
    private static final class Heard {
        final TenantId tenant;
        long minute;

        Heard(TenantId tenant, long minute) {
            this.tenant = tenant;
            this.minute = minute;
        }
    }

    /** A silence told: since when the device was silent, the severity told and when it was told last. */
    private record Told(long silentSince, Severity severity, long at) {
    }

    private final DeviceRoster roster;
    private final Clock clock;
    private final long refreshMillis;
    private final Map<DeviceId, Heard> heard = new HashMap<>();
    private final Map<DeviceId, Told> told = new HashMap<>();
    /** The earliest time the roster is looked at again. */
    private long nextLook = Long.MIN_VALUE;
    private byte[] last;

    /**
     * @param roster       the registered devices
     * @param clock        the time is never taken beyond it
     * @param refreshEvery how often a lasting silence is told again (within triage's grouping window)
     */
    public SilentDeviceDetector(DeviceRoster roster, Clock clock, Duration refreshEvery) {
        this.roster = roster;
        this.clock = clock;
        this.refreshMillis = Math.max(MINUTE, refreshEvery.toMillis());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public synchronized void detect(SecurityEvent event, DetectionSink sink) {
        if (event.tenant() == null || event.device() == null) {
            return;
        }
        long minute = Math.ceilDiv(event.receivedMillis(), MINUTE);
        Heard h = heard.get(event.device());
        if (h == null || !h.tenant.equals(event.tenant())) {
            // A device belongs to one company: an event naming another company's device is not its data.
            if (h != null) {
                return;
            }
            heard.put(event.device(), new Heard(event.tenant(), minute));
            last = null;
        } else if (minute > h.minute) {
            h.minute = minute;
            last = null;
        }
    }

    /**
     * Looks at the roster at {@code eventTimeMillis} (no later than the clock): tells the silences that began, rose
     * to HIGH or are due a refresh. Does nothing within a minute of the last look.
     */
    @Override
    public synchronized void advance(long eventTimeMillis, DetectionSink sink) {
        long now = Math.min(eventTimeMillis, clock.millis());
        if (now < nextLook) {
            return;
        }
        nextLook = now + MINUTE;
        last = null;
        Set<DeviceId> known = new HashSet<>();
        for (WatchedDevice d : roster.devices()) {
            known.add(d.id());
            if (d.disabled()) {
                told.remove(d.id());
                continue;
            }
            long since = silentSince(d);
            long silent = now - since;
            Told t = told.get(d.id());
            if (t != null && t.silentSince() != since) {
                told.remove(d.id()); // heard from since: that silence is over
                t = null;
            }
            if (silent <= Duration.ofMinutes(d.expectedIntervalMinutes()).toMillis()) {
                continue;
            }
            Severity severity = silent >= HIGH_AFTER_MILLIS ? Severity.HIGH : Severity.MEDIUM;
            if (t == null || severity.compareTo(t.severity()) > 0 || now - t.at() >= refreshMillis) {
                sink.accept(detection(d, severity, silent, now));
                told.put(d.id(), new Told(since, severity, now));
            }
        }
        heard.keySet().retainAll(known);
        told.keySet().retainAll(known);
    }

    /** Whether the device is silent longer than its interval at {@code nowMillis}. */
    public synchronized boolean isSilent(WatchedDevice d, long nowMillis) {
        return !d.disabled() && nowMillis - silentSince(d) > Duration.ofMinutes(d.expectedIntervalMinutes()).toMillis();
    }

    /**
     * Forgets that this device's present silence was told (its alert was closed while it lasts): the next look
     * tells it again.
     */
    public synchronized void forget(DeviceId device) {
        if (told.remove(device) != null) {
            last = null;
            nextLook = Long.MIN_VALUE;
        }
    }

    private long silentSince(WatchedDevice d) {
        long since = Long.MIN_VALUE;
        if (d.lastSeenAt() != null) {
            since = d.lastSeenAt().toEpochMilli();
        }
        Heard h = heard.get(d.id());
        if (h != null && h.tenant.equals(d.tenant())) {
            since = Math.max(since, h.minute * MINUTE);
        }
        return since != Long.MIN_VALUE ? since : d.registeredAt().toEpochMilli();
    }

    private static Detection detection(WatchedDevice d, Severity severity, long silentMillis, long now) {
        String title = "No data from device " + d.name() + " for longer than its expected interval ("
                + d.expectedIntervalMinutes() + " min): the watch is blind";
        return new Detection(d.tenant(), d.id(), now, ID, RULE, title, severity, Category.SILENT_DEVICE, null,
                Map.of("device", d.id().value().toString(), "silentMinutes",
                        Long.toString(Duration.ofMillis(silentMillis).toMinutes()), "expectedIntervalMinutes",
                        Integer.toString(d.expectedIntervalMinutes())));
    }

    /**
     * Magic, {@value #FORMAT_VERSION}, the next look, then per device (ordered by id) its company, last arrival
     * minute and the silence told. The same array while nothing changed.
     */
    @Override
    public synchronized byte[] snapshot() {
        if (last != null) {
            return last;
        }
        TreeMap<UUID, DeviceId> ids = new TreeMap<>();
        heard.keySet().forEach(id -> ids.put(id.value(), id));
        told.keySet().forEach(id -> ids.put(id.value(), id));
        last = DetectorState.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeLong(nextLook);
            out.writeInt(ids.size());
            for (DeviceId id : ids.values()) {
                writeUuid(out, id.value());
                Heard h = heard.get(id);
                out.writeBoolean(h != null);
                if (h != null) {
                    writeUuid(out, h.tenant.value());
                    out.writeLong(h.minute);
                }
                Told t = told.get(id);
                out.writeBoolean(t != null);
                if (t != null) {
                    out.writeLong(t.silentSince());
                    out.writeByte(t.severity().ordinal());
                    out.writeLong(t.at());
                }
            }
        });
        return last;
    }

    /**
     * Takes back what {@link #snapshot()} wrote ({@code null}: nothing noted yet).
     *
     * @throws IllegalArgumentException when it is not a watch state of a known version or is damaged; the detector
     *                                  then keeps what it had
     */
    @Override
    public synchronized void restore(byte[] state) {
        Map<DeviceId, Heard> h = new HashMap<>();
        Map<DeviceId, Told> t = new HashMap<>();
        long look = state == null ? Long.MIN_VALUE
                : DetectorState.read(state, "Silent-device state", MAGIC, FORMAT_VERSION, in -> {
                    long next = in.readLong();
                    int n = DetectorState.count(in);
                    for (int i = 0; i < n; i++) {
                        DeviceId id = new DeviceId(readUuid(in));
                        if (in.readBoolean()) {
                            h.put(id, new Heard(new TenantId(readUuid(in)), in.readLong()));
                        }
                        if (in.readBoolean()) {
                            long since = in.readLong();
                            int severity = in.readUnsignedByte();
                            if (severity >= Severity.values().length) {
                                throw new IOException("bad severity " + severity);
                            }
                            t.put(id, new Told(since, Severity.values()[severity], in.readLong()));
                        }
                    }
                    return next;
                });
        heard.clear();
        heard.putAll(h);
        told.clear();
        told.putAll(t);
        nextLook = look;
        last = null;
    }

    private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }
}
