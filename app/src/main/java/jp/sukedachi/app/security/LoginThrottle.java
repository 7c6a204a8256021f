package jp.sukedachi.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows password and TOTP guessing. Per login: 5 failures within 15 minutes lock that login for 15
 * minutes, doubling with each further lock up to a day. Per address: 50 failures within 15 minutes
 * lock the address (password spraying across many logins). Unknown logins are counted like known
 * ones, so the answer never tells whether an account exists.
 *
 * <p>Kept in memory: a restart forgets the counters, which only gives back a few tries; the cluster
 * runtime with several app nodes divides the budget per node (acceptable: still tens per hour).
 */
@Component
class LoginThrottle {
    static final int LOGIN_LIMIT = 5;
    static final int ADDRESS_LIMIT = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_LOCK = Duration.ofHours(24);

    private final Clock clock;
    private final Cache<String, Counter> counters = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(25))
            .maximumSize(200_000)
            .build();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static final class Counter {
        int failures;
        int locks;
        Instant windowStart;
        Instant lockedUntil;
    }

    /** When the login or the address is locked, the instant the lock ends. */
    public Optional<Instant> lockedUntil(String login, String address) {
        Instant now = clock.instant();
        Instant a = lockEnd(loginKey(login), now);
        Instant b = address == null ? null : lockEnd("ip:" + address, now);
        if (a == null) {
            return Optional.ofNullable(b);
        }
        return Optional.of(b == null || a.isAfter(b) ? a : b);
    }

    public void recordFailure(String login, String address) {
        Instant now = clock.instant();
        fail(loginKey(login), LOGIN_LIMIT, now);
        if (address != null) {
            fail("ip:" + address, ADDRESS_LIMIT, now);
        }
    }

    /** A full login (password and, where needed, TOTP) clears the login's counter, not the address's. */
    public void recordSuccess(String login) {
        counters.invalidate(loginKey(login));
    }

    private Instant lockEnd(String key, Instant now) {
        Counter c = counters.getIfPresent(key);
        if (c == null) {
            return null;
        }
        synchronized (c) {
            return c.lockedUntil != null && c.lockedUntil.isAfter(now) ? c.lockedUntil : null;
        }
    }

    private void fail(String key, int limit, Instant now) {
        Counter c = counters.get(key, k -> new Counter());
        synchronized (c) {
            if (c.windowStart == null || now.isAfter(c.windowStart.plus(WINDOW))) {
                c.windowStart = now;
                c.failures = 0;
            }
            c.failures++;
            if (c.failures >= limit) {
                Duration lock = WINDOW.multipliedBy(1L << Math.min(c.locks, 10));
                c.lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
                c.locks++;
                c.failures = 0;
                c.windowStart = null;
            }
        }
    }

    private static String loginKey(String login) {
        return "login:" + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT));
    }
}
