package jp.sukedachi.app.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.notify.*}.
 *
 * @param mail          {@code enabled}: send e-mail; blank means "when {@code spring.mail.host} is set"
 * @param from          sender address of every mail
 * @param quietHours    e.g. {@code 22:00-07:00} in Asia/Tokyo; blank for none. Non-critical immediate mail to
 *                      the SME waits until they end; CRITICAL and analysts' messages never wait
 * @param analystEmails extra analyst addresses (comma list) besides every active ANALYST/PROVIDER_ADMIN user
 * @param webhookUrl    chat webhook (Slack/Teams-style JSON) for analysts' immediate notifications; blank for none
 * @param publicUrl     base of links to the portal; falls back to {@code sukedachi.public-url}
 * @param digestCron    when the daily digest goes out (Asia/Tokyo), default 08:00
 * @param sweepMs       how often held, failed and missed notifications are retried
 * @param inline        send in the thread that committed the alerts (tests); otherwise on the notifier's thread
 * @param maxAttempts   failed deliveries of one notification before it is marked FAILED (the row stays)
 * @param claimTimeoutMs a claim older than this (its sender died before marking the row) is taken again; 5 minutes
 *                      by default, far longer than a send's timeouts
 * <p>Whom the SME is told to call is the desk's setting ({@code sukedachi.desk.*}), not notify's.
 */
@ConfigurationProperties("sukedachi.notify")
public record NotifySettings(Mail mail, String from, String quietHours, String analystEmails, String webhookUrl,
        String publicUrl, String digestCron, Long sweepMs, boolean inline, Integer maxAttempts, Long claimTimeoutMs) {

    public record Mail(String enabled) {
    }

    public NotifySettings {
        if (mail == null) {
            mail = new Mail(null);
        }
        if (blank(from)) {
            from = "sukedachi@localhost";
        }
        if (maxAttempts == null || maxAttempts < 1) {
            maxAttempts = 50;
        }
        if (claimTimeoutMs == null || claimTimeoutMs < 1) {
            claimTimeoutMs = 300_000L;
        }
    }

    /** The extra analyst addresses, trimmed and lower-cased. */
    public List<String> analystEmailList() {
        if (blank(analystEmails)) {
            return List.of();
        }
        return Arrays.stream(analystEmails.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public boolean hasWebhook() {
        return !blank(webhookUrl);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
