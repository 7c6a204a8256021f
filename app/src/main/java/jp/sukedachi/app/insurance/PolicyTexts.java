package jp.sukedachi.app.insurance;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Yen and dates of the insurance pages in the reader's language: {@code 1,000,000 円} and {@code 2026年4月1日} in
 * Japanese, {@code ¥1,000,000} and {@code 1 April 2026} in English. Templates call it as
 * {@code ${@policyTexts.yen(amount)}}.
 */
@Component("policyTexts")
public class PolicyTexts {
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    public String yen(long yen) {
        return yen(yen, LocaleContextHolder.getLocale());
    }

    public static String yen(long yen, Locale locale) {
        String digits = NumberFormat.getIntegerInstance(Locale.JAPAN).format(yen);
        return isJapanese(locale) ? digits + " 円" : (yen < 0 ? "-¥" + digits.substring(1) : "¥" + digits);
    }

    public String date(LocalDate day) {
        return day == null ? "" : (isJapanese(LocaleContextHolder.getLocale()) ? JA : EN).format(day);
    }

    /** active, future or ended: where the policy stands on the day. */
    public String state(PolicyTerms policy, LocalDate day) {
        return policy.activeOn(day) ? "active" : day.isBefore(policy.from()) ? "future" : "ended";
    }

    /** The line is one the policy does not pay for at all. */
    public boolean notCovered(ClaimArithmetic.LineResult line) {
        return line.notes().contains(ClaimArithmetic.Note.NOT_COVERED);
    }

    private static boolean isJapanese(Locale locale) {
        return locale == null || !"en".equals(locale.getLanguage());
    }
}
