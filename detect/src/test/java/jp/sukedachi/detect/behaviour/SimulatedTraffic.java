package jp.sukedachi.detect.behaviour;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Wire;

/**
 * The simulator's records through the real ingest parsers, owned by a company and device as the receivers stamp
 * them, fed day by day (so three weeks of traffic never sit in memory at once) to detectors, advancing after
 * each hour as the pipeline does after a batch.
 */
final class SimulatedTraffic {
    private SimulatedTraffic() {
    }

    static TenantId company(String slug) {
        return new TenantId(UUID.nameUUIDFromBytes(("company:" + slug).getBytes(StandardCharsets.UTF_8)));
    }

    static DeviceId device(String slug, String device) {
        return new DeviceId(UUID.nameUUIDFromBytes(("device:" + slug + "/" + device).getBytes(StandardCharsets.UTF_8)));
    }

    /** What the run saw: events fed, and the time spent in the detectors alone. */
    record Run(List<Detection> detections, long events, long detectorNanos, long parsedNanos) {
    }

    static Run run(Simulator simulator, Instant from, Instant to, List<Detector> detectors) {
        LogFormats formats = LogFormats.standard();
        Map<Wire, RecordParser> parsers = new EnumMap<>(Wire.class);
        for (Wire w : Wire.values()) {
            parsers.put(w, formats.byId(w.format()).orElseThrow().newParser());
        }
        List<Detection> out = new ArrayList<>();
        long events = 0;
        long inDetectors = 0;
        long parsing = 0;
        Duration hour = Duration.ofHours(1);
        for (Instant t = from; t.isBefore(to); t = t.plus(hour)) {
            Instant next = t.plus(hour).isAfter(to) ? to : t.plus(hour);
            long p0 = System.nanoTime();
            List<SecurityEvent> batch = new ArrayList<>();
            for (SimRecord r : simulator.between(t, next)) {
                try {
                    SecurityEvent e = parsers.get(r.wire()).parse(r.line(), r.epochMillis());
                    if (e != null) {
                        batch.add(e.withOwner(company(r.company()), device(r.company(), r.device()), r.epochMillis()));
                    }
                } catch (MalformedRecordException e) {
                    throw new AssertionError(r.line(), e);
                }
            }
            long d0 = System.nanoTime();
            parsing += d0 - p0;
            for (SecurityEvent e : batch) {
                for (Detector d : detectors) {
                    d.detect(e, out::add);
                }
            }
            for (Detector d : detectors) {
                d.advance(next.toEpochMilli(), out::add);
            }
            inDetectors += System.nanoTime() - d0;
            events += batch.size();
        }
        return new Run(out, events, inDetectors, parsing);
    }
}
