package jp.sukedachi.pipeline.stage;

import java.util.List;
import java.util.Map;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.pipeline.EventPipeline;

/**
 * Where a {@link DetectionStage} keeps its work, implemented by the runtime's host (the application's database):
 * a batch's detections, the stream position and the detectors' changed states are committed together or not at
 * all, so the position never runs ahead of the work or of the state it covers.
 */
public interface StageSink {
    /** What the last committed batch left: read when the stage starts, and again when a commit was refused. */
    Stored load();

    /**
     * Commits one batch atomically. Returns false, committing nothing, when the stored position is not
     * {@code batch.previousPosition()}: the batch was done before (a replay), or another process committed this
     * stream meanwhile (a Kafka worker that lost its partition without knowing it yet must not add its batch to the
     * new owner's, whose batches may be cut elsewhere). Throws when nothing was committed for any other reason; the
     * runtime then retries the batch.
     */
    boolean commit(Batch batch);

    /**
     * @param position the stream position of the last committed batch; {@link #NO_POSITION} when none is stored
     * @param states   detector id → the state committed with that position (detectors without one are absent)
     */
    record Stored(long position, Map<String, byte[]> states) {
        public static final long NO_POSITION = EventPipeline.FROM_RUNTIME_POSITION;

        public Stored {
            states = Map.copyOf(states);
        }
    }

    /**
     * @param events        the batch as the runtime delivered it (with the events without a company)
     * @param detections    what the detectors found in it, in detector order per event
     * @param lastPosition  the stream position of the batch's last record
     * @param previousPosition the position the stage committed (or loaded) before this batch, which the stored one
     *                      must still be; {@link Stored#NO_POSITION} when none was stored
     * @param changedStates detector id → its new state, only for detectors whose state changed in this batch
     */
    record Batch(List<SecurityEvent> events, List<Detection> detections, long lastPosition,
            long previousPosition, Map<String, byte[]> changedStates) {
    }
}
