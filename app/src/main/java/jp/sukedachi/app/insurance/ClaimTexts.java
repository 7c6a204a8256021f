package jp.sukedachi.app.insurance;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A claim in words, in the reader's language: yen with thousands separators, the items' descriptions, the history's
 * steps and the owner's plain sentence of the result. The pages use it as {@code @claimTexts}; the pack uses it in
 * Japanese.
 */
@Component("claimTexts")
public class ClaimTexts {
    private static final DateTimeFormatter JA_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private final MessageSource messages;

    ClaimTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** "12,345 円" in Japanese, "¥12,345" in English. */
    public String yen(long yen, Locale locale) {
        String n = NumberFormat.getIntegerInstance(Locale.JAPAN).format(yen);
        return isJapanese(locale) ? n + " 円" : "¥" + n;
    }

    public String day(LocalDate day, Locale locale) {
        return day == null ? "—" : isJapanese(locale) ? JA_DAY.format(day) : day.toString();
    }

    public String line(CoverageLine line, Locale locale) {
        return messages.getMessage(line.labelKey(), null, line.name(), locale);
    }

    public String status(ClaimStatus status, Locale locale) {
        return messages.getMessage(status.labelKey(), null, status.name(), locale);
    }

    /** "3 時間 30 分" / "3 h 30 min". */
    public String duration(int minutes, Locale locale) {
        return messages.getMessage("claim.duration", new Object[] {minutes / 60, minutes % 60}, locale);
    }

    /** What an item is: a visit's time on site or travel, desk time, an invoice's issuer, or what staff typed. */
    public String item(Claim.Item i, Locale locale) {
        String who = i.description() == null ? "" : i.description();
        return switch (i.source()) {
            case "VISIT_ONSITE", "VISIT_TRAVEL", "DESK" -> messages.getMessage("claim.item.text." + i.source(),
                    new Object[] {who, day(i.occurredOn(), locale), duration(i.minutes() == null ? 0 : i.minutes(),
                            locale), yen(i.rateYen() == null ? 0 : i.rateYen(), locale)}, locale);
            case "INVOICE" -> messages.getMessage("claim.item.text.INVOICE", new Object[] {who}, locale);
            default -> who;
        };
    }

    public String source(Claim.Item i, Locale locale) {
        return messages.getMessage("claim.source." + i.source(), null, i.source(), locale);
    }

    public String step(Claim.Step s, Locale locale) {
        return messages.getMessage("claim.history." + s.kind(), null, s.kind(), locale);
    }

    /** Why a line's payable differs from what was claimed, e.g. "1 件あたりの上限・免責金額". */
    public String notes(Claim.Line l, Locale locale) {
        return String.join(messages.getMessage("claim.notes.separator", null, ", ", locale), l.notes().stream()
                .map(n -> messages.getMessage("claim.note." + n, null, n, locale)).toList());
    }

    /**
     * The owner's sentence: 「保険会社は 412,000 円の支払いを認めました。自己負担は 88,000 円です。」, with the reason when
     * only part was approved or the claim was rejected.
     */
    public String result(Claim c, Locale locale) {
        long claimed = c.claimedYen();
        return switch (c.status()) {
            case DRAFT -> messages.getMessage("claim.result.DRAFT", null, locale);
            case SUBMITTED -> messages.getMessage("claim.result.SUBMITTED", new Object[] {yen(claimed, locale)},
                    locale);
            case INFO_REQUESTED -> messages.getMessage("claim.result.INFO_REQUESTED", null, locale);
            case APPROVED -> messages.getMessage("claim.result.APPROVED", new Object[] {yen(c.approvedYen(), locale),
                    yen(claimed - c.approvedYen(), locale)}, locale);
            case PARTIALLY_APPROVED -> messages.getMessage("claim.result.PARTIALLY_APPROVED", new Object[] {
                    yen(c.approvedYen(), locale), yen(claimed - c.approvedYen(), locale), c.decisionReason()}, locale);
            case REJECTED -> messages.getMessage("claim.result.REJECTED", new Object[] {c.decisionReason(),
                    yen(claimed, locale)}, locale);
            case PAID -> messages.getMessage("claim.result.PAID", new Object[] {yen(c.approvedYen(), locale),
                    day(c.paidOn(), locale), yen(claimed - c.approvedYen(), locale)}, locale);
        };
    }

    private static boolean isJapanese(Locale locale) {
        return locale == null || !"en".equals(locale.getLanguage());
    }
}
