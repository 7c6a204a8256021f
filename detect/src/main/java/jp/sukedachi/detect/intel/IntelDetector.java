package jp.sukedachi.detect.intel;

import java.util.List;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.match.IntelStore;

/**
 * Threat intelligence as a {@link Detector}: each event against the indicators of the store's current snapshot
 * (one detection per indicator matched, see {@code IntelMatcher}). Stateless; an indicator update swapped into
 * the store applies from the next event on.
 */
public final class IntelDetector implements Detector {
    public static final String ID = "intel";

    private final IntelStore store;

    public IntelDetector(IntelStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(SecurityEvent event, DetectionSink sink) {
        if (event.tenant() == null) {
            return;
        }
        // Whether an indicator is still active is judged at the event's own time, not the clock's: a replay or an
        // import of old logs gives the same detections as the live run with the same indicators. The price: an old
        // event matches an indicator that has expired since (while the store still holds it), and a device whose
        // clock runs far ahead misses indicators that expire before its time.
        List<Detection> found = store.matcher().match(event, event.timestampMillis());
        for (int i = 0; i < found.size(); i++) {
            sink.accept(found.get(i));
        }
    }
}
