package jp.sukedachi.app.security;

import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are stored. Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane);
 * Spring's own 5.8 defaults use only 16 MiB. bcrypt stays readable for imported accounts. The
 * {@code {id}} prefix in each stored hash lets the cost rise later without a migration.
 * bench/PasswordHashingBenchmark measures the cost of a login check (which is why the class is public).
 */
public final class PasswordHashing {
    static final int ARGON2_MEMORY_KIB = 19 * 1024;
    static final int ARGON2_ITERATIONS = 2;

    private PasswordHashing() {
    }

    public static Argon2PasswordEncoder argon2id() {
        return new Argon2PasswordEncoder(16, 32, 1, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
    }

    public static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", argon2id(),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
