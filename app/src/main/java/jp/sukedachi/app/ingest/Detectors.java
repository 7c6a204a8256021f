package jp.sukedachi.app.ingest;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.sensor.SensorVerdicts;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.match.IntelStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The detectors the pipeline runs, one line each, in the order they see every event. A new detector is its class
 * (a {@link Detector}) plus one line here: the stages find every {@link Detector} bean, and store its state under
 * its id with the stream position.
 */
@Configuration
class Detectors {
    @Bean
    Detector intelDetector(IntelStore store) {
        // replaced by the detectors' own Detector implementations at merge: new IntelDetector(store)
        return new Adapter("intel", (e, sink) -> store.matcher().match(e, Instant.ofEpochMilli(e.timestampMillis()))
                .forEach(sink::accept), t -> List.of());
    }

    @Bean
    Detector sensorDetector() {
        // replaced by the detectors' own Detector implementations at merge: new SensorVerdicts()
        SensorVerdicts verdicts = new SensorVerdicts();
        return new Adapter("sensor", (e, sink) -> {
            Detection verdict = verdicts.detect(e);
            if (verdict != null) {
                sink.accept(verdict);
            }
        }, t -> List.of());
    }

    @Bean
    Detector sigmaDetector(SigmaRules rules) {
        // replaced by the detectors' own Detector implementations at merge: rules.detector()
        return new Adapter("sigma", (e, sink) -> rules.detect(e).forEach(sink::accept), rules::advance);
    }

    // replaced by the detectors' own Detector implementations at merge
    private record Adapter(String id, BiConsumer<SecurityEvent, DetectionSink> detector,
            LongFunction<List<Detection>> advancer) implements Detector {
        @Override
        public void detect(SecurityEvent event, DetectionSink sink) {
            detector.accept(event, sink);
        }

        @Override
        public void advance(long eventTimeMillis, DetectionSink sink) {
            advancer.apply(eventTimeMillis).forEach(sink::accept);
        }
    }
}
