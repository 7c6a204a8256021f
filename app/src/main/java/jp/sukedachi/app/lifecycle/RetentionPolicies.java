package jp.sukedachi.app.lifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.ingest.journal.JournalConfig;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.embedded.EmbeddedPipeline;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How long each kind of data is kept: the admin's saved choice, else the configured default
 * ({@link RetentionSettings}); changes are checked against each kind's bounds and audited.
 */
@Service
class RetentionPolicies {
    private final RetentionSettings settings;
    private final RetentionRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final EventPipeline pipeline;

    RetentionPolicies(RetentionSettings settings, RetentionRepository repository, AuditLog audit, Clock clock,
            EventPipeline pipeline) {
        this.settings = settings;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.pipeline = pipeline;
    }

    /** The retention in force per kind, in days. */
    Map<RetentionKind, Integer> days() {
        Map<RetentionKind, Integer> out = new EnumMap<>(RetentionKind.class);
        Map<RetentionKind, Integer> saved = repository.savedDays();
        for (RetentionKind k : RetentionKind.values()) {
            out.put(k, saved.getOrDefault(k, settings.defaultDays(k)));
        }
        return out;
    }

    /** Retention is the provider administrator's: everyone else gets 403 (pages, API, service alike). */
    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("retention is set by the provider's administrator");
        }
    }

    /** One kind as the page and the API show it. */
    record KindView(RetentionKind kind, int days, int defaultDays, RetentionRepository.Run lastRun) {
        // Public: the page's expressions call them.
        public int minDays() {
            return kind.minDays;
        }

        public int maxDays() {
            return kind.maxDays;
        }

        /** The form field and element id: detections, evidence … */
        public String field() {
            return kind.apiName();
        }

        /** Start of the kind's message keys (name, what, why). */
        public String keys() {
            return "retention.kind." + kind.name();
        }
    }

    List<KindView> overview() {
        Map<RetentionKind, Integer> days = days();
        Map<RetentionKind, RetentionRepository.Run> runs = repository.lastRuns();
        List<KindView> out = new ArrayList<>();
        for (RetentionKind k : RetentionKind.values()) {
            out.add(new KindView(k, days.get(k), settings.defaultDays(k), runs.get(k)));
        }
        return out;
    }

    /** The event journal's own retention (sukedachi.journal.retention-days / -mb): shown, not edited here. */
    record JournalRetention(long days, long megabytes) {
    }

    /** Null when the runtime has no embedded journal. */
    JournalRetention journal() {
        if (pipeline instanceof EmbeddedPipeline embedded) {
            JournalConfig c = embedded.journal().config();
            return new JournalRetention(c.retentionMaxAge().toDays(), c.retentionMaxBytes() / JournalConfig.MIB);
        }
        return null;
    }

    /**
     * Saves the given kinds (others stay). All or nothing: one value out of its bounds refuses the whole change.
     *
     * @throws RetentionRefused a value below the kind's minimum or above its maximum, or evidence kept longer
     *                          than the alerts it belongs to
     */
    @Transactional
    void save(Actor actor, Map<RetentionKind, Integer> changes) {
        requireAdmin(actor);
        for (Map.Entry<RetentionKind, Integer> e : changes.entrySet()) {
            RetentionKind k = e.getKey();
            int d = e.getValue();
            if (d < k.minDays) {
                throw new RetentionRefused(k.apiName(), "retention.error.belowMinimum", k.minDays,
                        "at least " + k.minDays + " days (" + k.apiName() + "), got " + d, k.minDays, d);
            }
            if (d > k.maxDays) {
                throw new RetentionRefused(k.apiName(), "retention.error.aboveMaximum", k.maxDays,
                        "at most " + k.maxDays + " days (" + k.apiName() + "), got " + d, k.maxDays, d);
            }
        }
        Map<RetentionKind, Integer> before = days();
        Map<RetentionKind, Integer> after = new EnumMap<>(before);
        after.putAll(changes);
        if (after.get(RetentionKind.EVIDENCE) > after.get(RetentionKind.ALERTS)) {
            throw new RetentionRefused(RetentionKind.EVIDENCE.apiName(), "retention.error.evidenceBeyondAlerts",
                    after.get(RetentionKind.ALERTS), "evidence cannot be kept longer than the alerts it belongs to ("
                            + after.get(RetentionKind.ALERTS) + " days)", after.get(RetentionKind.ALERTS));
        }
        List<String> changed = new ArrayList<>();
        for (Map.Entry<RetentionKind, Integer> e : changes.entrySet()) {
            repository.saveDays(e.getKey(), e.getValue(), actor.login(), clock.instant());
            if (!before.get(e.getKey()).equals(e.getValue())) {
                changed.add(e.getKey().apiName() + " " + before.get(e.getKey()) + "→" + e.getValue());
            }
        }
        audit.record(actor, null, AuditAction.RETENTION_SAVED, "retention", Outcome.SUCCESS,
                changed.isEmpty() ? "no change" : String.join(", ", changed));
    }
}
