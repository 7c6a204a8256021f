package jp.sukedachi.detect.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.detect.watch.DeviceRoster.WatchedDevice;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

/**
 * The silent-device watch under the shared contract: two devices (one per company) registered at {@code T0} with a
 * 30-minute interval; a device heard at T0+1 min is silent at T0+40 (told once), heard again at T0+50 (over),
 * silent again at T0+90 and HIGH after 24 hours.
 */
class SilentDeviceDetectorContractTest extends DetectorContract {
    private static final long MINUTE = 60_000;
    private static final Instant REGISTERED = Instant.ofEpochMilli(T0);

    private List<WatchedDevice> devices = List.of(
            new WatchedDevice(DEVICE_A, COMPANY_A, "fw-a", 30, false, REGISTERED, null),
            new WatchedDevice(DEVICE_B, COMPANY_B, "fw-b", 30, false, REGISTERED, null));
    private Clock clock = Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Override
    protected Detector newDetector() {
        return new SilentDeviceDetector(() -> devices, clock, Duration.ofHours(12));
    }

    private static SecurityEvent heard(TenantId company, DeviceId device, long at) {
        return SecurityEvent.builder("fortigate").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .build();
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        return List.of(
                feed(heard(company, device, T0 + MINUTE)),
                advance(T0 + 10 * MINUTE),
                advance(T0 + 40 * MINUTE),
                // half-way: the silence is told, the device is heard again
                feed(heard(company, device, T0 + 50 * MINUTE)),
                advance(T0 + 60 * MINUTE),
                advance(T0 + 90 * MINUTE),
                advance(T0 + 95 * MINUTE),
                advance(T0 + 26 * 60 * MINUTE));
    }

    private List<Detection> ofA(List<Detection> ds) {
        return ds.stream().filter(d -> d.device().equals(DEVICE_A)).toList();
    }

    @Test
    void aSilenceIsToldWhenItBeginsAndWhenItTurnsHighNotAtEveryLook() {
        List<Detection> found = ofA(run(newDetector(), scenario(COMPANY_A, DEVICE_A)));
        assertThat(found).extracting(Detection::timestampMillis)
                .containsExactly(T0 + 40 * MINUTE, T0 + 90 * MINUTE, T0 + 26 * 60 * MINUTE);
        assertThat(found).extracting(Detection::severity).containsExactly(Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH);
        assertThat(found).allSatisfy(d -> {
            assertThat(d.detector()).isEqualTo("watch");
            assertThat(d.ruleId()).isEqualTo("silent-device");
            assertThat(d.category()).isEqualTo(Category.SILENT_DEVICE);
            assertThat(d.tenant()).isEqualTo(COMPANY_A);
            assertThat(d.evidence()).isNull();
        });
        // Heard at T0+1 min, noted rounded up to the whole minute (T0 is not one): 38 minutes and some seconds.
        assertThat(found.getFirst().context()).containsEntry("silentMinutes", "38")
                .containsEntry("expectedIntervalMinutes", "30");
    }

    @Test
    void aLastingSilenceIsToldAgainEachRefreshPeriod() {
        SilentDeviceDetector d = (SilentDeviceDetector) newDetector();
        List<Detection> found = new ArrayList<>();
        for (long m = 0; m <= 25 * 60; m += 5) {
            d.advance(T0 + m * MINUTE, found::add);
        }
        // MEDIUM at 35 min, refreshed 12 h later, HIGH at 24 h: three, not one per look.
        assertThat(ofA(found)).extracting(Detection::severity)
                .containsExactly(Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH);
    }

    @Test
    void theTimeIsNeverTakenBeyondTheClockNorAreDisabledDevicesWatched() {
        clock = Clock.fixed(REGISTERED.plus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        List<Detection> found = new ArrayList<>();
        newDetector().advance(T0 + 24 * 60 * MINUTE, found::add); // a device clock a day ahead
        assertThat(found).isEmpty();

        clock = Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);
        devices = List.of(new WatchedDevice(DEVICE_A, COMPANY_A, "fw-a", 30, true, REGISTERED, null));
        newDetector().advance(T0 + 24 * 60 * MINUTE, found::add);
        assertThat(found).isEmpty();
    }

    @Test
    void theRostersLastSeenCountsAndAForgottenSilenceIsToldAgain() {
        devices = List.of(new WatchedDevice(DEVICE_A, COMPANY_A, "fw-a", 30, false, REGISTERED,
                REGISTERED.plus(Duration.ofMinutes(20))));
        SilentDeviceDetector d = (SilentDeviceDetector) newDetector();
        List<Detection> found = new ArrayList<>();
        d.advance(T0 + 45 * MINUTE, found::add);
        assertThat(found).as("silent 25 of 30 minutes since last seen").isEmpty();
        assertThat(d.isSilent(devices.getFirst(), T0 + 45 * MINUTE)).isFalse();
        d.advance(T0 + 51 * MINUTE, found::add);
        assertThat(found).hasSize(1);
        d.advance(T0 + 55 * MINUTE, found::add);
        assertThat(found).hasSize(1);
        d.forget(DEVICE_A);
        d.advance(T0 + 56 * MINUTE, found::add);
        assertThat(found).hasSize(2);
    }

    @Test
    void anUnknownStateIsRefused() {
        Detector d = newDetector();
        assertThatThrownBy(() -> d.restore(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
