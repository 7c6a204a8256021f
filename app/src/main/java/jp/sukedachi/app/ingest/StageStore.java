package jp.sukedachi.app.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import jp.sukedachi.app.campaign.CampaignCorrelator;
import jp.sukedachi.app.asset.HostInventory;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.pipeline.StageTimes;
import jp.sukedachi.pipeline.stage.StageSink;
import jp.sukedachi.pipeline.stage.StageSink.Stored;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database side of the pipeline's stages: per stream, ONE transaction counts a batch's events on their
 * devices, learns the LAN devices they show (the asset inventory, one write per device per batch at most), keeps
 * its detections, triages them into alerts, correlates them with every company's into campaigns
 * ({@code CampaignCorrelator}), adds all of it to the companies' daily funnel counts
 * (written last, just before the commit: see {@code FunnelCountRepository}), stores the detectors' changed states
 * and the batch's position. A crash before the commit replays exactly this batch; a batch at or before the stored position was
 * done already and changes nothing, so alert counts are never doubled.
 */
@Component
class StageStore {
    private final PipelinePositionRepository positions;
    private final DeviceCounterRepository counters;
    private final Triage triage;
    private final CampaignCorrelator campaigns;
    private final HostInventory inventory;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StageStore(PipelinePositionRepository positions, DeviceCounterRepository counters, Triage triage,
            CampaignCorrelator campaigns, HostInventory inventory, PlatformTransactionManager transactions,
            Clock clock) {
        this.campaigns = campaigns;
        this.inventory = inventory;
        this.positions = positions;
        this.counters = counters;
        this.triage = triage;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * The sink of the stream whose position and states are stored under {@code key}. {@code unnamedKey} (or null):
     * where a stream from before streams had identities kept its position, taken over when {@code key} has none
     * (an upgrade neither replays nor skips).
     */
    StageSink stream(String key, String unnamedKey) {
        return new StageSink() {
            @Override
            public Stored load() {
                return transaction.execute(status -> {
                    OptionalLong own = positions.lockOffset(key);
                    if (own.isEmpty() && unnamedKey != null && positions.renameOffset(unnamedKey, key)) {
                        own = positions.lockOffset(key);
                    }
                    return new Stored(own.isPresent() ? own.getAsLong() : Stored.NO_POSITION, positions.states(key));
                });
            }

            @Override
            public boolean commit(Batch batch) {
                long outer = StageTimes.cpu();
                long[] inner = {0};
                boolean done = Boolean.TRUE.equals(transaction.execute(status -> {
                    long start = StageTimes.cpu();
                    OptionalLong stored = positions.lockOffset(key);
                    long cpu = StageTimes.lap("store: position lock", start);
                    // Fenced: only on top of the position this stage last saw (a replay, or a batch of a worker whose
                    // partition another worker has taken and committed meanwhile, changes nothing).
                    long current = stored.isPresent() ? stored.getAsLong() : Stored.NO_POSITION;
                    if (current != batch.previousPosition()) {
                        return false;
                    }
                    Instant now = clock.instant();
                    counters.countParsed(batch.events());
                    cpu = StageTimes.lap("store: device counters", cpu);
                    inventory.observe(batch.events());
                    cpu = StageTimes.lap("store: asset inventory", cpu);
                    if (!batch.detections().isEmpty()) {
                        var kept = triage.keep(batch.detections(), now); // times its own parts
                        cpu = StageTimes.cpu();
                        // Provider-wide: the same key at another company makes a campaign (in this transaction),
                        // over what triage put into alerts (never a suppressed or counted-only detection).
                        campaigns.correlate(kept.alerted(), now);
                        cpu = StageTimes.lap("store: campaigns", cpu);
                    }
                    batch.changedStates().forEach((detector, state) -> positions.storeState(key, detector, state, now));
                    cpu = StageTimes.lap("store: detector states", cpu);
                    // The lock above locks nothing while no position is stored: two workers may both pass the fence on
                    // a partition's first batch. The position write is therefore a compare-and-set; the one that loses
                    // rolls its whole batch back (the stage then reloads).
                    boolean moved = positions.moveOffset(key, batch.previousPosition(), batch.lastPosition(), now);
                    inner[0] = StageTimes.lap("store: position write", cpu) - start;
                    if (!moved) {
                        status.setRollbackOnly();
                        return false;
                    }
                    return true;
                }));
                if (StageTimes.ON) {
                    StageTimes.add("store: transaction begin+commit", StageTimes.cpu() - outer - inner[0]);
                }
                return done;
            }
        };
    }
}
