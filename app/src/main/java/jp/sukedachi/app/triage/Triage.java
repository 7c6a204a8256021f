package jp.sukedachi.app.triage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.triage.Alert.Evidence;
import jp.sukedachi.app.triage.AlertRepository.Suppression;
import jp.sukedachi.detect.sensor.SensorVerdicts;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.StageTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns detections into alerts, and decides what needs a human.
 *
 * <p><b>Needs a human.</b> Every alert triage opens needs a human, by definition: that is the queue a person must be
 * able to empty, the funnel's step "alerts needing a human", the counter {@code alerts_human} and the monthly
 * report's {@code alertsNeedingHuman} ({@link Alert#needsHuman()}; only alerts opened for blocked detections before
 * V37 do not). So triage opens none for what only needs counting:
 * <ul>
 * <li><b>Counted, not alerted.</b> A detection of category BLOCKED (the customer's own device stopped it; sensor
 * verdicts) and LOW (or INFO) noise from the Internet (context {@code origin = internet}: scans and guessing that
 * reach the perimeter) are kept in the detection log and counted (detections; BLOCKED also as {@code blocked}) but
 * open no alert, unless one of these escalates them:</li>
 * <li><b>(a) from inside the LAN</b>: a BLOCKED verdict whose source address is private (a PC that tried to
 * download ransomware the UTM's antivirus stopped, a worm the IPS stopped), except the policy filters (web filter,
 * application control: an employee's blocked site is the filter doing its job). Alert key: detector + rule +
 * {@code lan}, so every attempt of one signature from the office's PCs is one growing alert (the demo's 129 blocked
 * ransomware downloads from several PCs: one alert raised by repetition); its entity is the first PC
 * ({@code host.name}, else {@code source.ip}), the evidence names the others.</li>
 * <li><b>(b) aimed at a watched host</b>: its destination (or its {@code entity}) is a local host with an open
 * BEACONING or C2 alert (already open, or opened by the same batch). Key: detector + rule + that host.</li>
 * <li><b>(c) a burst</b>: the company's BLOCKED detections of the Japan day reach
 * {@link TriageSettings#burstMinimum()} (200) and exceed {@link TriageSettings#burstFactor()} (10) times its median
 * day over the {@link TriageSettings#baselineDays()} (14) days before (days without anything counted are 0; the rule
 * waits until the company sent events on at least half of them). One alert per company and day ("unusually many
 * attacks were blocked today", rule {@value #BURST_RULE}, entity {@code blocked}); it opens with the day's count so far
 * and grows with every later blocked detection of the day.</li>
 * </ul>
 *
 * <p><b>Grouping.</b> A detection about one connection between a local host and a remote address groups by
 * <em>(local host, remote address)</em>, whatever the detector: key {@code flow|local|remote}, so an IDS signature
 * and intelligence on the same flow are one alert. The remote address is the context's {@code remote} (behaviour
 * detectors), for {@code intel} the matched source or destination address (a matched domain or URL: the flow's
 * public destination address, else the domain), for a sensor verdict that passed the public side of the two
 * addresses; the local host is the private side, else the entity below. Sigma detections not about a connection
 * group by host: key {@code sigma|host|entity}, every rule listed on the one alert, because one attack chain on a
 * PC fires many rules within minutes (Word starting PowerShell, an encoded command, rundll32 …: nine alerts for one
 * infected laptop in the demo before this) and the analyst works the PC, not the rule. A Sigma correlation
 * ("whoami three times on one computer") stays its own alert by rule: its count is the finding. Every other detection (a
 * file hash, an account) groups by tenant + detector + rule id + entity, the entity being the local thing it is
 * about:
 * <ul>
 * <li>{@code intel}: the local host talking to the indicator — {@code host.name}, else {@code source.ip}; when the
 * indicator matched the <em>source</em> address (an inbound connection from a bad address) the destination host
 * ({@code destination.ip}).</li>
 * <li>a detector that names it in the detection's context ({@code entity}): that.</li>
 * <li>every other detector (Sigma, behaviour): {@code host.name}, else {@code source.ip}, else {@code user.name}, else
 * the device id.</li>
 * </ul>
 * An open (NEW or ACKNOWLEDGED) alert with the key whose last event is within the window
 * ({@link TriageSettings#windowHours()}, 24 by default) before the batch's first event grows; otherwise a new
 * alert opens. A closed alert never grows: the next detection opens a new one. The alert keeps its first detection's
 * detector, rule id and title, and records every detector and rule that contributed ({@link Alert#detectors()},
 * {@link Alert#ruleIds()}).
 *
 * <p><b>Category.</b> The one the detectors decided, never read from a title: the group's first detection's. When the
 * detections of one alert disagree (two detectors on one flow), the more serious one by {@link #SERIOUSNESS} wins, so
 * an SME is never told less than the worst thing seen.
 *
 * <p><b>Severity.</b> The highest hint of the detectors over the alert's detections (the intel matcher's hint
 * already weighs the indicator's threat type and confidence; INFO counts as LOW; the burst alert's hint is LOW and its
 * count, at least 200, raises it), raised one step at {@value #STEP_1} events and another at {@value #STEP_2}, never
 * above CRITICAL. An alert's severity never goes down.
 *
 * <p><b>Suppression.</b> A detection whose key (or the key it had before V37, detector + rule + entity) or rule id has
 * an active suppression (for its tenant or provider-wide) produces nothing; counted on
 * {@code sukedachi.triage.suppressed}. A suppression keyed on a connection ({@code flow|…}) or a PC's Sigma alert
 * ({@code sigma|host|…}) matches only a detection whose rule id is among the suppression's rule ids: the rules of
 * the alert it was made from, which {@link AlertService#suppress} stores in the rule column when none is typed (no
 * schema change). So silencing an IDS signature's noise on a connection leaves a C2 indicator on it later, and
 * silencing one Sigma rule on a PC leaves the ransomware rule on that PC ({@link AlertRepository.Suppression}). Counted-only detections are counted on {@code sukedachi.triage.counted}.
 *
 * <p><b>Events.</b> {@link AlertRaised} once per new alert and {@link AlertEscalated} when an alert's severity
 * rises, published inside the transaction (listeners that reach outside act after commit).
 *
 * <p><b>Cost.</b> A batch is aggregated in memory first: one lookup and one insert or update per group, plus
 * at most {@link AlertRepository#EVIDENCE_CAP} evidence rows per alert; per company in the batch with counted-only
 * detections, one read of its watched hosts and one of its day counters.
 */
@Service
public class Triage {
    private static final Logger log = LoggerFactory.getLogger(Triage.class);
    static final long STEP_1 = 100;
    static final long STEP_2 = 10_000;
    private static final String SIGMA = "sigma";
    private static final String HOST = "host";
    /** Set on a Sigma correlation's detection (its count): a correlation is its own alert, not the PC's. */
    private static final String SIGMA_CORRELATION = "sigma.correlation.count";
    /** The first part of the key of an alert about one connection: {@code flow|local|remote}. */
    static final String FLOW = "flow";
    /** The rule id of the burst alert (c). */
    public static final String BURST_RULE = "blocked-burst";
    /** The categories whose open alert makes a host watched (escalation b). */
    static final Set<Category> WATCHED = EnumSet.of(Category.BEACONING, Category.C2);
    /** The sensor sources that are policy filters: their blocks from inside the LAN do not escalate. */
    static final Set<String> POLICY_FILTERS = Set.of("fortigate-web", "fortigate-app");
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
    private final FunnelCountRepository counts;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration window;
    private final TriageSettings settings;
    private final Counter suppressed;
    private final Counter opened;
    private final Counter countedOnly;
    private final ApplicationEventPublisher events;
    private final DetectionRepository detections;

    public Triage(AlertRepository alerts, DetectionRepository detections, FunnelCountRepository counts,
            ObjectMapper json, Clock clock, MeterRegistry meters, TriageSettings settings,
            ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.detections = detections;
        this.counts = counts;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.window = Duration.ofHours(settings.windowHours());
        this.suppressed = meters.counter("sukedachi.triage.suppressed");
        this.opened = meters.counter("sukedachi.triage.alerts.opened");
        this.countedOnly = meters.counter("sukedachi.triage.counted");
    }

    /**
     * What one apply did; {@code counted}: detections counted only, no alert (see the class comment);
     * {@code alerted}: each detection that went into an alert, in batch order, with that alert's id (what the
     * campaign correlation follows: never a suppressed or counted-only detection, never a re-derived key).
     */
    public record Outcome(int alertsOpened, int alertsGrown, long suppressed, long counted, List<Alerted> alerted) {
        public Outcome(int alertsOpened, int alertsGrown, long suppressed, long counted) {
            this(alertsOpened, alertsGrown, suppressed, counted, List.of());
        }

        public Outcome {
            alerted = List.copyOf(alerted);
        }
    }

    /** A detection triage put into an alert, that alert and its entity (the local thing it is about). */
    public record Alerted(Detection detection, UUID alertId, String entity) {
    }

    /** Mutable sum of one group's detections in a batch. */
    private static final class Group {
        final UUID tenant;
        final String key;
        final Detection sample;
        final String entity;
        final String title;
        final String ruleId;
        Severity hint;
        Category category;
        long count;
        /** The count a new alert opens with when more than the group's own (the burst alert: the day's so far). */
        long openingCount;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<Detection> evidence = new ArrayList<>();
        final Set<String> detectors = new LinkedHashSet<>();
        final Set<String> rules = new LinkedHashSet<>();
        /** Every detection of the group (the batch's; bounded by the batch), to tell each its alert. */
        final List<Detection> members = new ArrayList<>();

        Group(UUID tenant, String key, Detection sample, String entity, String ruleId, String title, Severity hint) {
            this.tenant = tenant;
            this.key = key;
            this.sample = sample;
            this.entity = entity;
            this.ruleId = ruleId;
            this.title = title;
            this.hint = hint;
            this.category = sample.category();
        }

        void add(Detection d) {
            members.add(d);
            count++;
            first = Math.min(first, d.timestampMillis());
            last = Math.max(last, d.timestampMillis());
            if (d.severity().compareTo(hint) > 0) {
                hint = d.severity();
            }
            category = moreSerious(category, d.category());
            detectors.add(d.detector());
            if (rules.size() < Alert.RULES_CAP) {
                rules.add(d.ruleId());
            }
            if (evidence.size() < AlertRepository.EVIDENCE_CAP && d.evidence() != null) {
                evidence.add(d);
            }
        }
    }

    /** Keeps a batch's detections in the detection log and triages them, in one transaction (the pipeline's). */
    @Transactional
    public Outcome keep(List<Detection> batch, Instant now) {
        long cpu = StageTimes.cpu();
        detections.insert(batch, now);
        cpu = StageTimes.lap("store: detection log", cpu);
        Outcome outcome = apply(batch);
        StageTimes.lap("store: triage (alerts, evidence)", cpu);
        return outcome;
    }

    @Transactional
    public Outcome apply(List<Detection> detections) {
        if (detections.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        Instant now = clock.instant();
        List<Suppression> suppressions = alerts.activeSuppressions(now);
        // Hosts opened as beaconing or C2 by this very batch are watched too (escalation b).
        Map<UUID, Set<String>> watchedInBatch = new HashMap<>();
        for (Detection d : detections) {
            if (d.tenant() != null && WATCHED.contains(d.category()) && !countedOnly(d)) {
                Set<String> hosts = watchedInBatch.computeIfAbsent(d.tenant().value(), t -> new HashSet<>());
                hosts.add(entity(d));
                String[] flow = flow(d);
                if (flow != null) {
                    hosts.add(flow[0]);
                }
            }
        }
        Map<UUID, Set<String>> watched = new HashMap<>();
        // Sorted: the groups' locks (below) are taken in one order by every instance, so they never deadlock.
        Map<String, Group> groups = new TreeMap<>();
        Map<String, Burst> bursts = new TreeMap<>();
        long dropped = 0;
        long counted = 0;
        for (Detection d : detections) {
            if (d.tenant() == null) {
                continue;
            }
            UUID tenant = d.tenant().value();
            String entity;
            String key;
            if (countedOnly(d)) {
                String[] target = escalation(d, watched.computeIfAbsent(tenant, t -> {
                    Set<String> hosts = new HashSet<>(alerts.openHosts(t, WATCHED));
                    hosts.addAll(watchedInBatch.getOrDefault(t, Set.of()));
                    return hosts;
                }));
                if (d.category() == Category.BLOCKED) {
                    String day = FunnelCountRepository.day(Instant.ofEpochMilli(d.timestampMillis())).toString();
                    Burst b = bursts.computeIfAbsent(tenant + "|" + day, k -> new Burst(tenant, day));
                    b.blocked++;
                    if (target == null) {
                        b.unescalated.add(d);
                    }
                }
                if (target == null) {
                    counted++;
                    continue;
                }
                entity = target[0];
                key = d.detector() + "|" + d.ruleId() + "|" + target[1];
            } else {
                entity = entity(d);
                key = groupKeyOf(d);
            }
            String legacyKey = d.detector() + "|" + d.ruleId() + "|" + entity;
            if (suppressed(suppressions, tenant, key, legacyKey, d.ruleId())) {
                dropped++;
                continue;
            }
            String e = entity;
            String k = key;
            groups.computeIfAbsent(tenant + "|" + key,
                    x -> new Group(tenant, k, d, e, d.ruleId(), d.title(), d.severity())).add(d);
        }
        for (Burst b : bursts.values()) {
            dropped += burst(b, groups, suppressions);
        }
        int created = 0;
        int grown = 0;
        Map<Detection, Alert> alertOf = new IdentityHashMap<>();
        for (Group g : groups.values()) {
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
                        base, severity, category, union(a.detectors(), g.detectors, Integer.MAX_VALUE),
                        union(a.ruleIds(), g.rules, Alert.RULES_CAP), now);
                alerts.addEvidence(a.id(), evidence);
                if (severity != a.severity()) {
                    alerts.addHistory(a.id(), now, null, "ESCALATED", a.severity() + " → " + severity);
                    events.publishEvent(new AlertEscalated(a.id(), a.tenantId(), category, a.severity(), severity));
                }
                g.members.forEach(d -> alertOf.put(d, a));
                grown++;
            } else {
                Severity base = max(Severity.LOW, g.hint);
                List<Evidence> evidence = evidence(g.evidence);
                long count = Math.max(g.count, g.openingCount);
                Alert a = new Alert(UUID.randomUUID(), g.tenant, g.key, g.sample.detector(), g.ruleId,
                        g.entity, g.title, g.category, base, severity(base, count), Alert.Status.NEW, null,
                        null, count, evidence.size(), first, last, first, null, now, now,
                        List.copyOf(g.detectors), List.copyOf(g.rules), true);
                alerts.insert(a, keyHash);
                alerts.addEvidence(a.id(), evidence);
                alerts.addHistory(a.id(), now, null, "CREATED", null);
                events.publishEvent(new AlertRaised(a.id(), a.tenantId(), a.category(), a.severity()));
                g.members.forEach(d -> alertOf.put(d, a));
                created++;
            }
        }
        if (dropped > 0) {
            suppressed.increment(dropped);
            log.debug("triage suppressed {} detection(s)", dropped);
        }
        opened.increment(created);
        countedOnly.increment(counted);
        List<Alerted> alerted = new ArrayList<>(alertOf.size());
        for (Detection d : detections) {
            Alert a = alertOf.remove(d); // remove: a detection listed twice in a batch is told once
            if (a != null) {
                alerted.add(new Alerted(d, a.id(), a.entity()));
            }
        }
        return new Outcome(created, grown, dropped, counted, alerted);
    }

    /** One company's blocked detections of one Japan day in a batch (escalation c). */
    private static final class Burst {
        final UUID tenant;
        final String day;
        long blocked;
        final List<Detection> unescalated = new ArrayList<>();

        Burst(UUID tenant, String day) {
            this.tenant = tenant;
            this.day = day;
        }
    }

    /**
     * Escalation (c): when the day's blocked detections, committed and of this batch, are a burst over the company's
     * baseline, the batch's unescalated ones go to the day's burst alert. Returns how many were suppressed.
     */
    private long burst(Burst b, Map<String, Group> groups, List<Suppression> suppressions) {
        if (b.unescalated.isEmpty()) {
            return 0;
        }
        LocalDate day = LocalDate.parse(b.day);
        int days = settings.baselineDays();
        long today = b.blocked;
        long[] baseline = new long[days];
        int known = 0;
        for (var row : counts.blockedDays(b.tenant, day.minusDays(days), day)) {
            if (row.day().equals(day)) {
                today += row.blocked();
            } else {
                baseline[(int) (day.toEpochDay() - row.day().toEpochDay() - 1)] = row.blocked();
                if (row.events() > 0 || row.blocked() > 0) {
                    known++;
                }
            }
        }
        if (known * 2 < days || !isBurst(today, median(baseline), settings.burstMinimum(), settings.burstFactor())) {
            return 0;
        }
        String key = BURST_RULE + "|" + b.day;
        if (suppressed(suppressions, b.tenant, key, key, BURST_RULE)) {
            return b.unescalated.size();
        }
        Detection first = b.unescalated.getFirst();
        Group g = new Group(b.tenant, key, first, "blocked", BURST_RULE,
                "Unusually many attacks were blocked today (" + today + ", usual day " + median(baseline) + ")",
                Severity.LOW);
        b.unescalated.forEach(g::add);
        // Opened, it counts the day's blocked detections so far; grown, the batch's (see the class comment).
        g.openingCount = today;
        groups.put(b.tenant + "|" + key, g);
        return 0;
    }

    /** Whether a day's blocked count is a burst over a median day: at least {@code minimum}, above factor × median. */
    static boolean isBurst(long today, long median, int minimum, int factor) {
        return today >= minimum && today > (long) factor * median;
    }

    /** The median of some counts (the lower middle one of an even number). */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
    }

    /** Whether a detection is only counted unless it escalates: BLOCKED, or LOW noise from the Internet. */
    static boolean countedOnly(Detection d) {
        return d.category() == Category.BLOCKED
                || ("internet".equals(d.context().get("origin")) && d.severity().compareTo(Severity.LOW) <= 0);
    }

    /**
     * Why a counted-only detection escalates, as {entity, the key's last part}: (a) from the LAN, {the PC, "lan"};
     * (b) aimed at a watched host, {that host, that host}; null when it stays a statistic. The burst (c) is decided
     * per company and day.
     */
    static String[] escalation(Detection d, Set<String> watched) {
        SecurityEvent e = d.evidence();
        String src = e == null ? null : e.get(Ecs.SOURCE_IP);
        if (d.category() == Category.BLOCKED && src != null && isPrivate(src)
                && !POLICY_FILTERS.contains(String.valueOf(d.context().get("source")))) {
            String host = e.get(Ecs.HOST_NAME);
            return new String[] {host != null && !host.isBlank() ? host : src, "lan"};
        }
        List<String> targets = new ArrayList<>(3);
        if (e != null) {
            targets.add(e.get(Ecs.DESTINATION_IP));
            targets.add(e.get(Ecs.HOST_NAME));
        }
        targets.add(d.context().get("entity"));
        for (String t : targets) {
            if (t != null && !t.isBlank() && !"blocked".equals(t) && watched.contains(t)) {
                return new String[] {t, t};
            }
        }
        return null;
    }

    /**
     * The connection a detection is about, {local host, remote address}, or null when it is not about one (see the
     * class comment).
     */
    static String[] flow(Detection d) {
        SecurityEvent e = d.evidence();
        String src = e == null ? null : e.get(Ecs.SOURCE_IP);
        String dst = e == null ? null : e.get(Ecs.DESTINATION_IP);
        String remote = d.context().get("remote");
        if (remote == null || remote.isBlank()) {
            remote = null;
            if ("intel".equals(d.detector()) && e != null) {
                String field = d.context().get("field");
                if (Ecs.SOURCE_IP.equals(field)) {
                    remote = src;
                } else if (Ecs.DESTINATION_IP.equals(field)) {
                    remote = dst;
                } else if (Ecs.URL_DOMAIN.equals(field) || Ecs.TLS_SERVER_NAME.equals(field)
                        || Ecs.URL_FULL.equals(field) || Ecs.DNS_QUESTION_NAME.equals(field)) {
                    remote = dst != null && !isPrivate(dst) && !Ecs.DNS_QUESTION_NAME.equals(field) ? dst
                            : e.get(field);
                }
            } else if ("sensor".equals(d.detector()) && src != null && dst != null) {
                remote = isPrivate(src) && !isPrivate(dst) ? dst : isPrivate(dst) && !isPrivate(src) ? src : null;
            }
        }
        if (remote == null || remote.isBlank()) {
            return null;
        }
        String local = src != null && isPrivate(src) && !src.equals(remote) ? src
                : dst != null && isPrivate(dst) && !dst.equals(remote) ? dst : entity(d);
        return local == null || local.equals(remote) ? null : new String[] {local, remote};
    }

    /** Whether an address is private (RFC 1918, IPv6 unique local): the same rule as the sensor verdicts'. */
    static boolean isPrivate(String ip) {
        return SensorVerdicts.isPrivate(ip);
    }

    private static boolean suppressed(List<Suppression> suppressions, UUID tenant, String key, String legacyKey,
            String rule) {
        for (Suppression s : suppressions) {
            if (s.matches(tenant, key, rule) || s.matches(tenant, legacyKey, rule)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> union(List<String> had, Set<String> added, int cap) {
        Set<String> all = new LinkedHashSet<>(had);
        for (String a : added) {
            if (all.size() >= cap) {
                break;
            }
            all.add(a);
        }
        return List.copyOf(all);
    }

    /**
     * The group key an alerted (not counted-only) detection goes into: its connection ({@code flow|local|remote})
     * when it is about one, Sigma by host, else detector, rule and entity.
     */
    static String groupKeyOf(Detection d) {
        String[] flow = flow(d);
        if (flow != null) {
            return FLOW + "|" + flow[0] + "|" + flow[1];
        }
        if (SIGMA.equals(d.detector()) && !d.context().containsKey(SIGMA_CORRELATION)) {
            return SIGMA + "|" + HOST + "|" + entity(d);
        }
        return d.detector() + "|" + d.ruleId() + "|" + entity(d);
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
