package jp.sukedachi.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import jp.sukedachi.app.support.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveFailuresLockTheLoginForFifteenMinutes() {
        for (int i = 0; i < LoginThrottle.LOGIN_LIMIT - 1; i++) {
            throttle.recordFailure("Owner@Example.jp", "10.0.0.1");
        }
        assertThat(throttle.lockedUntil("owner@example.jp", "10.0.0.2")).isEmpty();
        throttle.recordFailure("owner@example.jp ", "10.0.0.1");
        assertThat(throttle.lockedUntil("OWNER@example.jp", "10.0.0.9")).hasValue(clock.instant().plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.lockedUntil("owner@example.jp", "10.0.0.9")).isEmpty();
    }

    @Test
    void eachFurtherLockDoublesUpToADay() {
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)};
        for (Duration lock : expected) {
            for (int i = 0; i < LoginThrottle.LOGIN_LIMIT; i++) {
                throttle.recordFailure("victim", null);
            }
            assertThat(throttle.lockedUntil("victim", null)).hasValue(clock.instant().plus(lock));
            clock.advance(lock.plusSeconds(1));
        }
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < LoginThrottle.LOGIN_LIMIT; i++) {
                throttle.recordFailure("victim", null);
            }
            Instant until = throttle.lockedUntil("victim", null).orElseThrow();
            assertThat(Duration.between(clock.instant(), until)).isLessThanOrEqualTo(LoginThrottle.MAX_LOCK);
            clock.advance(Duration.between(clock.instant(), until).plusSeconds(1));
        }
    }

    @Test
    void failuresSpreadOverTimeDoNotAddUp() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("slow", null);
            throttle.recordFailure("slow", null);
            clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        }
        assertThat(throttle.lockedUntil("slow", null)).isEmpty();
    }

    @Test
    void oneAddressSprayingManyLoginsIsLockedToo() {
        for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT; i++) {
            throttle.recordFailure("user" + i, "203.0.113.7");
        }
        assertThat(throttle.lockedUntil("someone-new", "203.0.113.7")).isPresent();
        assertThat(throttle.lockedUntil("someone-new", "198.51.100.1")).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheLoginCounter() {
        for (int i = 0; i < LoginThrottle.LOGIN_LIMIT - 1; i++) {
            throttle.recordFailure("forgetful", null);
        }
        throttle.recordSuccess("forgetful");
        throttle.recordFailure("forgetful", null);
        assertThat(throttle.lockedUntil("forgetful", null)).isEmpty();
    }
}
