package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Properties of the beaconing judgement, over seeded random beacons and random browsing. */
class BeaconingDetectorTest {
    private static final TenantId COMPANY = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final DeviceId UTM = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final DeviceId IDS = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d2"));
    /** Monday 2026-11-02 00:00 UTC (09:00 in Japan). */
    private static final long START = 1_793_577_600_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    /** A beacon: each interval the period ±jitter, each beat missing with the given chance. */
    private static List<SecurityEvent> beacon(SplittableRandom r, String host, String dst, long period, double jitter,
            double missing, long from, long until) {
        List<SecurityEvent> out = new ArrayList<>();
        for (long t = from; t < until; t += (long) (period * (1 + jitter * (2 * r.nextDouble() - 1)))) {
            if (r.nextDouble() >= missing) {
                out.add(Beats.utm(COMPANY, UTM, t, host, dst, 443, 800 + r.nextInt(400)));
            }
        }
        return out;
    }

    @Test
    void aBeaconWithUpTo20PercentJitterAnd30PercentMissingBeatsIsStillFound() {
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long period = MINUTE + r.nextLong(2 * HOUR);
            // Eight hours or sixty periods, whichever is longer: the minimum two hours plus enough beats for the test.
            long until = START + Math.max(8 * HOUR, 60 * period);
            List<Detection> found = Beats.feed(new BeaconingDetector(),
                    beacon(r, "192.168.1.30", "203.0.113.9", period, 0.2, 0.3, START, until));
            assertThat(found).as("seed %d, period %d s", seed, period / 1000).isNotEmpty();
            Detection first = found.getFirst();
            assertThat(first.category()).isEqualTo(Category.BEACONING);
            assertThat(first.context()).containsEntry("entity", "192.168.1.30").containsEntry("remote", "203.0.113.9");
            double told = Double.parseDouble(first.context().get("periodSeconds")) * 1000;
            assertThat(told).as("seed %d", seed).isBetween(period * 0.8, period * 1.2);
        }
    }

    @Test
    void randomHumanBrowsingOfAThousandHostsIsNeverFound() {
        SplittableRandom r = new SplittableRandom(42);
        BeaconingDetector detector = new BeaconingDetector();
        List<Detection> found = new ArrayList<>();
        String[] sites = new String[300];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = "198.51." + (i / 250) + "." + (1 + i % 250);
        }
        // Five working days, hosts in ten batches of a hundred (memory); each host its own favourite sites.
        for (int batch = 0; batch < 10; batch++) {
            List<SecurityEvent> events = new ArrayList<>();
            for (int h = 0; h < 100; h++) {
                String host = "10.0." + batch + "." + (10 + h);
                int[] favourites = r.ints(8, 0, sites.length).toArray();
                for (int day = 0; day < 5; day++) {
                    long t = START + day * 24 * HOUR + r.nextLong(30 * MINUTE);
                    long end = START + day * 24 * HOUR + 9 * HOUR;
                    while (t < end) {
                        // A visit: a favourite most of the time, a few connections within half a minute.
                        String site = r.nextInt(4) > 0 ? sites[favourites[Math.min(7, (int) (-Math.log(r.nextDouble()) * 2))]]
                                : sites[r.nextInt(sites.length)];
                        int connections = 1 + r.nextInt(4);
                        for (int k = 0; k < connections; k++) {
                            events.add(Beats.utm(COMPANY, UTM, t + r.nextLong(30_000), host, site, 443,
                                    500 + r.nextInt(100_000)));
                        }
                        t += (long) (-Math.log(r.nextDouble()) * 6 * MINUTE); // a visit every six minutes on average
                    }
                }
            }
            found.addAll(Beats.feed(detector, events));
        }
        assertThat(found).extracting(Detection::title).isEmpty();
    }

    @Test
    void periodsOfOneMinuteTenMinutesAndOneHourAreAllFoundOncePersistent() {
        for (long period : new long[] {MINUTE, 10 * MINUTE, HOUR}) {
            SplittableRandom r = new SplittableRandom(period);
            BeaconingDetector d = new BeaconingDetector();
            List<Detection> found = Beats.feed(d, beacon(r, "192.168.1.30", "203.0.113.9", period, 0.1, 0, START,
                    START + 3 * 24 * HOUR));
            assertThat(found).as("period %d min", period / MINUTE).isNotEmpty();
            long after = found.getFirst().timestampMillis() - START;
            assertThat(after).as("told only once persistent (two hours, eight beats)")
                    .isGreaterThanOrEqualTo(Math.max(2 * HOUR, 7 * (long) (period * 0.9)));
            assertThat(after).as("and soon after").isLessThanOrEqualTo(Math.max(3 * HOUR, 20 * period));
            // Three UTC days: told once on each.
            assertThat(found).hasSize(3);
        }
    }

    @Test
    void anAllowlistedDestinationIsNeverFoundByNameByNetworkOrByAnAnswerSeenEarlier() {
        SplittableRandom r = new SplittableRandom(7);
        List<SecurityEvent> events = new ArrayList<>();
        events.add(Beats.dns(COMPANY, UTM, START, "192.168.1.30", "2.jp.pool.ntp.org", "203.0.113.123"));
        for (long t = START + MINUTE; t < START + 24 * HOUR; t += 10 * MINUTE + r.nextLong(30_000)) {
            events.add(Beats.utmNamed(COMPANY, UTM, t, "192.168.1.30", "203.0.113.13", 443, "download.windowsupdate.com"));
            events.add(Beats.utm(COMPANY, UTM, t + 5_000, "192.168.1.30", "17.253.144.10", 443, 700)); // Apple
            events.add(Beats.utm(COMPANY, UTM, t + 9_000, "192.168.1.30", "203.0.113.123", 123, 90)); // NTP pool
            events.add(Beats.utmNamed(COMPANY, UTM, t + 13_000, "192.168.1.30", "203.0.113.14", 443, "c2.example.net"));
        }
        List<Detection> found = Beats.feed(new BeaconingDetector(), events);
        // Only the control, the same rhythm to a name not on the list.
        assertThat(found).isNotEmpty().extracting(x -> x.context().get("remoteName")).containsOnly("c2.example.net");
        // The remote party is the address (the key intelligence and the IDS use for the same flow), the name beside it.
        assertThat(found).extracting(x -> x.context().get("remote")).containsOnly("203.0.113.14");
        assertThat(Allowlist.standard().allows(null, "time.windows.com")).isTrue();
        assertThat(Allowlist.standard().allows("17.1.2.3", null)).isTrue();
        assertThat(Allowlist.standard().allows(null, "evil-windowsupdate.com")).isFalse();
    }

    @Test
    void theSameConnectionLoggedByTheUtmAndTheSensorIsOneBeat() {
        SplittableRandom r = new SplittableRandom(3);
        List<SecurityEvent> events = new ArrayList<>();
        for (long t = START; t < START + 6 * HOUR; t += 5 * MINUTE + r.nextLong(20_000)) {
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.1.30", "203.0.113.9", 443, 800));
            events.add(Beats.tls(COMPANY, IDS, t + r.nextLong(-1_500, 1_500), "192.168.1.30", "203.0.113.9", 443));
        }
        List<Detection> found = Beats.feed(new BeaconingDetector(), events);
        assertThat(found).isNotEmpty();
        assertThat(Double.parseDouble(found.getFirst().context().get("periodSeconds"))).isBetween(290.0, 320.0);
    }

    @Test
    void onlyALanHostCallingAnInternetAddressIsJudged() {
        List<SecurityEvent> events = new ArrayList<>();
        for (long t = START; t < START + 12 * HOUR; t += 5 * MINUTE) {
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.1.30", "192.168.1.10", 445, 800)); // LAN to LAN
            events.add(Beats.utm(COMPANY, UTM, t, "203.0.113.9", "192.168.1.30", 443, 800)); // inbound
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.1.30", "224.0.0.251", 5353, 80)); // multicast
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.1.30", "127.0.0.1", 80, 80)); // loopback
        }
        assertThat(Beats.feed(new BeaconingDetector(), events)).isEmpty();
    }

    @Test
    void aClockworkBeaconWithEqualSizesIsHighAndAJitteryOneMedium() {
        List<SecurityEvent> clockwork = new ArrayList<>();
        for (long t = START; t < START + 6 * HOUR; t += 5 * MINUTE) {
            clockwork.add(Beats.utm(COMPANY, UTM, t + (t / 7 % 300), "192.168.1.30", "203.0.113.9", 443, 1_024));
        }
        assertThat(Beats.feed(new BeaconingDetector(), clockwork)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.HIGH));
        SplittableRandom r = new SplittableRandom(5);
        assertThat(Beats.feed(new BeaconingDetector(), beacon(r, "192.168.1.30", "203.0.113.9", 5 * MINUTE, 0.15, 0, START,
                START + 6 * HOUR))).isNotEmpty().allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void thePairsKeptPerCompanyAreCappedLeastRecentlySeenFirst() {
        // With room for one pair, two interleaved beacons keep pushing each other out: neither builds a rhythm.
        BeaconingDetector tiny = new BeaconingDetector(Allowlist.standard(), Duration.ofHours(2), 8, 1);
        List<SecurityEvent> events = new ArrayList<>();
        for (long t = START; t < START + 12 * HOUR; t += 5 * MINUTE) {
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.1.30", "203.0.113.9", 443, 800));
            events.add(Beats.utm(COMPANY, UTM, t + 60_000, "192.168.1.31", "203.0.113.10", 443, 800));
        }
        assertThat(Beats.feed(tiny, new ArrayList<>(events))).isEmpty();
        BeaconingDetector two = new BeaconingDetector(Allowlist.standard(), Duration.ofHours(2), 8, 2);
        assertThat(Beats.feed(two, events)).extracting(d -> d.context().get("remote"))
                .containsOnly("203.0.113.9", "203.0.113.10");
    }

    @Test
    void theChanceThresholdNeedsEveryIntervalOfAShortWindowAndToleratesMissesInALongOne() {
        // P(Binomial(m, 0.35) >= k) <= 5e-7: 13 of 13, 25 of 31.
        assertThat(BeaconingDetector.leastSurprising(13, 0.35, 5e-7)).isEqualTo(14);
        assertThat(BeaconingDetector.leastSurprising(14, 0.35, 5e-7)).isEqualTo(14);
        assertThat(BeaconingDetector.leastSurprising(31, 0.35, 5e-7)).isBetween(23, 26);
    }
}
