package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.HttpUser;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12 items 15, 20 and 22 against the real Tomcat with real clients: login counting and the
 * client address behind a trusted proxy (127.0.0.2 plays the proxy; 127.0.0.3 an untrusted client
 * sending the same headers), CSRF beside an Authorization header, Secure cookies and HSTS, no sessions
 * for API calls, JSON for Tomcat's own 400s on API paths, and a header deadline for slow clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sukedachi.http.trusted-proxies=127.0.0.2", "sukedachi.http.header-timeout=2s",
            "sukedachi.syslog.enabled=false"})
class HttpHardeningTest {
    static final String PROXY = "127.0.0.2";
    static final String UNTRUSTED = "127.0.0.3";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;
    @Autowired
    AuditRepository audit;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext context;

    Login admin;
    Tenant tenant;
    Login owner;

    @BeforeEach
    void setUp() {
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Http"));
        owner = world.smeUser(tenant, Role.TENANT_OWNER);
    }

    // --- item 15: failed logins and the client address ---

    @Test
    void eachWrongPasswordCountsOnceSoFourDoNotLockTheLoginButFiveDo() {
        HttpUser browser = new HttpUser(port);
        for (int i = 0; i < 4; i++) {
            assertThat(browser.tryLogIn(owner.user().login(), "wrong-" + i)).isEqualTo("/login?error");
        }
        assertThat(new HttpUser(port).logIn(owner, world)).isEqualTo("/");
        for (int i = 0; i < 5; i++) {
            browser.tryLogIn(owner.user().login(), "wrong-again-" + i);
        }
        assertThat(browser.tryLogIn(owner.user().login(), owner.password())).isEqualTo("/login?throttled");
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("LOGIN", owner.user().login(), null, null, null)))
                .filteredOn(e -> e.outcome() == AuditEvent.Outcome.FAILURE).hasSize(9);
    }

    @Test
    void behindATrustedProxyEveryClientAddressHasItsOwnBudget() {
        HttpUser proxy = new HttpUser(port, PROXY);
        String sprayer = "198.51.100." + (10 + (int) (Math.random() * 200));
        String colleague = "203.0.113." + (10 + (int) (Math.random() * 200));
        // Password spraying from one address behind the proxy: 50 different logins, one try each.
        for (int i = 0; i < 50; i++) {
            proxy.tryLogIn(TestWorld.unique("nobody") + "@example.jp", "guess", "X-Forwarded-For", sprayer);
        }
        assertThat(proxy.tryLogIn(owner.user().login(), owner.password(), "X-Forwarded-For", sprayer))
                .isEqualTo("/login?throttled");
        // Another person behind the same proxy is not locked out.
        assertThat(new HttpUser(port, PROXY).logIn(owner, world, "X-Forwarded-For", colleague)).isEqualTo("/");
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("LOGIN", owner.user().login(), null, null, null)))
                .anyMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS && colleague.equals(e.ip()));
    }

    @Test
    void aClientThatIsNotATrustedProxyCannotChooseItsAddress() {
        HttpUser liar = new HttpUser(port, UNTRUSTED);
        liar.tryLogIn(owner.user().login(), "wrong", "X-Forwarded-For", "192.0.2.77");
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("LOGIN", owner.user().login(), null, null, null)))
                .filteredOn(e -> e.outcome() == AuditEvent.Outcome.FAILURE)
                .extracting(AuditEvent::ip).containsOnly(UNTRUSTED);
    }

    @Test
    void aTrustedProxyListThatTrustsEveryoneOrCannotBeReadStopsTheStart() {
        assertThat(TomcatHardening.cidrs(List.of("10.0.0.5", " 10.1.0.0/16 ", "::1", "")))
                .containsExactly("10.0.0.5/32", "10.1.0.0/16", "::1/128");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TomcatHardening.cidrs(List.of("0.0.0.0/0")))
                .hasMessageContaining("every address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TomcatHardening.cidrs(List.of("proxy.example.jp")))
                .hasMessageContaining("not an IP address");
    }

    // --- item 20: CSRF ---

    @Test
    void aSessionCookieWithABasicAuthorizationHeaderStillNeedsTheCsrfToken() {
        HttpUser staff = new HttpUser(port);
        assertThat(staff.logIn(admin, world)).isEqualTo("/");
        String path = "/api/v1/alerts/" + UUID.randomUUID() + "/comments";
        var forged = staff.postJson(path, "{\"text\":\"forged\"}", "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(audit.find(admin.actor(), new AuditRepository.Filter("CSRF_REJECTED", admin.user().login(), null, null, null)))
                .anyMatch(e -> path.equals(e.target()));
        // A request that acts by a valid admin key needs no token: no cookie-borne authority is used.
        String key = apiKeys.create(admin.actor(), "csrf-test").secret();
        var scripted = staff.postJson(path, "{\"text\":\"by key\"}", "Authorization", "Bearer " + key);
        assertThat(scripted.statusCode()).isEqualTo(404);
    }

    // --- item 22: cookies, sessions, errors, slow clients ---

    @Test
    void theSessionCookieIsSecureAndHstsIsSentWhenATrustedProxySaysHttps() {
        var viaProxy = new HttpUser(port, PROXY).get("/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.1");
        assertThat(viaProxy.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Secure"));
        assertThat(viaProxy.headers().firstValue("Strict-Transport-Security")).isPresent();

        var spoofed = new HttpUser(port, UNTRUSTED).get("/login", "X-Forwarded-Proto", "https");
        assertThat(spoofed.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).doesNotContain("Secure"));
        assertThat(spoofed.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void anApiCallWithoutCredentialsGetsA401AndNoSession() {
        HttpUser anonymous = new HttpUser(port);
        for (var response : List.of(anonymous.get("/api/v1/tenants"), anonymous.get("/api/v1/me"),
                anonymous.postJson("/api/v1/tenants", "{}"), anonymous.get("/api/v1/tenants", "Authorization", "Bearer skd_wrong"))) {
            // 401, or 403 for the POST: without a key it is a cookie request, and it has no CSRF token.
            assertThat(response.statusCode()).isIn(401, 403);
            assertThat(response.headers().allValues("Set-Cookie")).as(response.uri().toString()).isEmpty();
        }
    }

    @Test
    void tomcatsOwnBadRequestAnswersAreJsonOnApiPaths() throws IOException {
        for (String request : List.of("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/v1/tenants HTTP/1.1\r\nHost: x\r\nBad Header Line\r\nConnection: close\r\n\r\n",
                "GET /api/v1/te{nants HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            String response = raw(request);
            assertThat(response).as(request).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
                    .contains("\"error\":\"bad_request\"").doesNotContain("<html");
        }
        // Pages keep Tomcat's minimal page.
        assertThat(raw("GET /login/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400")
                .containsIgnoringCase("text/html");
    }

    @Test
    void springsErrorPageIsJsonOnApiPathsEvenWhenTheClientAsksForHtml() throws IOException {
        String response = raw("GET /api/v1/%2e%2e/x HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json")
                .contains("\"status\":400").doesNotContain("<html");
    }

    @Test
    void aSessionLivesHalfAnHourUntilTheLoginIsCompleteThenTheWorkingDay() {
        HttpUser browser = new HttpUser(port);
        var loginPage = browser.get("/login");
        String anonymous = sessionId(loginPage.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(maxInactiveSeconds(anonymous)).isEqualTo(30 * 60);
        String target = HttpUser.location(browser.post("/login", java.util.Map.of("username", owner.user().login(),
                "password", owner.password(), "_csrf", browser.csrf("/login"))));
        assertThat(target).isEqualTo("/");
        String loggedIn = browser.cookie("SUKEDACHI_SESSION");
        assertThat(loggedIn).isNotEqualTo(anonymous);
        assertThat(maxInactiveSeconds(loggedIn)).isEqualTo(8 * 3600);
    }

    private static String sessionId(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private int maxInactiveSeconds(String sessionId) {
        var tomcat = ((org.springframework.boot.tomcat.TomcatWebServer) context.getWebServer()).getTomcat();
        var webapp = (org.apache.catalina.Context) tomcat.getHost().findChildren()[0];
        try {
            return webapp.getManager().findSession(sessionId).getMaxInactiveInterval();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aClientSendingItsHeadersByteByByteIsClosedWithinTheHeaderTimeout() throws Exception {
        byte[] slow = ("GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        long closedAfterMillis = -1;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (byte b : slow) {
                try {
                    out.write(b);
                    out.flush();
                    if (in.read() == -1) {
                        closedAfterMillis = (System.nanoTime() - start) / 1_000_000;
                        break;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // nothing to read yet: the server still waits for the headers
                } catch (IOException reset) {
                    closedAfterMillis = (System.nanoTime() - start) / 1_000_000;
                    break;
                }
                if (System.nanoTime() - start > 15_000_000_000L) {
                    break;
                }
            }
        }
        // header-timeout is 2 s here; the sweep runs every half second.
        assertThat(closedAfterMillis).as("closed after ms").isBetween(1_500L, 4_000L);
        assertThat(new HttpUser(port).get("/login").statusCode()).isEqualTo(200);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
