package jp.sukedachi.pipeline;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;

/**
 * The stages behind a runtime that may deliver several streams to one process: the embedded journal is one stream,
 * a Kafka worker has one per partition it was assigned (and loses them on a rebalance). Each stream has its own
 * stage: its own detectors (their state belongs to that stream's position) and its own stored position, under
 * the stream's id. Calls for one stream come from one thread, in stream order.
 */
public interface StreamHandlers {
    /**
     * The stream was given to this process: opens its stage and loads what its last committed batch left.
     *
     * @return the position to resume after: -1 = from the beginning, {@link EventPipeline#FROM_RUNTIME_POSITION} =
     *         none stored (the runtime's own position, or the stream's beginning where the runtime keeps none)
     */
    long open(String streamId);

    /**
     * One batch of the stream, in order. Returns false when the batch was not taken (committed before, or another
     * process stored this stream's position meanwhile: a worker that lost its partition and did not know yet); the
     * runtime must then go on after {@link #position(String)}, which the stage has just re-read.
     *
     * @throws Exception nothing was committed; the runtime delivers the batch again
     */
    boolean handle(String streamId, List<SecurityEvent> batch, long lastPosition) throws Exception;

    /** The position of the stream's last committed batch ({@link EventPipeline#FROM_RUNTIME_POSITION}: none). */
    long position(String streamId);

    /** The stream was taken from this process (rebalance) or the runtime stops: its stage is dropped. */
    void close(String streamId);
}
