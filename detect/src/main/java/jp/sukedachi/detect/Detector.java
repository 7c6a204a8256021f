package jp.sukedachi.detect;

import jp.sukedachi.event.SecurityEvent;

/**
 * The one shape of every detector (threat intelligence, sensor verdicts, Sigma, the silent-device watch, the
 * behaviour and campaign detectors): it sees each parsed event once, in journal order, and hands what it finds
 * to a {@link DetectionSink}. A new detector is one class implementing this plus one registration line.
 *
 * <p><b>Time.</b> A detector judges in the events' own time ({@code SecurityEvent#timestampMillis}), never the
 * wall clock, so replayed or imported old logs give the same detections as live ones. Windowed detectors learn
 * that time has passed from {@link #advance}: "fewer than N within the window" is known only when it ends.
 *
 * <p><b>State.</b> A stateful detector returns its state from {@link #snapshot()}; the runtime stores it in the
 * same transaction as the stream position and the detections, and hands it back to {@link #restore} on start,
 * so a restart neither forgets a half-full window nor counts a replayed event twice. State is kept per company:
 * one company's events never change what another company's events produce.
 *
 * <p><b>Threads.</b> The runtime calls one detector from one thread at a time, in order.
 */
public interface Detector {
    /** Stable name, the {@code detector} of its detections and the key its state is stored under. */
    String id();

    /** Looks at one event (with a company: events without one are not detected on). */
    void detect(SecurityEvent event, DetectionSink sink);

    /**
     * The stream has reached {@code eventTimeMillis} (the newest event time of a batch, or the clock for a
     * detector driven by it): closes what ended by then. Stateless detectors ignore it.
     */
    default void advance(long eventTimeMillis, DetectionSink sink) {
    }

    /** The state to store with the stream position; {@code null} for a stateless detector. */
    default byte[] snapshot() {
        return null;
    }

    /** Takes back a state {@link #snapshot()} returned (possibly by an earlier version: refuse what it cannot read). */
    default void restore(byte[] state) {
    }
}
