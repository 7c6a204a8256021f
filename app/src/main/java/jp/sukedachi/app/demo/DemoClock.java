package jp.sukedachi.app.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The demo's clock: real time, except while the demo fast-forwards through its history, when it runs at a
 * chosen point in the past so that everything the receivers and triage stamp with "now" (hourly device
 * counters, last-seen times, alert times) lands where it would have, had the history really happened.
 * Only the demo has it; production uses the system clock.
 */
final class DemoClock extends Clock {
    /** Added to real time; 0 = real time. */
    private volatile long offsetMillis;

    /** From now on, the clock reads {@code at} (and ticks on from there). */
    public void runAt(Instant at) {
        offsetMillis = at.toEpochMilli() - System.currentTimeMillis();
    }

    /** Back to real time. */
    public void release() {
        offsetMillis = 0;
    }

    public boolean isShifted() {
        return offsetMillis != 0;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), Duration.ofMillis(offsetMillis));
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** In demo mode this clock is the application's clock. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "sukedachi.demo", havingValue = "true")
    static class DemoClockConfig {
        @Bean
        @Primary
        DemoClock demoClock() {
            return new DemoClock();
        }
    }
}
