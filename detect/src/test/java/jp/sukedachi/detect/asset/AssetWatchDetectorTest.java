package jp.sukedachi.detect.asset;

import static jp.sukedachi.detect.asset.AssetWatchDetectorContractTest.forti;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.Test;

class AssetWatchDetectorTest {
    private static final TenantId A = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000aa"));
    private static final DeviceId DEV = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000dd"));
    private static final long T0 = 1_763_000_000_000L;
    private static final long DAY = 86_400_000L;

    private static String mac(int i) {
        return String.format("00:1a:2b:00:%02x:%02x", i / 256, i % 256);
    }

    private static SecurityEvent pc(long t, int i) {
        return forti(A, DEV, t, "10.0." + (i / 250) + "." + (1 + i % 250), mac(i), "");
    }

    private static List<Detection> feed(AssetWatchDetector d, List<SecurityEvent> events) {
        List<Detection> out = new ArrayList<>();
        events.forEach(e -> d.detect(e, out::add));
        return out;
    }

    @Test
    void devicesSeenInTheLearningPeriodAreLearntSilentlyAndANewOneAfterItIsToldOnce() {
        AssetWatchDetector d = new AssetWatchDetector();
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(pc(T0 + i * DAY, i)); // a new PC each day of the first five
        }
        events.add(pc(T0 + 7 * DAY - 1, 5)); // the last moment of learning
        assertThat(feed(d, events)).isEmpty();

        List<Detection> after = feed(d, List.of(pc(T0 + 7 * DAY, 6), pc(T0 + 7 * DAY + 1, 6), pc(T0 + 8 * DAY, 6),
                pc(T0 + 8 * DAY, 3)));
        assertThat(after).singleElement().satisfies(x -> {
            assertThat(x.category()).isEqualTo(Category.UNKNOWN_DEVICE);
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(x.detector()).isEqualTo("asset-watch");
            assertThat(x.context()).containsEntry("entity", mac(6)).containsEntry("ip", "10.0.0.7");
            assertThat(x.timestampMillis()).isEqualTo(T0 + 7 * DAY);
        });
    }

    @Test
    void theLearningPeriodIsAConstructorParameterCountedFromTheCompanysFirstObservation() {
        AssetWatchDetector oneDay = AssetWatchDetectorContractTest.learningDays(1);
        assertThat(feed(oneDay, List.of(pc(T0, 0), pc(T0 + DAY / 2, 1)))).isEmpty();
        assertThat(feed(oneDay, List.of(pc(T0 + DAY, 2)))).hasSize(1);
    }

    @Test
    void anEndOfLifeOsIsToldAlsoWhileLearningAtMostOncePerHostPerDay() {
        AssetWatchDetector d = new AssetWatchDetector();
        String xp = "devtype=\"Windows PC\" osname=\"Windows\" srcswversion=\"XP\"";
        List<SecurityEvent> events = List.of(
                forti(A, DEV, T0, "192.168.1.99", "00:0c:29:4a:58:50", xp),
                forti(A, DEV, T0 + 60_000, "192.168.1.99", "00:0c:29:4a:58:50", xp),
                forti(A, DEV, T0 + 3_600_000, "192.168.1.99", "00:0c:29:4a:58:50", ""), // no OS: still the XP PC
                forti(A, DEV, T0 + DAY, "192.168.1.99", "00:0c:29:4a:58:50", ""),
                forti(A, DEV, T0 + DAY, "192.168.1.30", "00:1a:2b:00:00:30",
                        "devtype=\"Windows PC\" osname=\"Windows\" srcswversion=\"11\""));
        List<Detection> found = feed(d, events);
        assertThat(found).hasSize(2).allSatisfy(x -> {
            assertThat(x.category()).isEqualTo(Category.OUTDATED_OS);
            assertThat(x.context()).containsEntry("entity", "00:0c:29:4a:58:50").containsEntry("os", "Windows XP");
        });
        assertThat(found.getFirst().context()).containsEntry("devtype", "Windows PC")
                .containsEntry("osEvidence", "FortiGate osname=Windows srcswversion=XP");
        assertThat(found).extracting(Detection::timestampMillis).containsExactly(T0, T0 + DAY);
    }

    @Test
    void anAddressFirstSeenAloneThenWithItsMacIsOneDeviceNotANewOne() {
        AssetWatchDetector d = AssetWatchDetectorContractTest.learningDays(1);
        SecurityEvent software = Lines.parse("zeek", A, "{\"_path\":\"software\",\"ts\":" + (T0 / 1000) + ".0,"
                + "\"host\":\"192.168.1.50\",\"software_type\":\"HTTP::BROWSER\",\"unparsed_version\":"
                + "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"}").getFirst();
        assertThat(feed(d, List.of(software))).isEmpty();
        assertThat(feed(d, List.of(forti(A, DEV, T0 + 2 * DAY, "192.168.1.50", "00:1a:2b:00:00:50", ""))))
                .as("the address's MAC is learnt").isEmpty();
        assertThat(d.hostCount(A)).isEqualTo(1);
        // Another MAC later on the same address is another device.
        assertThat(feed(d, List.of(forti(A, DEV, T0 + 3 * DAY, "192.168.1.50", "00:1a:2b:00:00:51", ""))))
                .singleElement().extracting(x -> x.context().get("entity")).isEqualTo("00:1a:2b:00:00:51");
    }

    @Test
    void aDeviceTheCompanyMarkedAsItsOwnIsNeverToldAbout() {
        AssetWatchDetector d = new AssetWatchDetector(Duration.ofDays(1), 100,
                (t, m, ip) -> "00:0c:29:4a:58:50".equals(m));
        List<Detection> found = feed(d, List.of(pc(T0, 0),
                forti(A, DEV, T0 + 2 * DAY, "192.168.1.99", "00:0c:29:4a:58:50", "osname=\"Windows\" srcswversion=\"7\""),
                forti(A, DEV, T0 + 2 * DAY, "192.168.1.98", "00:0c:29:4a:58:51", "")));
        assertThat(found).singleElement().extracting(x -> x.context().get("entity")).isEqualTo("00:0c:29:4a:58:51");
    }

    @Test
    void aCompanysDevicesAreCappedAndBeyondTheCapNothingIsLearntOrTold() {
        AssetWatchDetector d = new AssetWatchDetector(Duration.ofDays(1), 50, AssetWatchDetector.HostMarks.NONE);
        SplittableRandom r = new SplittableRandom(19);
        List<SecurityEvent> events = new ArrayList<>();
        events.add(pc(T0, 2_000)); // learning begins
        for (int i = 0; i < 300; i++) {
            events.add(pc(T0 + 2 * DAY + i, r.nextInt(1_000)));
        }
        List<Detection> found = feed(d, events);
        assertThat(d.hostCount(A)).isEqualTo(50);
        assertThat(found).hasSize(49);
        assertThat(d.dropped(A)).isPositive();
        int size = d.snapshot().length;
        feed(d, List.of(pc(T0 + 3 * DAY, 5_000), pc(T0 + 3 * DAY, 5_001)));
        assertThat(d.snapshot().length).isEqualTo(size);
    }

    @Test
    void aRestartInTheMiddleOfLearningChangesNothing() {
        SplittableRandom r = new SplittableRandom(7);
        List<SecurityEvent> events = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < 400; i++) {
            t += r.nextLong(DAY / 20);
            events.add(pc(t, r.nextInt(i < 200 ? 30 : 40)));
        }
        assertThat(restartsChangeNothing(events, 1, 50, 137, 200, 333)).as("devices appear after learning")
                .isNotEmpty();
    }

    /** Feeds the events whole and cut (snapshot, restore into a new detector) at each cut; the detections. */
    private static List<Detection> restartsChangeNothing(List<SecurityEvent> events, int... cuts) {
        AssetWatchDetector whole = new AssetWatchDetector();
        List<Detection> uninterrupted = feed(whole, events);
        for (int cut : cuts) {
            AssetWatchDetector before = new AssetWatchDetector();
            List<Detection> resumed = new ArrayList<>(feed(before, events.subList(0, cut)));
            AssetWatchDetector after = new AssetWatchDetector();
            after.restore(before.snapshot());
            resumed.addAll(feed(after, events.subList(cut, events.size())));
            assertThat(resumed).as("cut at " + cut).isEqualTo(uninterrupted);
            assertThat(after.snapshot()).as("cut at " + cut).isEqualTo(whole.snapshot());
        }
        return uninterrupted;
    }

    @Test
    void theSnapshotIsTheSameArrayWhileNothingChangesAndAForeignStateIsRefused() {
        AssetWatchDetector d = new AssetWatchDetector();
        feed(d, List.of(pc(T0, 1)));
        byte[] first = d.snapshot();
        feed(d, List.of(pc(T0 + 1000, 1)));
        assertThat(d.snapshot()).isSameAs(first);
        feed(d, List.of(pc(T0 + 2000, 2)));
        assertThat(d.snapshot()).isNotSameAs(first);
        assertThatThrownBy(() -> d.restore(new byte[] {0, 0, 0, 1, 0, 0, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SecurityEvent browser(long t, String ip) {
        return Lines.parse("zeek", A, "{\"_path\":\"software\",\"ts\":" + (t / 1000) + ".0,\"host\":\"" + ip
                + "\",\"software_type\":\"HTTP::BROWSER\",\"unparsed_version\":"
                + "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"}").getFirst();
    }

    @Test
    void aDhcpMoveOfAKnownMacTellsNothingNeitherAtItsNewNorAtItsOldAddress() {
        AssetWatchDetector d = AssetWatchDetectorContractTest.learningDays(1);
        List<SecurityEvent> events = List.of(
                forti(A, DEV, T0, "192.168.1.10", "00:1a:2b:00:00:10", ""),
                browser(T0 + 2 * DAY, "192.168.1.10"),
                forti(A, DEV, T0 + 3 * DAY, "192.168.1.20", "00:1a:2b:00:00:10", ""), // the lease moved
                browser(T0 + 3 * DAY + 1_000, "192.168.1.20"),
                browser(T0 + 4 * DAY, "192.168.1.10"), // a late log line from the old address
                browser(T0 + 5 * DAY, "192.168.1.20"));
        assertThat(feed(d, events)).isEmpty();
        assertThat(d.hostCount(A)).isEqualTo(1);
    }

    @Test
    void aKnownMacSeenAtAnAddressThatWasADeviceOfItsOwnAbsorbsIt() {
        AssetWatchDetector d = AssetWatchDetectorContractTest.learningDays(1);
        feed(d, List.of(forti(A, DEV, T0, "192.168.1.10", "00:1a:2b:00:00:10", ""), browser(T0, "192.168.1.30")));
        assertThat(d.hostCount(A)).isEqualTo(2);
        assertThat(feed(d, List.of(forti(A, DEV, T0 + 2 * DAY, "192.168.1.30", "00:1a:2b:00:00:10", ""),
                browser(T0 + 2 * DAY + 1, "192.168.1.30")))).isEmpty();
        assertThat(d.hostCount(A)).isEqualTo(1);
    }

    @Test
    void ipv6PrivacyAndLinkLocalAddressesWithoutAMacTellNothingWhileANewIpv4AddressIsTold() {
        AssetWatchDetector d = AssetWatchDetectorContractTest.learningDays(1);
        feed(d, List.of(pc(T0, 1)));
        SplittableRandom r = new SplittableRandom(6);
        List<SecurityEvent> events = new ArrayList<>();
        for (int day = 2; day < 40; day++) {
            for (int pc = 0; pc < 5; pc++) {
                events.add(browser(T0 + day * DAY + pc, String.format("fd12:3456:789a:1:%x:%x:%x:%x", r.nextInt(65_536),
                        r.nextInt(65_536), r.nextInt(65_536), r.nextInt(65_536))));
            }
            events.add(browser(T0 + day * DAY + 10, "fe80::1c2d:3e4f:5a6b:" + Integer.toHexString(day)));
            events.add(browser(T0 + day * DAY + 11, "169.254." + day + ".7"));
        }
        assertThat(feed(d, events)).isEmpty();
        assertThat(d.hostCount(A)).as("IPv6 addresses are learnt, link-local ones are not").isEqualTo(1 + 38 * 5);
        assertThat(feed(d, List.of(browser(T0 + 41 * DAY, "192.168.1.77")))).singleElement()
                .extracting(x -> x.context().get("entity")).isEqualTo("192.168.1.77");
    }

    @Test
    void aDeviceNotSeenFor90DaysIsForgottenAndToldAsNewWhenItComesBack() {
        AssetWatchDetector d = AssetWatchDetectorContractTest.learningDays(1);
        List<SecurityEvent> events = new ArrayList<>();
        events.add(pc(T0, 1)); // seen once, then gone
        events.add(pc(T0, 2));
        for (int day = 1; day <= 100; day++) {
            events.add(pc(T0 + day * DAY, 2)); // seen every day
        }
        events.add(pc(T0 + 60 * DAY, 3)); // seen on day 60 only
        events.sort(java.util.Comparator.comparingLong(SecurityEvent::timestampMillis));
        List<Detection> found = feed(d, events);
        assertThat(found).as("pc 3 is new on day 60").singleElement()
                .extracting(x -> x.context().get("entity")).isEqualTo(mac(3));
        assertThat(d.hostCount(A)).as("pc 1 forgotten after 90 days").isEqualTo(2);
        List<Detection> back = feed(d, List.of(pc(T0 + 101 * DAY, 1), pc(T0 + 101 * DAY, 3),
                browser(T0 + 101 * DAY + 1, "10.0.0.2"), browser(T0 + 101 * DAY + 2, "10.0.0.4")));
        assertThat(back).as("pc 1 is a stranger again; pc 3 (day 60) and the addresses of 1 and 3 are known")
                .singleElement().extracting(x -> x.context().get("entity")).isEqualTo(mac(1));
    }

    @Test
    void aRestartChangesNothingAlsoAcrossMovesAndExpiry() {
        SplittableRandom r = new SplittableRandom(11);
        List<SecurityEvent> events = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < 600; i++) {
            t += r.nextLong(DAY);
            int pc = r.nextInt(i < 100 ? 20 : 60);
            events.add(r.nextInt(3) == 0
                    ? forti(A, DEV, t, "10.0.0." + (1 + r.nextInt(60)), mac(pc), "")
                    : browser(t, r.nextInt(4) == 0 ? "fd00::" + Integer.toHexString(r.nextInt(200))
                            : "10.0.0." + (1 + r.nextInt(80))));
        }
        assertThat(restartsChangeNothing(events, 1, 99, 250, 401, 599)).isNotEmpty();
    }
}
