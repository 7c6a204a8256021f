package jp.sukedachi.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import jp.sukedachi.app.security.PasswordHashing;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The dominant cost of a password login: checking the typed password against the stored hash.
 * Compares Spring Security's 5.8 Argon2id defaults (16 MiB, 2 iterations, 1 lane), the app's Argon2id
 * (OWASP minimum: 19 MiB, 2 iterations, 1 lane), BCrypt (cost 10) and the app's whole encoder, which
 * delegates to its Argon2id through the {@code {argon2}} hash prefix.
 * Read the scores as ratios to one another within one run, never as absolute budgets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PasswordHashingBenchmark {
    private static final String PASSWORD = "correct horse battery staple 2026";

    private Argon2PasswordEncoder argon2;
    private Argon2PasswordEncoder appArgon2;
    private String appArgon2Hash;
    private BCryptPasswordEncoder bcrypt;
    private PasswordEncoder app;
    private String argon2Hash;
    private String bcryptHash;
    private String appHash;

    @Setup
    public void setUp() {
        argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        bcrypt = new BCryptPasswordEncoder();
        appArgon2 = PasswordHashing.argon2id();
        appArgon2Hash = appArgon2.encode(PASSWORD);
        app = PasswordHashing.encoder();
        argon2Hash = argon2.encode(PASSWORD);
        bcryptHash = bcrypt.encode(PASSWORD);
        appHash = app.encode(PASSWORD);
        if (!argon2.matches(PASSWORD, argon2Hash) || !bcrypt.matches(PASSWORD, bcryptHash)
                || !app.matches(PASSWORD, appHash) || !appHash.startsWith("{argon2}")) {
            throw new IllegalStateException("encoder set-up is wrong: " + appHash);
        }
    }

    @Benchmark
    public boolean argon2idMatches() {
        return argon2.matches(PASSWORD, argon2Hash);
    }

    @Benchmark
    public boolean appArgon2idMatches() {
        return appArgon2.matches(PASSWORD, appArgon2Hash);
    }

    @Benchmark
    public boolean bcryptMatches() {
        return bcrypt.matches(PASSWORD, bcryptHash);
    }

    /** What a login really pays: prefix lookup plus Argon2id. */
    @Benchmark
    public boolean appEncoderMatches() {
        return app.matches(PASSWORD, appHash);
    }
}
