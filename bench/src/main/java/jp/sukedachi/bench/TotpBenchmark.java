package jp.sukedachi.bench;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.app.security.Totp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The second factor of a login: checking a six-digit TOTP code. A wrong code is the worst case,
 * because all three accepted time steps (now and one either side) are computed before refusing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TotpBenchmark {
    private Totp totp;
    private String secret;
    private String wrongCode;

    @Setup
    public void setUp() {
        totp = new Totp(Clock.systemUTC());
        secret = totp.newSecret();
        // A well-formed code that is not the current one. It could match a neighbouring step by chance
        // (3 in a million per 30 s); that would only make the measured time slightly lower.
        String current = totp.currentCode(secret);
        wrongCode = current.equals("000000") ? "000001" : "000000";
    }

    @Benchmark
    public OptionalLong verifyWrongCode() {
        return totp.verify(secret, wrongCode);
    }

    @Benchmark
    public String currentCode() {
        return totp.currentCode(secret);
    }
}
