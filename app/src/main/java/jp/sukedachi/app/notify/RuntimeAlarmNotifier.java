package jp.sukedachi.app.notify;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jp.sukedachi.app.health.RuntimeAlarm;
import jp.sukedachi.app.health.RuntimeProblem;
import jp.sukedachi.app.notify.NotificationRepository.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Tells the analysts that the watch itself is in trouble (or healthy again) through the channels they already
 * have: mail to the analyst addresses and the chat webhook. Nothing goes through the database (it may be the
 * thing that is down): recipients from the database are added when it answers. Sent on its own thread so the
 * health check never waits for SMTP.
 */
@Component
class RuntimeAlarmNotifier implements RuntimeAlarm {
    private static final Logger log = LoggerFactory.getLogger(RuntimeAlarmNotifier.class);
    private final MailChannel mail;
    private final NotifySettings settings;
    private final NotificationRepository repository;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WebhookChannel.TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sukedachi-runtime-alarm");
        t.setDaemon(true);
        return t;
    });

    RuntimeAlarmNotifier(MailChannel mail, NotifySettings settings, NotificationRepository repository,
            MessageSource messages, ObjectMapper json) {
        this.mail = mail;
        this.settings = settings;
        this.repository = repository;
        this.messages = messages;
        this.json = json;
    }

    public void raised(List<RuntimeProblem> problems) {
        List<RuntimeProblem> copy = List.copyOf(problems);
        executor.execute(() -> send(true, copy));
    }

    public void cleared() {
        executor.execute(() -> send(false, List.of()));
    }

    /** Subject and body in one language. */
    NotificationTexts.Message text(boolean raised, List<RuntimeProblem> problems, Locale locale) {
        String subject = messages.getMessage(raised ? "runtime.alarm.subject" : "runtime.alarm.cleared", null, locale);
        StringBuilder body = new StringBuilder(subject).append("\n\n");
        for (RuntimeProblem p : problems) {
            body.append("- ").append(messages.getMessage(p.messageKey(), p.argArray(), locale)).append('\n');
        }
        if (raised) {
            body.append('\n').append(messages.getMessage("runtime.alarm.hint", null, locale)).append('\n');
        }
        return new NotificationTexts.Message(subject, body.toString());
    }

    private void send(boolean raised, List<RuntimeProblem> problems) {
        if (settings.hasWebhook()) {
            try {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text", text(raised, problems, Locale.JAPANESE).body() + "\n"
                        + text(raised, problems, Locale.ENGLISH).body());
                body.put("kind", "runtime-alarm");
                body.put("state", raised ? "raised" : "cleared");
                body.put("problems", problems.stream().map(RuntimeProblem::code).toList());
                HttpRequest request = HttpRequest.newBuilder(URI.create(settings.webhookUrl()))
                        .timeout(WebhookChannel.TIMEOUT).header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 != 2) {
                    log.warn("runtime alarm webhook answered HTTP {}", status);
                }
            } catch (Exception e) {
                log.warn("runtime alarm webhook failed: {}", e.toString());
            }
        }
        if (!mail.enabled()) {
            return;
        }
        List<Recipient> to = new ArrayList<>();
        settings.analystEmailList().forEach(a -> to.add(new Recipient(a, "ja")));
        try {
            to.addAll(repository.staff());
        } catch (RuntimeException e) {
            log.warn("runtime alarm: staff addresses unavailable ({}); mailing the configured ones", e.toString());
        }
        for (Recipient r : to.stream().distinct().toList()) {
            Locale locale = r.locale() != null && r.locale().startsWith("en") ? Locale.ENGLISH : Locale.JAPANESE;
            try {
                mail.send(r.address(), text(raised, problems, locale));
            } catch (RuntimeException e) {
                log.warn("runtime alarm mail to {} failed: {}", r.address(), e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
