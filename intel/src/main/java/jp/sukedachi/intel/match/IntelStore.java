package jp.sukedachi.intel.match;

import java.util.Objects;

/**
 * Holds the current {@link IndicatorSnapshot}. An update builds a new snapshot off to the side and
 * {@link #swap}s it in with one volatile write; matching threads read the volatile once per event and
 * never wait, and an event is matched against exactly one snapshot (old or new, never a mix).
 */
public final class IntelStore {
    private volatile IndicatorSnapshot current;
    private final IntelMatcher matcher = IntelMatcher.reading(this::current);

    public IntelStore() {
        this(IndicatorSnapshot.empty());
    }

    public IntelStore(IndicatorSnapshot initial) {
        this.current = Objects.requireNonNull(initial, "snapshot");
    }

    public IndicatorSnapshot current() {
        return current;
    }

    /** Replaces the snapshot; returns the previous one. */
    public synchronized IndicatorSnapshot swap(IndicatorSnapshot next) {
        Objects.requireNonNull(next, "snapshot");
        IndicatorSnapshot previous = current;
        current = next;
        return previous;
    }

    /** A matcher that always uses the snapshot current at the start of each {@code match} call. */
    public IntelMatcher matcher() {
        return matcher;
    }
}
