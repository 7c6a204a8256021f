package jp.sukedachi.app.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.detect.watch.DeviceRoster.WatchedDevice;
import jp.sukedachi.detect.watch.SilentDeviceDetector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The silent-device alarm: a device that sends nothing for longer than its expected interval
 * ({@code device.expected_interval_minutes}, 60 by default) means the watch over that company is blind.
 *
 * <p>Every {@code sukedachi.watch.check-ms} (5 minutes by default) the {@link SilentDeviceDetector} is advanced
 * to the clock over the registered devices: it decides which device is silent (since its last event,
 * {@code last_seen_at}, or, when it never sent anything, since its registration; so a device registered and
 * never connected alarms one interval after it was registered) and which detection that makes.
 * <ul>
 * <li>Silent for longer than its interval: the detector's detection {@code watch} / {@code silent-device} goes through
 * {@link Triage}, so the alert is grouped like any other — one open alert per device (entity
 * {@code device:<id>}, the entity triage gives a detection without evidence). Severity MEDIUM, HIGH once the
 * device is silent for {@value #HIGH_AFTER_HOURS} hours (triage escalates the open alert and notes it in the
 * history). While the alert is open and the severity is right, it is only refreshed when its last sighting
 * nears the end of the triage window, so it stays one alert for a silence of days and its count (one per
 * refresh) never reaches triage's repetition steps. The detector tells a silence only when it begins, turns
 * HIGH or is due that refresh; an alert closed by hand while the silence lasts is raised again within two checks.</li>
 * <li>Not silent any more (data flowed since): its open silent-device alert is closed with resolution
 * BENIGN, a history note and an audit record by {@value #SYSTEM}. Clearing therefore happens at the next
 * check, at most one check interval after data flows again.</li>
 * </ul>
 * Disabled devices are not watched. Not run for one-shot commands (import). With several instances on one database
 * one check runs at a time, in one transaction holding the job's lock ({@link JobLocks}): two instances checking
 * together would raise, refresh or close each alert twice (doubled counts, history notes and audit records).
 */
@Component
@ConditionalOnExpression("'${sukedachi.command:}'.isEmpty() and ${sukedachi.watch.enabled:true}")
public class SilentDeviceWatch {
    private static final Logger log = LoggerFactory.getLogger(SilentDeviceWatch.class);
    public static final String DETECTOR = SilentDeviceDetector.ID;
    public static final String RULE = SilentDeviceDetector.RULE;
    static final String SYSTEM = "system";
    static final long HIGH_AFTER_HOURS = SilentDeviceDetector.HIGH_AFTER_HOURS;

    private final DeviceDirectory devices;
    private final Triage triage;
    private final AlertRepository alerts;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Duration refreshAfter;
    private final JobLocks jobs;
    private final SilentDeviceDetector detector;
    static final String JOB = "silent-device-watch";

    public SilentDeviceWatch(DeviceDirectory devices, Triage triage, AlertRepository alerts, AuditLog audit,
            Clock clock, PlatformTransactionManager transactions, JobLocks jobs,
            TriageSettings settings) {
        this.devices = devices;
        this.triage = triage;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.jobs = jobs;
        // Refresh well inside the window, so that the open alert is always found by triage's grouping.
        this.refreshAfter = Duration.ofHours(settings.windowHours()).dividedBy(2);
        this.detector = new SilentDeviceDetector(
                () -> devices.allForWatch().stream().map(SilentDeviceWatch::watched).toList(), clock, refreshAfter);
    }

    /** The detector that decides which device is silent; the pipeline may run it too (it notes arrivals). */
    public SilentDeviceDetector detector() {
        return detector;
    }

    static WatchedDevice watched(Device d) {
        return new WatchedDevice(new DeviceId(d.id()), new TenantId(d.tenantId()), d.name(),
                d.expectedIntervalMinutes(), d.disabled(), d.createdAt(), d.lastSeenAt());
    }

    /** What one check did. */
    public record Result(int raised, int escalated, int refreshed, int cleared) {
    }

    /** An open silent-device alert of a device. */
    private record Open(UUID id, UUID tenantId, String entity, String severity, String status, Instant lastSeen) {
    }

    @Scheduled(fixedDelayString = "${sukedachi.watch.check-ms:300000}",
            initialDelayString = "${sukedachi.watch.initial-delay-ms:60000}")
    public void scheduled() {
        try {
            Result r = check();
            if (r.raised() + r.escalated() + r.cleared() > 0) {
                log.info("silent-device watch: {} raised, {} escalated, {} cleared", r.raised(), r.escalated(),
                        r.cleared());
            }
        } catch (RuntimeException e) {
            log.warn("silent-device watch failed", e);
        }
    }

    /** One pass over all devices at the clock's time; nothing when another instance is checking right now. */
    public synchronized Result check() {
        Result r = transaction.execute(status -> jobs.tryLock(JOB) ? checkLocked() : null);
        return r != null ? r : new Result(0, 0, 0, 0);
    }

    private Result checkLocked() {
        Instant now = clock.instant();
        Map<String, Open> open = new HashMap<>();
        for (Open o : openAlerts()) {
            open.merge(o.tenantId() + "|" + o.entity(), o, (a, b) -> a.lastSeen().isAfter(b.lastSeen()) ? a : b);
        }
        List<Detection> told = new ArrayList<>();
        detector.advance(now.toEpochMilli(), told::add);
        int raised = 0;
        int escalated = 0;
        int refreshed = 0;
        int cleared = 0;
        Set<UUID> toldNow = new HashSet<>();
        for (Detection silence : told) {
            UUID device = silence.device().value();
            toldNow.add(device);
            Open o = open.get(silence.tenant().value() + "|" + entity(device));
            if (o == null) {
                triage.apply(List.of(silence));
                raised++;
            } else if (Severity.valueOf(o.severity()).compareTo(silence.severity()) < 0) {
                triage.apply(List.of(silence));
                escalated++;
            } else if (!o.lastSeen().plus(refreshAfter).isAfter(now)) {
                triage.apply(List.of(silence));
                refreshed++;
            }
        }
        for (Device d : devices.allForWatch()) {
            if (d.disabled() || toldNow.contains(d.id())) {
                continue;
            }
            Open o = open.get(d.tenantId() + "|" + entity(d.id()));
            boolean silent = detector.isSilent(watched(d), now.toEpochMilli());
            if (!silent && o != null && d.lastSeenAt() != null) {
                clear(d, o, now);
                cleared++;
            } else if (silent && o == null) {
                detector.forget(new DeviceId(d.id())); // its alert was closed while the silence lasts: raise it again
            }
        }
        return new Result(raised, escalated, refreshed, cleared);
    }

    private void clear(Device d, Open o, Instant now) {
        String note = Alert.Status.valueOf(o.status()) + " → CLOSED (BENIGN): data flows again, last seen "
                + d.lastSeenAt();
        transaction.executeWithoutResult(status -> {
            alerts.updateLifecycle(o.id(), Alert.Status.CLOSED, Alert.Resolution.BENIGN, null, now);
            alerts.addHistory(o.id(), now, SYSTEM, "STATUS", note);
            audit.recordAnonymous(SYSTEM, null, o.tenantId(), AuditAction.ALERT_STATUS_CHANGED, Outcome.SUCCESS,
                    "alert:" + o.id() + " " + note);
        });
    }

    private List<Open> openAlerts() {
        return alerts.openByRule(DETECTOR, RULE).stream()
                .map(r -> new Open(r.id(), r.tenantId(), r.entity(), r.severity(), r.status(), r.lastSeen())).toList();
    }

    /** The alert entity of a device: what {@link Triage#entity} gives a detection without evidence. */
    static String entity(UUID deviceId) {
        return "device:" + deviceId;
    }
}
