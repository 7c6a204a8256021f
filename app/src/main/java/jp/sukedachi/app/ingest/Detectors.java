package jp.sukedachi.app.ingest;

import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.intel.IntelDetector;
import jp.sukedachi.detect.sensor.SensorVerdicts;
import jp.sukedachi.intel.match.IntelStore;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.Configuration;

/**
 * The detectors the pipeline runs, one line each, in the order they see every event. A new detector is its class
 * (a {@link Detector}) plus one line here: the stages find every {@link Detector} bean, and store its state under
 * its id with the stream position.
 *
 * <p>Each bean is a prototype: every stream (the embedded journal, each Kafka partition a worker holds) gets detectors
 * of its own, because a detector's state belongs to its stream's position. What they share is read-only or swapped
 * whole (the indicator snapshot, the compiled Sigma rules).
 *
 * <p>The silent-device watch ({@code SilentDeviceWatch}'s detector) is not registered: it is driven by the clock
 * and the device table's last-seen times (written in the pipeline's own transaction), under a job lock, so that
 * several instances on one database raise a silence once rather than once each.
 */
@Configuration
class Detectors {
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector intelDetector(IntelStore store) {
        return new IntelDetector(store);
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector sensorDetector() {
        return new SensorVerdicts();
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector sigmaDetector(SigmaRules rules) {
        return rules.detector();
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector scanDetector() {
        return new jp.sukedachi.detect.behaviour.ScanDetector();
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector bruteForceDetector() {
        return new jp.sukedachi.detect.behaviour.BruteForceDetector();
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector beaconingDetector() {
        return new jp.sukedachi.detect.behaviour.BeaconingDetector();
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector mailBurstDetector() {
        return new jp.sukedachi.detect.behaviour.MailBurstDetector();
    }

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    Detector assetWatchDetector(jp.sukedachi.app.asset.HostInventory inventory) {
        // A device the company marked as its own is never told about (read only when about to tell).
        return new jp.sukedachi.detect.asset.AssetWatchDetector(
                jp.sukedachi.detect.asset.AssetWatchDetector.DEFAULT_LEARNING,
                jp.sukedachi.detect.asset.AssetWatchDetector.MAX_HOSTS,
                (t, mac, ip) -> inventory.ours(t.value(), mac, ip));
    }
}
