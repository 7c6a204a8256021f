package jp.sukedachi.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser against a real server: java.net.http with its own cookie jar, no redirects
 * followed (tests look at them), optionally from a chosen loopback address (127.0.0.2 …) to play a proxy
 * or another client.
 */
public final class HttpUser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    public HttpUser(int port) {
        this(port, null);
    }

    public HttpUser(int port, String localAddress) {
        this.base = "http://127.0.0.1:" + port;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (localAddress != null) {
            try {
                builder.localAddress(InetAddress.getByName(localAddress));
            } catch (IOException e) {
                throw new IllegalArgumentException(localAddress, e);
            }
        }
        this.client = builder.build();
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    /** A form post; {@code _csrf} is added from {@link #csrf(String) a page} only when the form carries it. */
    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /** The CSRF token of the form on a page this user can open. */
    public String csrf(String page) {
        HttpResponse<String> response = get(page);
        Matcher m = CSRF.matcher(response.body());
        assertThat(m.find()).as("CSRF token on " + page + " (" + response.statusCode() + ")").isTrue();
        return m.group(1);
    }

    /** Logs in through the real forms (password, then the TOTP code when asked); returns where it landed. */
    public String logIn(TestWorld.Login login, TestWorld world, String... headers) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", login.user().login());
        form.put("password", login.password());
        form.put("_csrf", csrf("/login"));
        String target = location(post("/login", form, headers));
        if ("/login/totp".equals(target)) {
            target = location(post("/login/totp", Map.of("code", world.currentCode(login), "_csrf", csrf("/login/totp")), headers));
        }
        return target;
    }

    /** Logs in with a password that is expected to fail; returns where the form sent the user. */
    public String tryLogIn(String login, String password, String... headers) {
        return location(post("/login", Map.of("username", login, "password", password, "_csrf", csrf("/login")), headers));
    }

    /** The value of a cookie this user holds. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(l -> l.replaceFirst("^https?://[^/]+", "")).orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
