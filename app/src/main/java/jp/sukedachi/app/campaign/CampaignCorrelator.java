package jp.sukedachi.app.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.campaign.CampaignRepository.Campaign;
import jp.sukedachi.app.campaign.CampaignRepository.Sighting;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.detect.campaign.CampaignKeys;
import jp.sukedachi.detect.campaign.CampaignKeys.Key;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.TenantId;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider-level {@code campaign} detector (issue 19): the same key (see {@link CampaignKeys}: an intel
 * indicator, an attachment hash, a sender domain, a mail subject, a Sigma rule with its parent/child processes) on
 * detections of two or more companies within the window ({@link CampaignSettings#windowDays()}, 7 by default) is
 * one campaign linking those companies' alerts.
 *
 * <p><b>Why in the database and not a {@code Detector}.</b> A campaign needs every company's detections, while the
 * pipeline's detectors see one company's stream each (the cluster runtime partitions the streams by company). So
 * the correlation runs here, inside the transaction that keeps a batch's detections (called by the pipeline right
 * after {@link Triage#keep}, with the detections triage put into alerts and those alerts), over the provider-wide {@code campaign_sighting} table. Only detections carry keys,
 * never plain events, so the table grows with detections (thousands a day), not events.
 *
 * <p><b>One campaign per key, whichever instance.</b> The batch's keys are locked (their {@code campaign_key} rows,
 * {@code select … for update}) in one sorted order before anything is read, so two instances correlating the same
 * key wait for each other and the second sees the first's campaign; the order rules out a deadlock between them.
 * A key whose campaign was last seen more than a window ago starts afresh. A key that reaches two companies while
 * one of its sightings already belongs to a live campaign (another key of the same detection, say the sender
 * domain next to the attachment's hash) joins that campaign instead of opening a second one.
 *
 * <p><b>An alert at every company.</b> Each company's entity newly linked to a campaign gets one detection of
 * detector {@value CampaignKeys#DETECTOR}, {@link Category#CAMPAIGN}, rule {@code campaign:<short id>} and the same
 * entity as its original alert, through {@link Triage} in the same transaction — including the companies seen
 * before the second one arrived (retroactively, at the time they saw it). A later company joins the same campaign
 * and gets its own. The detection carries the company's own event as evidence when it has one in this batch, never
 * another company's, and its title names no company and no count.
 */
@Service
public class CampaignCorrelator {
    private static final HexFormat HEX = HexFormat.of();
    private final CampaignRepository campaigns;
    private final Triage triage;
    private final Duration window;
    private final Clock clock;
    private final JobLocks jobs;
    static final String FORGET_JOB = "campaign-forget";

    CampaignCorrelator(CampaignRepository campaigns, Triage triage, CampaignSettings settings, Clock clock,
            JobLocks jobs) {
        this.jobs = jobs;
        this.clock = clock;
        this.campaigns = campaigns;
        this.triage = triage;
        this.window = Duration.ofDays(settings.windowDays());
    }

    /** What one batch did: campaigns opened, company entities newly linked, campaign detections triaged. */
    public record Outcome(int campaignsOpened, int linked, int detections) {
    }

    /**
     * The batch's sightings of one key at one company's entity, summed: the newest detection (its evidence is the
     * company's own), the alert it went into, the first and last time. A beacon seen a thousand times in a batch is
     * one row written, not a thousand.
     */
    private static final class Seen {
        final String entity;
        UUID alertId;
        Detection detection;
        long first;
        long last;
        String threatType;

        Seen(Detection d, String entity, UUID alertId) {
            this.detection = d;
            this.entity = entity;
            this.alertId = alertId;
            this.first = d.timestampMillis();
            this.last = d.timestampMillis();
        }

        void add(Detection d, UUID alert) {
            first = Math.min(first, d.timestampMillis());
            if (d.timestampMillis() >= last) {
                last = d.timestampMillis();
                detection = d;
                alertId = alert;
            }
        }
    }

    /**
     * Correlates the detections triage put into alerts in this batch ({@link Triage.Outcome#alerted()}: never a
     * suppressed or counted-only one), each with the alert it really went into, with every company's earlier ones;
     * raises the campaign detections it finds through triage. Event time decides what correlates; {@code now} (the
     * wall clock) is when the sightings were made, what the sweep goes by.
     *
     * <p>Per key: its sightings written (one statement per company entity of the batch), read back once, the
     * campaign read (no lock: the key's lock already orders the instances), its links read once; the campaign row is
     * written only when its time span grows and a link only when it is new, so a busy key at many companies does
     * not serialise every batch on one campaign row.
     */
    @Transactional
    public Outcome correlate(List<Triage.Alerted> alerted, Instant now) {
        Map<Key, Map<String, Seen>> byKey = new TreeMap<>();
        for (Triage.Alerted a : alerted) {
            Detection d = a.detection();
            List<Key> keys = CampaignKeys.of(d);
            if (keys.isEmpty()) {
                continue;
            }
            String entity = a.entity();
            for (Key k : keys) {
                Map<String, Seen> atKey = byKey.computeIfAbsent(k, x -> new LinkedHashMap<>());
                Seen s = atKey.get(d.tenant().value() + "|" + entity);
                if (s == null) {
                    atKey.put(d.tenant().value() + "|" + entity, s = new Seen(d, entity, a.alertId()));
                } else {
                    s.add(d, a.alertId());
                }
                if ("intel".equals(d.detector()) && d.context().get("threatType") != null) {
                    s.threatType = d.context().get("threatType");
                }
            }
        }
        if (byKey.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        Map<Key, Optional<UUID>> current = new LinkedHashMap<>();
        for (Key k : byKey.keySet()) { // sorted: every instance locks in the same order
            current.put(k, campaigns.lockKey(k));
        }
        int opened = 0;
        int linked = 0;
        // (campaign, tenant, entity) → the campaign detection to raise there; LinkedHashMap keeps one per group.
        Map<String, Detection> raise = new LinkedHashMap<>();
        for (var entry : byKey.entrySet()) {
            Key key = entry.getKey();
            Map<String, Seen> seen = entry.getValue();
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            String threatType = null;
            for (Seen s : seen.values()) {
                Detection d = s.detection;
                campaigns.sight(key, d.tenant().value(), s.entity, s.alertId,
                        d.device() == null ? null : d.device().value(), Instant.ofEpochMilli(s.first),
                        Instant.ofEpochMilli(s.last), now);
                threatType = s.threatType != null ? s.threatType : threatType;
                from = Math.min(from, s.first);
                to = Math.max(to, s.last);
            }
            if (threatType != null) {
                campaigns.setThreatType(key, threatType);
            }
            Instant latest = Instant.ofEpochMilli(to);
            Instant notBefore = Instant.ofEpochMilli(from).minus(window);
            Campaign campaign = current.get(key).flatMap(campaigns::find)
                    .filter(c -> !c.lastSeen().isBefore(notBefore)).orElse(null);
            // No campaign yet and no company but one in the window: nothing to open, so the key's sightings (that
            // company's own hosts, however many) are not read. Every company of this batch at the key has a sighting
            // in the window (just written above), so "a company other than any one of them" is exactly "two or more".
            if (campaign == null && !campaigns.sightedByAnother(key, seen.values().iterator().next().detection.tenant()
                    .value(), notBefore, latest.plus(window))) {
                continue;
            }
            List<Sighting> sightings = campaigns.sightings(key, notBefore, latest.plus(window));
            if (campaign == null) {
                if (sightings.stream().map(Sighting::tenantId).distinct().count() < 2) {
                    continue; // one company so far: no campaign
                }
                Optional<Campaign> joined = join(sightings, notBefore);
                if (joined.isPresent()) {
                    campaign = joined.get();
                } else {
                    campaign = open(sightings, now);
                    opened++;
                }
                campaigns.setKeyCampaign(key, campaign.id());
            }
            Instant first = sightings.stream().map(Sighting::firstSeen).min(Instant::compareTo).orElse(latest);
            Instant last = sightings.stream().map(Sighting::lastSeen).max(Instant::compareTo).orElse(latest);
            if (first.isBefore(campaign.firstSeen()) || last.isAfter(campaign.lastSeen())) {
                campaigns.widen(campaign.id(), first, last);
            }
            Set<String> already = campaigns.linked(campaign.id());
            for (Sighting s : sightings) {
                String at = s.tenantId() + "|" + s.entity();
                Seen own = seen.get(at);
                if (already.contains(at)) {
                    if (own != null) {
                        campaigns.refreshLink(campaign.id(), s); // follows the company's newest alert
                    }
                    continue;
                }
                if (!campaigns.link(campaign.id(), key, s)) {
                    continue; // another instance linked it a moment ago, and raised its detection
                }
                already.add(at);
                linked++;
                // Raised once, when the company's entity is linked (a later batch with the key raises nothing, so
                // the company's campaign alert counts links, not batches): with the company's own event as
                // evidence when this batch has one, else retroactively at the time it saw it, with no evidence
                // (this batch may be another company's).
                Detection d = own == null ? null : own.detection;
                raise.putIfAbsent(group(campaign, s.tenantId(), s.entity()), own == null
                        ? detection(campaign, s.tenantId(), s.deviceId(), s.lastSeen().toEpochMilli(), s.entity(), null)
                        : detection(campaign, s.tenantId(), d.device() == null ? null : d.device().value(),
                                d.timestampMillis(), own.entity, d));
            }
        }
        List<Detection> out = new ArrayList<>(raise.values());
        if (!out.isEmpty()) {
            triage.keep(out, now);
        }
        return new Outcome(opened, linked, out.size());
    }

    /**
     * Forgets, once a day, sightings the provider made more than two windows ago by the clock ({@code sighted_at}):
     * the provider-wide table stays as small as the window's detections, while a replayed or imported old log keeps
     * its sightings as long as a live one. Idempotent, but once per cluster all the same (the job's lock; -1 when
     * another instance's run holds it): two deletes of the same rows in different orders could deadlock.
     */
    @Scheduled(cron = "0 30 3 * * *", zone = "Asia/Tokyo")
    @Transactional
    public int forgetOldSightings() {
        if (!jobs.tryLock(FORGET_JOB)) {
            return -1;
        }
        return campaigns.forgetSightingsBefore(clock.instant().minus(window.multipliedBy(2)));
    }

    /** The live campaign that already links one of the sightings (another key of the same attack), if any. */
    private Optional<Campaign> join(List<Sighting> sightings, Instant notBefore) {
        Set<UUID> candidates = new LinkedHashSet<>();
        for (Sighting s : sightings) {
            campaigns.campaignLinking(s.tenantId(), s.entity(), notBefore).ifPresent(candidates::add);
        }
        for (UUID id : candidates) {
            Optional<Campaign> c = campaigns.find(id);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** A new campaign over the sightings. */
    private Campaign open(List<Sighting> sightings, Instant now) {
        Instant first = sightings.stream().map(Sighting::firstSeen).min(Instant::compareTo).orElseThrow();
        Instant last = sightings.stream().map(Sighting::lastSeen).max(Instant::compareTo).orElseThrow();
        UUID id = UUID.randomUUID();
        Campaign c = new Campaign(id, shortId(id), first, last, now, null, null);
        campaigns.insertCampaign(c);
        return c;
    }

    /** Eight hex characters of the id: what analysts say and the campaign alerts' rule id carries. */
    static String shortId(UUID id) {
        return HEX.toHexDigits(id.getMostSignificantBits()).substring(0, 8);
    }

    private static String group(Campaign c, UUID tenant, String entity) {
        return c.id() + "|" + tenant + "|" + entity;
    }

    /**
     * The campaign detection at one company: its entity (so it sits next to the company's own alert), its own
     * evidence when there is one, and a title that names no other company and no count.
     */
    private static Detection detection(Campaign c, UUID tenant, UUID device, long at, String entity, Detection own) {
        return new Detection(new TenantId(tenant), device == null ? null : new DeviceId(device), at,
                CampaignKeys.DETECTOR, "campaign:" + c.shortId(),
                "Campaign " + c.shortId() + ": the same attack was also seen at other companies the provider watches",
                Severity.HIGH, Category.CAMPAIGN, own == null ? null : own.evidence(),
                Map.of("entity", entity, "campaign", c.shortId()));
    }
}
