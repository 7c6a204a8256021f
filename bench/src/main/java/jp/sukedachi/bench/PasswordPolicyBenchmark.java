package jp.sukedachi.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.app.tenant.PasswordPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The password policy check run when a password is set or changed. A common password is rejected
 * by the list look-up alone; any other password up to 64 characters also goes through the zxcvbn
 * strength estimate, whose cost grows with length (the 64-character value is its upper bound).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PasswordPolicyBenchmark {
    /** Login, address and company, as the app passes them; none occurs in the passwords below. */
    private static final List<String> CONTEXT = List.of("yamada", "yamada@example.co.jp", "Example Kogyo");

    @Param({
            "password123",                                                       // common (list hit)
            "correct horse battery staple 2026",                                 // passphrase, 33 chars
            "Kx7m-Q9pa-Lr2w-Tz8e",                                               // random, 19 chars
            "VJgSsxbvsA6pfiLu0aG3sRMM2XabPc%Abn47gI65#g8ueY_sUsq7SIWRlBda7r#w"   // random, 64 chars
    })
    public String password;

    private PasswordPolicy policy;

    @Setup
    public void setUp() {
        // Loads the 30,000-entry common list once, as the app's singleton bean does.
        policy = new PasswordPolicy();
    }

    @Benchmark
    public List<PasswordPolicy.Violation> check() {
        return policy.check(password, false, CONTEXT);
    }
}
