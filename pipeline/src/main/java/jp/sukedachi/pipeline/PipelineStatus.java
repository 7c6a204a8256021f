package jp.sukedachi.pipeline;

/**
 * What the health check needs to know about the runtime, read without blocking it.
 *
 * @param consumerAlive        the consumer thread exists and has not ended
 * @param lastProgressMillis   wall time of the last committed batch, or of the last poll that found nothing to do
 * @param backlogRecords       durable records the consumer has not committed yet
 * @param consecutiveFailures  batches in a row that failed (0 when the last one went through)
 * @param lastFailure          short text of the last failure ({@code null} when the last batch went through)
 * @param storageFullReason    why appends are refused for lack of space right now ({@code null} when they are not)
 */
public record PipelineStatus(boolean consumerAlive, long lastProgressMillis, long backlogRecords,
        int consecutiveFailures, String lastFailure, String storageFullReason) {
}
