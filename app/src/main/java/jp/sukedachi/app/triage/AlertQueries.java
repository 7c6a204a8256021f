package jp.sukedachi.app.triage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.triage.AlertRepository.QueueFilter;
import org.springframework.stereotype.Service;
import java.util.Map;
import java.util.Collection;
import jp.sukedachi.event.Category;
import java.util.Optional;

/**
 * Triage's read API for other capabilities (the home page, the demo): alerts and detections as the actor may see
 * them. Every method takes the actor; tenant scope stays in the repositories it delegates to.
 */
@Service
public class AlertQueries {
    private final AlertRepository alerts;
    private final DetectionRepository detections;
    private final FunnelRepository funnels;
    private final Clock clock;

    AlertQueries(AlertRepository alerts, DetectionRepository detections,
            FunnelRepository funnels, Clock clock) {
        this.alerts = alerts;
        this.detections = detections;
        this.funnels = funnels;
        this.clock = clock;
    }

    /**
     * The numbers staff read on the home, the queue and the funnel, each from one place so that they agree: today's
     * funnel (Japan day), the alerts open in the queue's default view, and the open incidents.
     */
    public record StaffCounts(LocalDate day, Funnel today, long openAlerts, long openIncidents) {
    }

    public StaffCounts staffCounts(Actor actor) {
        LocalDate day = FunnelCountRepository.day(clock.instant());
        return staffCounts(actor, funnels.dayAndMonth(actor, day));
    }

    /** The same, with a funnel the caller has read already (the funnel page). */
    public StaffCounts staffCounts(Actor actor, FunnelRepository.DayAndMonth read) {
        return new StaffCounts(FunnelCountRepository.day(read.day().from()), read.day(), alerts.countOpen(actor),
                funnels.countOpenIncidents(actor));
    }

    /** One alert, when the actor may see it. */
    public Optional<Alert> alert(Actor actor, UUID id) {
        return alerts.find(actor, id);
    }

    /** The newest alerts of one company, every status. */
    public List<Alert> alertsOf(Actor actor, UUID tenantId, int limit) {
        return alerts.findByTenant(actor, tenantId, null, null, limit);
    }

    /** The first page of the open queue (new or acknowledged) over every company the actor may see, in its order. */
    public List<Alert> openAlerts(Actor actor, int limit) {
        return alerts.queue(actor, new QueueFilter("OPEN", null, null, null, null, AlertRepository.Order.NEEDS_ACTION),
                0, limit);
    }

    /**
     * The alerts of one company first seen in {@code [from, to)} (the usage statement), counted by severity and
     * where they stand now (open, or closed with which resolution); nothing when not the actor's to see.
     */
    public List<AlertRepository.OutcomeCount> outcomesBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return alerts.outcomesBetween(actor, tenantId, from, to);
    }

    /** A period in which the silent-device watch had an alert open for a device: when it was raised and closed. */
    public record SilentSpell(UUID deviceId, Instant alarmedAt, Instant closedAt) {
    }

    /**
     * The silent-device alerts of one company open at some time in {@code [from, to)}, oldest first: the periods in
     * which the watch said a device sent nothing. Closed at null while still open.
     */
    public List<SilentSpell> silentSpellsBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return alerts.spellsBetween(actor, tenantId, SilentDeviceWatch.DETECTOR, SilentDeviceWatch.RULE, from, to)
                .stream().filter(s -> s.entity().startsWith("device:"))
                .map(s -> new SilentSpell(UUID.fromString(s.entity().substring("device:".length())), s.firstSeen(),
                        s.closedAt()))
                .toList();
    }

    /** The newest detections of one company. */
    public List<StoredDetection> detectionsOf(Actor actor, UUID tenantId, int limit) {
        return detections.findByTenant(actor, tenantId, limit);
    }

    /** The newest detections of every company the actor may see. */
    public List<StoredDetection> recentDetections(Actor actor, int limit) {
        return detections.findVisible(actor, limit);
    }

    // ------------------------------------------------------------------------------------ the monthly report

    /** The funnel of one company over {@code [from, to)} counted from the rows (events, detections, alerts, incidents). */
    public Funnel funnelBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return funnels.funnel(actor, tenantId, from, to);
    }

    /** Detections of one company in {@code [from, to)} by category (BLOCKED: what its own device stopped). */
    public Map<Category, Long> detectionCategoriesBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return detections.categoriesBetween(actor, tenantId, from, to);
    }

    /** A detection title and how often it was seen. */
    public record TitleCount(String title, long count) {
    }

    /** The most frequent titles, and how many different titles there were in all (so a cut list can say so). */
    public record TitleCounts(List<TitleCount> top, long kinds) {
    }

    /** The {@code limit} most frequent detection titles of one category in {@code [from, to)}. */
    public TitleCounts detectionTitlesBetween(Actor actor, UUID tenantId, Category category, Instant from, Instant to,
            int limit) {
        return detections.titlesBetween(actor, tenantId, category, from, to, limit);
    }

    /** Alerts of one company first seen in {@code [from, to)} by category. */
    public Map<Category, Long> alertCategoriesBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return alerts.categoriesBetween(actor, tenantId, from, to);
    }

    /** Alerts of one company first seen in {@code [from, to)} in the given categories, oldest first, at most limit. */
    public List<Alert> alertsFirstSeenBetween(Actor actor, UUID tenantId, Instant from, Instant to,
            Collection<Category> categories, int limit) {
        return alerts.firstSeenBetween(actor, tenantId, from, to, categories, limit);
    }

    /** How many of those alerts are still open now: counted, never read from a capped list. */
    public long openFirstSeenBetween(Actor actor, UUID tenantId, Instant from, Instant to,
            Collection<Category> categories) {
        return alerts.countOpenFirstSeenBetween(actor, tenantId, from, to, categories);
    }

    /** Alerts of one company first seen in {@code [from, to)} that need a human (see {@link Triage}), oldest first. */
    public List<Alert> needingHumanFirstSeenBetween(Actor actor, UUID tenantId, Instant from, Instant to, int limit) {
        return alerts.needingHumanBetween(actor, tenantId, from, to, limit);
    }

    /** How many of those alerts are still open now: counted, never read from a capped list. */
    public long openNeedingHumanFirstSeenBetween(Actor actor, UUID tenantId, Instant from, Instant to) {
        return alerts.countOpenNeedingHumanBetween(actor, tenantId, from, to);
    }
}
