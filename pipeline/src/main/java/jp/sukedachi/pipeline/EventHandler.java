package jp.sukedachi.pipeline;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;

/** The stage after the journal: called with batches in journal order; the position is committed after it returns. */
@FunctionalInterface
public interface EventHandler {
    void handle(List<SecurityEvent> batch) throws Exception;
}
