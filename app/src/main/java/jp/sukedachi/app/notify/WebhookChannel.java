package jp.sukedachi.app.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.sukedachi.app.notify.NotificationRepository.AlertView;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The chat webhook: one JSON POST per immediate analyst notification, with {@code text} for Slack/Teams-style
 * incoming webhooks and the alert's fields for everything else. 10 s to connect and 10 s for the answer; anything
 * but 2xx is a failure retried by the next run.
 */
@Component
class WebhookChannel {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final NotificationTexts texts;

    WebhookChannel(ObjectMapper json, NotificationTexts texts) {
        this.json = json;
        this.texts = texts;
    }

    /** The JSON body for one alert. */
    String body(AlertView a, Severity severity, boolean escalated) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", texts.webhookText(a, severity, escalated));
        body.put("alertId", a.id().toString());
        body.put("tenant", a.tenantName());
        body.put("title", a.title());
        body.put("category", a.categoryId());
        body.put("entity", a.entity());
        body.put("severity", severity.name());
        body.put("count", a.count());
        body.put("firstSeen", a.firstSeen().toString());
        body.put("lastSeen", a.lastSeen().toString());
        body.put("url", texts.link(a));
        body.put("escalated", escalated);
        return json.writeValueAsString(body);
    }

    void post(String url, AlertView a, Severity severity, boolean escalated) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(a, severity, escalated))).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("webhook failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("webhook interrupted", e);
        }
    }
}
