package jp.sukedachi.app.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    private List<String> keys(String password, boolean staff, String... context) {
        return policy.check(password, staff, List.of(context)).stream().map(PasswordPolicy.Violation::messageKey).toList();
    }

    @Test
    void aLongPassphraseOfPlainWordsIsWelcomeWithoutDigitsOrSymbols() {
        assertThat(keys("correct horse battery staple on mount fuji", false)).isEmpty();
        assertThat(keys("さくらの花が咲く春の朝に歩く", false)).isEmpty();
    }

    @Test
    void theMostCommonPasswordsAreRejectedEvenWhenLongEnough() {
        assertThat(policy.isCommon("password")).isTrue();
        assertThat(keys("1234567890", false)).contains("password.common");
        assertThat(keys("qwertyuiop", false)).contains("password.common");
        // A common word with a number stuck on is the pattern the handbook warns about.
        assertThat(keys("password2024!", false)).contains("password.common");
    }

    @Test
    void lengthRulesDependOnTheRole() {
        assertThat(keys("x7#Kp!2qZ", false)).contains("password.tooShort");
        assertThat(keys("x7#Kp!2qZw4", false)).doesNotContain("password.tooShort");
        assertThat(keys("x7#Kp!2qZw4", true)).contains("password.tooShort");
        assertThat(keys("a".repeat(PasswordPolicy.MAX_LENGTH + 1), false)).containsExactly("password.tooLong");
    }

    @Test
    void thePasswordMayNotContainTheLoginNameOrCompany() {
        assertThat(keys("tanaka-secure-phrase-77", false, "tanaka@example.jp", "tanaka", "田中 太郎"))
                .contains("password.containsPersonal");
        assertThat(keys("SakuraSeiki-Office-Winter", false, "株式会社さくら", "sakuraseiki")).contains("password.containsPersonal");
    }

    @Test
    void keyboardWalksAndRepeatsAreRejectedAsGuessable() {
        assertThat(keys("aaaaaaaaaaaa", false)).isNotEmpty();
        assertThat(keys("zxcvbnmasdfg", false)).isNotEmpty();
    }

    @Test
    void randomGeneratedPasswordsPass() {
        assertThat(keys("j4bX-aVP3-38Cc-4ZVt", true)).isEmpty();
    }
}
