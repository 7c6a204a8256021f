package jp.sukedachi.app.tenant;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The password rules, after the government handbook for SMEs: length over composition (a long
 * passphrase of ordinary words is welcome), never one of the commonly used passwords (list attacks),
 * nothing derived from the login, and no forced periodic change (there is no expiry anywhere).
 *
 * <p>The common-password list is the 30,000-entry frequency list bundled in zxcvbn4j (MIT); the
 * zxcvbn estimate additionally catches keyboard walks, repeats and dates that no list holds.
 */
@Component
public class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    /** Staff see many companies' data, so their minimum is longer. */
    public static final int MIN_LENGTH_STAFF = 12;
    /** Long enough for any passphrase; bounded so nobody can make us hash megabytes. */
    public static final int MAX_LENGTH = 128;
    private static final String COMMON_LIST = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final Set<String> common;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordPolicy() {
        this.common = loadCommon();
    }

    /** A broken rule, as a message-bundle key with its arguments. */
    public record Violation(String messageKey, Object... args) {
    }

    /**
     * Checks a new password. {@code context} holds words the password must not contain or equal
     * (login, name, company); an empty result means the password is accepted.
     */
    public List<Violation> check(String password, boolean staff, List<String> context) {
        List<Violation> violations = new ArrayList<>();
        if (password == null) {
            password = "";
        }
        int length = password.codePointCount(0, password.length());
        int min = staff ? MIN_LENGTH_STAFF : MIN_LENGTH;
        if (length < min) {
            violations.add(new Violation("password.tooShort", min));
        }
        if (length > MAX_LENGTH) {
            violations.add(new Violation("password.tooLong", MAX_LENGTH));
            return violations;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = stripTrailingDigitsAndSymbols(lower);
        if (common.contains(lower) || (stem.length() >= 4 && common.contains(stem))) {
            violations.add(new Violation("password.common"));
        }
        for (String word : context) {
            if (word != null && word.length() >= 3 && lower.contains(word.toLowerCase(Locale.ROOT))) {
                violations.add(new Violation("password.containsPersonal"));
                break;
            }
        }
        if (violations.isEmpty() && length <= 64 && zxcvbn.measure(password, context.stream()
                .filter(w -> w != null && !w.isBlank()).toList()).getScore() < 3) {
            // zxcvbn is costly on long input and long input is never weak by its measure anyway.
            violations.add(new Violation("password.guessable"));
        }
        return violations;
    }

    boolean isCommon(String password) {
        return common.contains(password.toLowerCase(Locale.ROOT));
    }

    // "password123!" is the common "password" with a suffix; the handbook warns against such patterns.
    private static String stripTrailingDigitsAndSymbols(String text) {
        int end = text.length();
        while (end > 0 && !Character.isLetter(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static Set<String> loadCommon() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException("common password list missing from the classpath: " + COMMON_LIST);
            }
            Set<String> set = new HashSet<>(40_000);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        set.add(line.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
            return Set.copyOf(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
