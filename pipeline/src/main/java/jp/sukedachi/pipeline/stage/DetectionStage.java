package jp.sukedachi.pipeline.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.StageTimes;
import jp.sukedachi.pipeline.stage.StageSink.Batch;
import jp.sukedachi.pipeline.stage.StageSink.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages after the stream, for any runtime (the embedded journal, Kafka): each batch goes through the
 * {@link Detector}s in registration order (events without a company are not detected on), then
 * {@code advance(newest event time of the batch)}, then ONE {@link StageSink#commit} with the detections, the
 * batch's last position and the detectors' changed states; the taps (views of the latest events) see the batch
 * after it was committed. Deliver batches in stream order, from one thread: not thread-safe. One stage per
 * stream (a Kafka worker: per partition), each with detectors of its own, since their state belongs to that
 * stream's position.
 *
 * <p><b>Trade-offs.</b> The detectors' states are taken after every batch rather than on a timer, so a
 * restart resumes position and windows from the same point (no double count, no forgotten window); this costs
 * one {@link Detector#snapshot()} per detector and batch, which a detector keeps cheap by returning the same
 * array while nothing changed (the stage stores only arrays it has not stored: {@code ==}). Detection runs
 * before the sink's transaction, so a failed commit rolls the detectors back with {@link Detector#restore} of
 * the last committed states before the runtime retries the batch; a detector that returned no state when the
 * stage started cannot be rolled back. A batch at or before the committed position (a replay after the commit
 * of the sink but before the runtime's own) is skipped before any detector sees it. A stored state a detector
 * cannot read is logged and costs only that detector's state: it starts empty and its next state replaces the
 * unreadable one. A detector that throws fails the batch, which the runtime retries and reports, rather than
 * silently losing what it would have found.
 */
public final class DetectionStage {
    private static final Logger log = LoggerFactory.getLogger(DetectionStage.class);
    private final Detector[] detectors;
    private final List<Consumer<List<SecurityEvent>>> taps;
    private final StageSink sink;
    /** Per detector: the state committed with {@link #position} (null: none), compared by reference. */
    private final byte[][] committed;
    private long position = Stored.NO_POSITION;

    /**
     * @param detectors in the order they see each event; their ids must differ (the key their state is kept under)
     * @param taps      see each committed batch whole (including events without a company)
     */
    public DetectionStage(List<? extends Detector> detectors, List<? extends Consumer<List<SecurityEvent>>> taps,
            StageSink sink) {
        this.detectors = detectors.toArray(Detector[]::new);
        this.taps = List.copyOf(taps);
        this.sink = sink;
        this.committed = new byte[this.detectors.length][];
        Set<String> ids = new HashSet<>();
        for (Detector d : this.detectors) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("two detectors with the id " + d.id());
            }
        }
    }

    /**
     * Loads the committed position and states and hands each detector its own.
     *
     * @return the position to resume after; {@link Stored#NO_POSITION} when none is stored (the runtime's own)
     */
    public long start() {
        return takeBack(sink.load());
    }

    /** The position of the last batch committed (or loaded); {@link Stored#NO_POSITION} when none. */
    public long position() {
        return position;
    }

    /**
     * Detects on one batch and commits it with its last position.
     *
     * @return false when the batch had been committed already (skipped: no detector saw it)
     * @throws RuntimeException when it was not committed: the detectors are back at the last committed state and
     *                          the batch may be delivered again
     */
    public boolean handle(List<SecurityEvent> batch, long lastPosition) {
        if (position != Stored.NO_POSITION && lastPosition <= position) {
            return false;
        }
        List<Detection> found = new ArrayList<>();
        byte[][] taken = new byte[detectors.length][];
        boolean applied;
        try {
            DetectionSink into = found::add;
            long newest = detect(batch, into);
            long cpu = StageTimes.cpu(); // the detect loop timed itself
            if (newest != Long.MIN_VALUE) {
                // "fewer than N within the window" is known only when the window has ended, in the events' time
                for (Detector d : detectors) {
                    d.advance(newest, into);
                }
            }
            cpu = StageTimes.lap("detector advance", cpu);
            Map<String, byte[]> changed = changedStates(taken);
            StageTimes.lap("detector snapshots", cpu);
            applied = sink.commit(new Batch(batch, found, lastPosition, position, changed));
        } catch (RuntimeException | Error e) {
            rollBack();
            throw e;
        }
        if (!applied) {
            // Another writer stored this position meanwhile: its state, not ours, goes with it.
            takeBack(sink.load());
            return false;
        }
        position = lastPosition;
        for (int i = 0; i < taken.length; i++) {
            if (taken[i] != null) {
                committed[i] = taken[i];
            }
        }
        long cpu = StageTimes.cpu();
        tap(batch);
        StageTimes.lap("recent-events view", cpu);
        return true;
    }

    /**
     * Every detector on every event with a company, in order; returns the newest event time (MIN_VALUE: none). With
     * {@link StageTimes} on, the loop's CPU time is shared out by each detector's wall time in it.
     */
    private long detect(List<SecurityEvent> batch, DetectionSink into) {
        long cpu = StageTimes.cpu();
        long[] wall = StageTimes.ON ? new long[detectors.length] : null;
        long newest = Long.MIN_VALUE;
        for (SecurityEvent event : batch) {
            if (event.tenant() == null) {
                continue;
            }
            newest = Math.max(newest, event.timestampMillis());
            long t = wall == null ? 0 : System.nanoTime();
            for (int i = 0; i < detectors.length; i++) {
                detectors[i].detect(event, into);
                if (wall != null) {
                    long now = System.nanoTime();
                    wall[i] += now - t;
                    t = now;
                }
            }
        }
        if (wall != null) {
            long spent = StageTimes.cpu() - cpu;
            long sum = Math.max(1, java.util.Arrays.stream(wall).sum());
            for (int i = 0; i < detectors.length; i++) {
                StageTimes.add("detect " + detectors[i].id(), (long) ((double) spent * wall[i] / sum));
            }
        }
        return newest;
    }

    /** Each detector's state now into {@code taken}; returns those not committed yet. */
    private Map<String, byte[]> changedStates(byte[][] taken) {
        Map<String, byte[]> changed = Map.of();
        for (int i = 0; i < detectors.length; i++) {
            byte[] state = detectors[i].snapshot();
            taken[i] = state;
            if (state != null && state != committed[i]) {
                if (changed.isEmpty()) {
                    changed = new LinkedHashMap<>();
                }
                changed.put(detectors[i].id(), state);
            }
        }
        return changed;
    }

    private void rollBack() {
        for (int i = 0; i < detectors.length; i++) {
            if (committed[i] != null) {
                restore(detectors[i], committed[i]);
            }
        }
    }

    /** Position and states from the sink; a detector without a stored state goes back to its last committed one. */
    private long takeBack(Stored stored) {
        for (int i = 0; i < detectors.length; i++) {
            byte[] state = stored.states().get(detectors[i].id());
            if (state == null) {
                state = committed[i];
            }
            if (state != null) {
                restore(detectors[i], state);
            }
            committed[i] = detectors[i].snapshot();
        }
        position = stored.position();
        return position;
    }

    private static void restore(Detector detector, byte[] state) {
        try {
            detector.restore(state);
        } catch (RuntimeException e) {
            log.error("detector {} cannot take back its stored state ({}); it goes on without it", detector.id(),
                    e.toString());
        }
    }

    /** A view of the latest events must not stop the line: its failure is logged, the batch stays committed. */
    private void tap(List<SecurityEvent> batch) {
        for (Consumer<List<SecurityEvent>> t : taps) {
            try {
                t.accept(batch);
            } catch (RuntimeException e) {
                log.warn("an event view failed on a committed batch", e);
            }
        }
    }
}
