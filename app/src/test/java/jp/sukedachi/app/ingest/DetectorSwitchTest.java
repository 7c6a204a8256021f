package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;

/** {@code sukedachi.detectors.disabled}: what the pipeline runs, and a name that is no detector refused at start. */
class DetectorSwitchTest {
    private static Detector named(String id) {
        return new Detector() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void detect(SecurityEvent event, DetectionSink sink) {
            }
        };
    }

    private final List<Detector> registered = List.of(named("intel"), named("sensor"), named("scan"), named("beaconing"));

    @Test
    void theSwitchedOffDetectorsAreLeftOutAndTheOthersKeepTheirOrder() {
        assertThat(PipelineStages.enabled(registered, List.of("scan", "intel"))).extracting(Detector::id)
                .containsExactly("sensor", "beaconing");
    }

    @Test
    void nothingSwitchedOffRunsEveryRegisteredDetector() {
        assertThat(PipelineStages.enabled(registered, List.of())).extracting(Detector::id)
                .containsExactly("intel", "sensor", "scan", "beaconing");
    }

    @Test
    void aNameThatIsNoDetectorStopsTheStartAndListsTheRealOnes() {
        assertThatThrownBy(() -> PipelineStages.enabled(registered, List.of("beacon")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"beacon\"").hasMessageContaining("beaconing, intel, scan, sensor");
    }
}
