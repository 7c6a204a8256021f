package jp.sukedachi.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.match.IndicatorSnapshot;
import jp.sukedachi.intel.match.IntelStore;
import org.junit.jupiter.api.Test;

/**
 * Threat intelligence under the shared contract: a C2 address listed until an hour after {@code T0} (long past by
 * the clock) and a phishing domain; indicators are judged active at the event's own time.
 */
class IntelDetectorContractTest extends DetectorContract {
    private static final String C2 = "203.0.113.7";
    private static final String PHISHING = "login-update.example";

    private final IntelStore store = new IntelStore(IndicatorSnapshot.of(List.of(
            new Indicator(IndicatorType.IPV4, C2, "feodotracker", 90, "botnet_cc", "Emotet", null, null,
                    Instant.ofEpochMilli(T0 + 3_600_000), null, null),
            new Indicator(IndicatorType.DOMAIN, PHISHING, "openphish", 80, "phishing", null, null, null, null, null,
                    null))));

    @Override
    protected Detector newDetector() {
        return new IntelDetector(store);
    }

    private static SecurityEvent connection(TenantId company, DeviceId device, long at, String destination) {
        return SecurityEvent.builder("fortigate").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .set(Ecs.SOURCE_IP, "192.168.1.20").set(Ecs.DESTINATION_IP, destination).build();
    }

    private static SecurityEvent lookup(TenantId company, DeviceId device, long at, String name) {
        return SecurityEvent.builder("zeek").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .set(Ecs.SOURCE_IP, "192.168.1.20").set(Ecs.DNS_QUESTION_NAME, name).build();
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        return List.of(
                feed(connection(company, device, T0, C2)),
                feed(connection(company, device, T0 + 60_000, "198.51.100.1")),
                advance(T0 + 60_000),
                feed(lookup(company, device, T0 + 120_000, PHISHING)),
                feed(connection(company, device, T0 + 7_200_000, C2)), // the indicator expired an hour before
                advance(T0 + 7_200_000));
    }

    @Test
    void anIndicatorIsActiveOrNotAtTheEventsOwnTime() {
        List<Detection> found = new ArrayList<>();
        List<Step> steps = scenario(COMPANY_A, DEVICE_A);
        found.addAll(run(newDetector(), steps));
        assertThat(found).extracting(Detection::ruleId).containsExactly("IPV4:" + C2, "DOMAIN:" + PHISHING);
        assertThat(found).extracting(Detection::category).containsExactly(Category.C2, Category.PHISHING);
        assertThat(found.getFirst().timestampMillis()).isEqualTo(T0);
    }

    @Test
    void eventsWithoutACompanyAreNotDetectedOn() {
        List<Detection> found = new ArrayList<>();
        newDetector().detect(SecurityEvent.builder("fortigate").timestamp(T0).received(T0).raw("x")
                .set(Ecs.DESTINATION_IP, C2).build(), found::add);
        assertThat(found).isEmpty();
    }

    @Test
    void anIndicatorSwappedIntoTheStoreAppliesFromTheNextEvent() {
        Detector d = newDetector();
        store.swap(IndicatorSnapshot.empty());
        List<Detection> found = new ArrayList<>();
        d.detect(connection(COMPANY_A, DEVICE_A, T0, C2), found::add);
        assertThat(found).isEmpty();
    }
}
