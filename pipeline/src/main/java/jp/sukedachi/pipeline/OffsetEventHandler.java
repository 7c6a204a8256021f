package jp.sukedachi.pipeline;

import java.util.List;
import jp.sukedachi.event.SecurityEvent;

/**
 * A stage that keeps its journal position in its own (database) transaction: it receives the offset of the
 * batch's last record and stores it together with its work, so a crash replays exactly the batch whose work
 * was not committed. A batch whose {@code lastOffset} the stage has already stored must be ignored.
 */
@FunctionalInterface
public interface OffsetEventHandler {
    void handle(List<SecurityEvent> batch, long lastOffset) throws Exception;
}
