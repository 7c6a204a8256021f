package jp.sukedachi.app.desk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The provider's consultation desk as every SME screen and notification names it (settings under
 * {@code sukedachi.desk.*}): one place, so the alert page and the mails can never show different numbers.
 *
 * @param phone the desk's telephone number; blank when the provider gives none
 * @param email the desk's e-mail address
 * @param hours the desk's opening hours, in words
 */
@ConfigurationProperties("sukedachi.desk")
public record DeskSettings(String phone, String email, String hours) {

    public boolean hasPhone() {
        return phone != null && !phone.isBlank();
    }

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    public boolean hasHours() {
        return hours != null && !hours.isBlank();
    }
}
