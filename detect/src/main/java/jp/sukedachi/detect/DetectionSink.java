package jp.sukedachi.detect;

import jp.sukedachi.event.Detection;

/** Where a {@link Detector} hands its detections; the runtime collects them for triage. */
@FunctionalInterface
public interface DetectionSink {
    void accept(Detection detection);
}
