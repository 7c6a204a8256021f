package jp.sukedachi.app.triage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.triage.Alert.Evidence;
import jp.sukedachi.app.triage.AlertRepository.Suppression;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns detections into alerts.
 *
 * <p><b>Grouping.</b> Key = tenant + detector + rule id + entity. The entity is the local thing the detections
 * are about:
 * <ul>
 * <li>{@code intel} (the rule id is the indicator, e.g. {@code ipv4:203.0.113.66}): the local host talking to
 * the indicator — {@code host.name}, else {@code source.ip}; when the indicator matched the <em>source</em>
 * address (an inbound connection from a bad address) it is the destination host ({@code destination.ip}).</li>
 * <li>a detector that names it in the detection's context ({@code entity}): that (sensor verdicts do).</li>
 * <li>every other detector (Sigma, behaviour): {@code host.name}, else {@code source.ip}, else
 * {@code user.name}, else the device id.</li>
 * </ul>
 * An open (NEW or ACKNOWLEDGED) alert with the key whose last event is within the window
 * ({@code sukedachi.triage.window-hours}, 24 by default) before the batch's first event grows; otherwise a new
 * alert opens. A closed alert never grows: the next detection opens a new one.
 *
 * <p><b>Severity.</b> The highest hint of the detector over the alert's detections (the intel matcher's hint
 * already weighs the indicator's threat type and confidence; INFO counts as LOW), raised one step at
 * {@value #STEP_1} events and another at {@value #STEP_2}, never above CRITICAL. An alert's severity never
 * goes down. The asset's importance will join when the asset ledger exists.
 *
 * <p><b>Suppression.</b> Detections whose key or rule id has an active suppression (for their tenant or
 * provider-wide) produce nothing; they are counted on {@code sukedachi.triage.suppressed}.
 *
 * <p><b>Cost.</b> A batch is aggregated in memory first: one lookup and one insert or update per group, plus
 * at most {@link AlertRepository#EVIDENCE_CAP} evidence rows per alert.
 */
@Service
public class Triage {
    private static final Logger log = LoggerFactory.getLogger(Triage.class);
    static final long STEP_1 = 100;
    static final long STEP_2 = 10_000;

    private final AlertRepository alerts;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration window;
    private final Counter suppressed;
    private final Counter opened;
    @org.springframework.beans.factory.annotation.Autowired private org.springframework.context.ApplicationEventPublisher events; // notify: after commit

    public Triage(AlertRepository alerts, ObjectMapper json, Clock clock, MeterRegistry meters,
            @Value("${sukedachi.triage.window-hours:24}") long windowHours) {
        this.alerts = alerts;
        this.json = json;
        this.clock = clock;
        this.window = Duration.ofHours(windowHours);
        this.suppressed = meters.counter("sukedachi.triage.suppressed");
        this.opened = meters.counter("sukedachi.triage.alerts.opened");
    }

    /** What one apply did. */
    public record Outcome(int alertsOpened, int alertsGrown, long suppressed) {
    }

    /** Mutable sum of one group's detections in a batch. */
    private static final class Group {
        final UUID tenant;
        final String key;
        final Detection sample;
        final String entity;
        Severity hint;
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<Detection> evidence = new ArrayList<>();

        Group(UUID tenant, String key, Detection sample, String entity) {
            this.tenant = tenant;
            this.key = key;
            this.sample = sample;
            this.entity = entity;
            this.hint = sample.severity();
        }
    }

    @Transactional
    public Outcome apply(List<Detection> detections) {
        if (detections.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        Instant now = clock.instant();
        // Sorted: the groups' locks (below) are taken in one order by every instance, so they never deadlock.
        Map<String, Group> groups = new TreeMap<>();
        for (Detection d : detections) {
            if (d.tenant() == null) {
                continue;
            }
            String entity = entity(d);
            String key = d.detector() + "|" + d.ruleId() + "|" + entity;
            UUID tenant = d.tenant().value();
            Group g = groups.computeIfAbsent(tenant + "|" + key, k -> new Group(tenant, key, d, entity));
            g.count++;
            g.first = Math.min(g.first, d.timestampMillis());
            g.last = Math.max(g.last, d.timestampMillis());
            if (d.severity().compareTo(g.hint) > 0) {
                g.hint = d.severity();
            }
            if (g.evidence.size() < AlertRepository.EVIDENCE_CAP && d.evidence() != null) {
                g.evidence.add(d);
            }
        }
        List<Suppression> suppressions = alerts.activeSuppressions(now);
        int created = 0;
        int grown = 0;
        long dropped = 0;
        for (Group g : groups.values()) {
            if (suppressions.stream().anyMatch(s -> s.matches(g.tenant, g.key, g.sample.ruleId()))) {
                dropped += g.count;
                continue;
            }
            String keyHash = sha256(g.key);
            Instant first = Instant.ofEpochMilli(g.first);
            Instant last = Instant.ofEpochMilli(g.last);
            // Another instance on the same database may triage the same group right now: without the lock both
            // would find no open alert and open one each (and notify twice).
            alerts.lockGroup(g.tenant, keyHash);
            var open = alerts.findOpen(g.tenant, keyHash, first.minus(window));
            if (open.isPresent()) {
                Alert a = open.get();
                Severity base = max(Severity.valueOf(a.baseSeverity()), g.hint);
                long total = a.count() + g.count;
                Severity severity = max(Severity.valueOf(a.severity()), severity(base, total));
                int room = Math.max(0, AlertRepository.EVIDENCE_CAP - a.evidenceCount());
                List<Evidence> evidence = evidence(g.evidence.subList(0, Math.min(room, g.evidence.size())));
                alerts.grow(a.id(), g.count, evidence.size(), min(a.firstSeen(), first), max(a.lastSeen(), last),
                        base.name(), severity.name(), now);
                alerts.addEvidence(a.id(), evidence);
                if (severity != Severity.valueOf(a.severity())) {
                    alerts.addHistory(a.id(), now, null, "ESCALATED", a.severity() + " → " + severity);
                }
                grown++;
            } else {
                Severity base = max(Severity.LOW, g.hint);
                List<Evidence> evidence = evidence(g.evidence);
                Alert a = new Alert(UUID.randomUUID(), g.tenant, g.key, g.sample.detector(), g.sample.ruleId(),
                        g.entity, g.sample.title(), base.name(), severity(base, g.count).name(), Alert.Status.NEW, null,
                        null, g.count, evidence.size(), first, last, first, null, now, now);
                alerts.insert(a, keyHash);
                alerts.addEvidence(a.id(), evidence);
                alerts.addHistory(a.id(), now, null, "CREATED", null);
                created++;
            }
        }
        if (dropped > 0) {
            suppressed.increment(dropped);
            log.debug("triage suppressed {} detection(s)", dropped);
        }
        opened.increment(created);
        events.publishEvent(new Outcome(created, grown, dropped)); // notify listens after commit
        return new Outcome(created, grown, dropped);
    }

    /** The local entity a detection is about; see the class comment. */
    static String entity(Detection d) {
        String named = d.context().get("entity");
        if (named != null && !named.isBlank()) {
            return named; // the detector knows best (e.g. sensor verdicts: "blocked" groups a month of blocks)
        }
        SecurityEvent e = d.evidence();
        if (e != null) {
            if ("intel".equals(d.detector()) && Ecs.SOURCE_IP.equals(d.context().get("field"))) {
                String dst = e.get(Ecs.DESTINATION_IP);
                if (dst != null) {
                    return dst;
                }
            }
            for (String field : new String[] {Ecs.HOST_NAME, Ecs.SOURCE_IP, Ecs.USER_NAME}) {
                String v = e.get(field);
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        }
        return d.device() == null ? "-" : "device:" + d.device().value();
    }

    /** The hint raised by repetition: one step at {@value #STEP_1} events, two at {@value #STEP_2}. */
    static Severity severity(Severity base, long count) {
        int steps = count >= STEP_2 ? 2 : count >= STEP_1 ? 1 : 0;
        int level = Math.min(Severity.CRITICAL.ordinal(), Math.max(Severity.LOW.ordinal(), base.ordinal()) + steps);
        return Severity.values()[level];
    }

    private List<Evidence> evidence(List<Detection> detections) {
        List<Evidence> out = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            out.add(new Evidence(Instant.ofEpochMilli(d.timestampMillis()),
                    json.writeValueAsString(d.evidence().ecsFields()), d.evidence().raw()));
        }
        return out;
    }

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
