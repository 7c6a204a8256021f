package jp.sukedachi.detect.asset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/**
 * asset-watch under the shared contract: two PCs learnt on day 0, a Windows XP PC seen on days 1 and 3 (told each
 * day, also while learning), then after the 7-day learning period a phone nobody saw before (told once) and the
 * XP PC again (a new day: told again), and another phone at day 12 (after the learning period even of a company
 * whose first observation is the half-way point).
 */
class AssetWatchDetectorContractTest extends DetectorContract {
    private static final long DAY = 86_400_000L;
    private static final String XP = "devtype=\"Windows PC\" osname=\"Windows\" srcswversion=\"XP\"";

    @Override
    protected Detector newDetector() {
        return new AssetWatchDetector();
    }

    static SecurityEvent forti(TenantId company, DeviceId device, long t, String ip, String mac, String extra) {
        String line = "date=2020-09-13 time=12:00:00 devname=\"FGT\" logid=\"0000000013\" type=\"traffic\" "
                + "subtype=\"forward\" srcip=" + ip + " srcmac=\"" + mac + "\" " + extra
                + " dstip=192.0.2.10 dstport=443 action=\"accept\"";
        SecurityEvent parsed = Lines.parse("fortigate", company, line).getFirst();
        return parsed.toBuilder().timestamp(t).build().withOwner(company, device, t);
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        List<Step> s = new ArrayList<>();
        s.add(feed(forti(company, device, T0, "192.168.1.21", "00:1a:2b:00:00:01", "")));
        s.add(feed(forti(company, device, T0 + 60_000, "192.168.1.22", "00:1a:2b:00:00:02", "")));
        s.add(feed(forti(company, device, T0 + DAY, "192.168.1.99", "00:0c:29:4a:58:50",
                "srcname=\"KOJO-XP01\" " + XP)));
        s.add(feed(forti(company, device, T0 + DAY + 3_600_000, "192.168.1.99", "00:0c:29:4a:58:50", "")));
        s.add(advance(T0 + 2 * DAY));
        // half-way
        s.add(feed(forti(company, device, T0 + 3 * DAY, "192.168.1.99", "00:0c:29:4a:58:50", XP)));
        s.add(feed(forti(company, device, T0 + 8 * DAY, "192.168.1.150", "f2:3c:91:aa:10:07",
                "devtype=\"iPhone\" osname=\"iOS\"")));
        s.add(feed(forti(company, device, T0 + 8 * DAY + 60_000, "192.168.1.150", "f2:3c:91:aa:10:07", "")));
        s.add(feed(forti(company, device, T0 + 8 * DAY + 120_000, "192.168.1.21", "00:1a:2b:00:00:01", "")));
        s.add(feed(forti(company, device, T0 + 9 * DAY, "192.168.1.99", "00:0c:29:4a:58:50", "")));
        s.add(feed(forti(company, device, T0 + 12 * DAY, "192.168.1.151", "f2:3c:91:aa:10:08", "")));
        return s;
    }

    @Override
    protected int halfWay(List<Step> steps) {
        return 5;
    }

    static AssetWatchDetector learningDays(int days) {
        return new AssetWatchDetector(Duration.ofDays(days), AssetWatchDetector.MAX_HOSTS,
                AssetWatchDetector.HostMarks.NONE);
    }
}
