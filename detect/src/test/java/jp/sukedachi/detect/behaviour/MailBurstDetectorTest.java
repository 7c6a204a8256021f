package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The mail-burst judgement: sudden mailing of many servers is told, a mail server's and a person's habits are not. */
class MailBurstDetectorTest {
    private static final TenantId COMPANY = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final DeviceId UTM = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final DeviceId IDS = new DeviceId(UUID.fromString("00000000-0000-0000-0000-0000000000d2"));
    /** Monday 2026-11-02 00:00 UTC (09:00 in Japan). */
    private static final long START = 1_793_577_600_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final String SUBMISSION = "192.0.2.25";

    /** A person's mail: about three an hour through the provider's submission server, working hours, {@code days}. */
    private static void usualMail(SplittableRandom r, String host, int days, List<SecurityEvent> out) {
        for (int day = 0; day < days; day++) {
            for (long t = START + day * DAY; t < START + day * DAY + 9 * HOUR; t += (long) (-Math.log(r.nextDouble()) * 20 * MINUTE)) {
                out.add(Beats.utm(COMPANY, UTM, t, host, SUBMISSION, 587, 20_000));
            }
        }
    }

    @Test
    void aLaptopMailingFiftyPartnerServersWithin45MinutesIsABurst() {
        SplittableRandom r = new SplittableRandom(6);
        List<SecurityEvent> events = new ArrayList<>();
        usualMail(r, "192.168.3.24", 3, events);
        long back = START + 3 * DAY + 10 * MINUTE;
        for (int k = 0; k < 60; k++) {
            long t = back + k * 45_000L + r.nextLong(20_000);
            if (k % 6 == 0) {
                events.add(Beats.utm(COMPANY, UTM, t, "192.168.3.24", "203.0.113.120", 8080, 3_000)); // its C2
            } else {
                events.add(Beats.utm(COMPANY, UTM, t, "192.168.3.24", "192.0.2." + (140 + r.nextInt(60)), 587, 40_000));
            }
        }
        List<Detection> found = Beats.feed(new MailBurstDetector(), events);
        assertThat(found).hasSize(1);
        Detection d = found.getFirst();
        assertThat(d.detector()).isEqualTo("mail-burst");
        assertThat(d.category()).isEqualTo(Category.MAIL_BURST);
        assertThat(d.severity()).isEqualTo(Severity.HIGH);
        assertThat(d.context()).containsEntry("entity", "192.168.3.24");
        // The servers change from day to day: told in "servers", never as the remote party triage keys an alert by.
        assertThat(d.context()).doesNotContainKey("remote");
        assertThat(d.context().get("servers")).startsWith("192.0.2.1").contains(", ");
        assertThat(d.timestampMillis() - back).as("found within the burst's first half hour").isLessThan(30 * MINUTE);
    }

    @Test
    void theCompanyMailServersSteadyRelayIsNotABurstButTenTimesItIs() {
        SplittableRandom r = new SplittableRandom(25);
        List<SecurityEvent> events = new ArrayList<>();
        String server = "192.168.1.5";
        for (int day = 0; day < 7; day++) {
            int volume = day < 6 ? 1 : 10; // the seventh day: ten times the usual relay
            for (long t = START + day * DAY; t < START + day * DAY + 10 * HOUR; t += (long) (-Math.log(r.nextDouble()) * MINUTE / volume)) {
                // The PCs hand their mail to the server, which relays it to the recipients' mail servers.
                events.add(Beats.utm(COMPANY, UTM, t, "192.168.1." + (20 + r.nextInt(10)), server, 25, 20_000));
                events.add(Beats.utm(COMPANY, UTM, t + 3_000, server, "198.51." + r.nextInt(8) + "." + (1 + r.nextInt(250)), 25, 20_000));
            }
        }
        List<Detection> found = Beats.feed(new MailBurstDetector(), events);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().timestampMillis()).isGreaterThanOrEqualTo(START + 6 * DAY);
        assertThat(found.getFirst().context()).containsEntry("entity", server);
    }

    @Test
    void aHostsUsualThreeMailsAnHourAreNot() {
        SplittableRandom r = new SplittableRandom(3);
        List<SecurityEvent> events = new ArrayList<>();
        for (int h = 0; h < 20; h++) {
            usualMail(r, "192.168.2." + (20 + h), 14, events);
        }
        assertThat(Beats.feed(new MailBurstDetector(), events)).isEmpty();
    }

    @Test
    void recipientsNamedByTheSensorCountAsDestinations() {
        List<SecurityEvent> events = new ArrayList<>();
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            to.append(i == 0 ? "" : ",").append("partner").append(i).append("@example.co.jp");
        }
        events.add(Beats.smtp(COMPANY, IDS, START, "192.168.3.24", SUBMISSION, 587, to.toString()));
        List<Detection> found = Beats.feed(new MailBurstDetector(), events);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().context()).containsEntry("recipients", "25").containsEntry("serverCount", "1");
    }

    @Test
    void theSameConnectionLoggedByTheUtmAndTheSensorCountsOnce() {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t = START + i * MINUTE;
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.3.24", SUBMISSION, 587, 20_000));
            events.add(Beats.smtp(COMPANY, IDS, t + 800, "192.168.3.24", SUBMISSION, 587, null));
        }
        // 25 connections (not 50) to one server: below the 40 connections of a burst.
        assertThat(Beats.feed(new MailBurstDetector(), events)).isEmpty();
    }

    @Test
    void mailBetweenLanHostsOrFromTheInternetIsNotSending() {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = START + i * 10_000;
            events.add(Beats.utm(COMPANY, UTM, t, "192.168.3.24", "192.168.3." + (100 + i % 50), 25, 1_000));
            events.add(Beats.utm(COMPANY, UTM, t, "198.51.100." + (1 + i), "192.168.3.5", 25, 1_000));
        }
        assertThat(Beats.feed(new MailBurstDetector(), events)).isEmpty();
    }
}
