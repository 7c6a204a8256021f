package jp.sukedachi.app.triage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.triage.Alert.Evidence;
import jp.sukedachi.app.triage.AlertRepository.Suppression;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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
 * ({@link TriageSettings#windowHours()}, 24 by default) before the batch's first event grows; otherwise a new
 * alert opens. A closed alert never grows: the next detection opens a new one.
 *
 * <p><b>Category.</b> The one the detectors decided, never read from a title: the group's first detection's. The
 * detections of one group (same detector, rule and entity) nearly always agree; when they do not, and when a
 * growing alert receives a detection of another category, the more serious one by {@link #SERIOUSNESS} wins, so
 * an SME is never told less than the worst thing seen.
 *
 * <p><b>Severity.</b> The highest hint of the detector over the alert's detections (the intel matcher's hint
 * already weighs the indicator's threat type and confidence; INFO counts as LOW), raised one step at
 * {@value #STEP_1} events and another at {@value #STEP_2}, never above CRITICAL. An alert's severity never
 * goes down.
 *
 * <p><b>Suppression.</b> Detections whose key or rule id has an active suppression (for their tenant or
 * provider-wide) produce nothing; they are counted on {@code sukedachi.triage.suppressed}.
 *
 * <p><b>Events.</b> {@link AlertRaised} once per new alert and {@link AlertEscalated} when an alert's severity
 * rises, published inside the transaction (listeners that reach outside act after commit).
 *
 * <p><b>Cost.</b> A batch is aggregated in memory first: one lookup and one insert or update per group, plus
 * at most {@link AlertRepository#EVIDENCE_CAP} evidence rows per alert.
 */
@Service
public class Triage {
    private static final Logger log = LoggerFactory.getLogger(Triage.class);
    static final long STEP_1 = 100;
    static final long STEP_2 = 10_000;
    /**
     * Categories from the most to the least serious, for detections of one alert that disagree: what calls for the
     * quickest response first (handbook §2.1: ransomware, a remote-controlled machine, malware got in), then
     * attempts on people and accounts, then what weakens the watch, and last what was already stopped.
     */
    static final List<Category> SERIOUSNESS = List.of(Category.RANSOMWARE, Category.C2, Category.MALWARE_DOWNLOAD,
            Category.PHISHING, Category.CAMPAIGN, Category.PASSWORD_GUESSING, Category.BEACONING, Category.MAIL_BURST,
            Category.UNKNOWN_DEVICE, Category.SILENT_DEVICE, Category.OUTDATED_OS, Category.SCAN, Category.OTHER,
            Category.BLOCKED);

    private final AlertRepository alerts;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration window;
    private final Counter suppressed;
    private final Counter opened;
    private final ApplicationEventPublisher events;
    private final DetectionRepository detections;

    public Triage(AlertRepository alerts, DetectionRepository detections, ObjectMapper json, Clock clock,
            MeterRegistry meters, TriageSettings settings, ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.detections = detections;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.window = Duration.ofHours(settings.windowHours());
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
        Category category;
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
            this.category = sample.category();
        }
    }

    /** Keeps a batch's detections in the detection log and triages them, in one transaction (the pipeline's). */
    @Transactional
    public Outcome keep(List<Detection> batch, Instant now) {
        detections.insert(batch, now);
        return apply(batch);
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
            g.category = moreSerious(g.category, d.category());
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
            String keyHash = Hashes.sha256(g.key);
            Instant first = Instant.ofEpochMilli(g.first);
            Instant last = Instant.ofEpochMilli(g.last);
            // Another instance on the same database may triage the same group right now: without the lock both
            // would find no open alert and open one each (and notify twice).
            alerts.lockGroup(g.tenant, keyHash);
            var open = alerts.findOpen(g.tenant, keyHash, first.minus(window));
            if (open.isPresent()) {
                Alert a = open.get();
                Severity base = max(a.baseSeverity(), g.hint);
                long total = a.count() + g.count;
                Severity severity = max(a.severity(), severity(base, total));
                Category category = moreSerious(a.category(), g.category);
                int room = Math.max(0, AlertRepository.EVIDENCE_CAP - a.evidenceCount());
                List<Evidence> evidence = evidence(g.evidence.subList(0, Math.min(room, g.evidence.size())));
                alerts.grow(a, g.count, evidence.size(), min(a.firstSeen(), first), max(a.lastSeen(), last),
                        base, severity, category, now);
                alerts.addEvidence(a.id(), evidence);
                if (severity != a.severity()) {
                    alerts.addHistory(a.id(), now, null, "ESCALATED", a.severity() + " → " + severity);
                    events.publishEvent(new AlertEscalated(a.id(), a.tenantId(), category, a.severity(), severity));
                }
                grown++;
            } else {
                Severity base = max(Severity.LOW, g.hint);
                List<Evidence> evidence = evidence(g.evidence);
                Alert a = new Alert(UUID.randomUUID(), g.tenant, g.key, g.sample.detector(), g.sample.ruleId(),
                        g.entity, g.sample.title(), g.category, base, severity(base, g.count), Alert.Status.NEW, null,
                        null, g.count, evidence.size(), first, last, first, null, now, now);
                alerts.insert(a, keyHash);
                alerts.addEvidence(a.id(), evidence);
                alerts.addHistory(a.id(), now, null, "CREATED", null);
                events.publishEvent(new AlertRaised(a.id(), a.tenantId(), a.category(), a.severity()));
                created++;
            }
        }
        if (dropped > 0) {
            suppressed.increment(dropped);
            log.debug("triage suppressed {} detection(s)", dropped);
        }
        opened.increment(created);
        return new Outcome(created, grown, dropped);
    }

    /**
     * The local entity a detection is about (see the class comment): what its alert groups by, for capabilities
     * that follow a detection to its alert (the campaign correlation).
     */
    public static String entityOf(Detection d) {
        return entity(d);
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

    /** The more serious of two categories by {@link #SERIOUSNESS}. */
    static Category moreSerious(Category a, Category b) {
        return SERIOUSNESS.indexOf(b) < SERIOUSNESS.indexOf(a) ? b : a;
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

}
