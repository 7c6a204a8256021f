package jp.sukedachi.app.demo;

import java.nio.file.Path;
import java.util.Set;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.tenant.UserService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the server is up: in demo mode seed (or reuse) the demo world and print how to log in; in
 * production mode on an empty database, create the first admin with a one-time password in a file.
 */
@Component
class StartupAnnouncer {
    static final String INITIAL_ADMIN_FILE = "initial-admin.txt";
    /** The company logins printed on the console; the rest are in the credentials file. */
    private static final Set<String> SHOWN = Set.of("owner@sakura-seiki.example.jp",
            "member@sakura-seiki.example.jp", "owner@midori-kaikei.example.jp", "owner@takahashi-seisakusho.example.jp");
    private final SukedachiProperties properties;
    private final DemoWorld demo;
    private final UserRepository users;
    private final UserService userService;
    private final AuditLog audit;
    /** A one-shot command (import) runs no server: no first admin to create. */
    private final boolean commandMode;

    private final ObjectProvider<DemoTraffic> traffic;

    public StartupAnnouncer(SukedachiProperties properties, DemoWorld demo, UserRepository users,
            UserService userService, AuditLog audit, ObjectProvider<DemoTraffic> traffic,
            jp.sukedachi.app.config.NodeSettings node) {
        // A worker or receiver has no login page: the first admin is made where the pages are.
        this.commandMode = properties.oneShotCommand()
                || !node.role().serves(jp.sukedachi.app.config.NodeRole.Part.PAGES);
        this.properties = properties;
        this.demo = demo;
        this.users = users;
        this.userService = userService;
        this.audit = audit;
        this.traffic = traffic;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        String url = "http://localhost:" + port(event);
        if (properties.demo()) {
            DemoCredentials credentials = demo.ensure(url);
            DemoTraffic live = traffic.getIfAvailable();
            if (live == null || !live.enabled()) {
                System.out.println(banner(credentials, demo.credentialsFile()));
                return;
            }
            if (live.historyPending()) {
                System.out.println("\n助太刀 demo: 3 週間分の履歴を早送りで作っています（1〜2 分）… / fast-forwarding three weeks"
                        + " of history (1–2 minutes)…\n");
            }
            live.start(url, () -> {
                System.out.println(banner(credentials, demo.credentialsFile()));
                System.out.println(caseTable(live.status(adminActor())));
            });
        } else if (users.count() == 0 && !commandMode) {
            createInitialAdmin(url);
        }
    }

    private static int port(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        return 8080;
    }

    private Actor adminActor() {
        return users.findByLogin("admin@demo.sukedachi.jp").orElseThrow().actor();
    }

    /** Each attack case: caught (alerts, highest severity), not yet, or waiting for a detector still to be built. */
    static String caseTable(DemoStatus status) {
        StringBuilder sb = new StringBuilder(" 攻撃ケース / attack cases (" + status.phase() + ", "
                + status.eventsSent() + " events sent):\n");
        for (DemoStatus.CaseStatus c : status.cases()) {
            sb.append(String.format(" %d. %s%n", c.number(), c.titleEn()));
            for (DemoStatus.Check k : c.checks()) {
                String state = !k.available() ? "waiting for detector " + k.detector()
                        : k.alerts() > 0 ? k.alerts() + " alert(s), highest " + k.highestSeverity() : "no alert yet";
                sb.append(String.format("      %-22s %-11s %s%n", k.company(), k.detector(), state));
            }
        }
        sb.append(" (GET /api/v1/demo/status gives the same as JSON)\n");
        return sb.toString();
    }

    static String banner(DemoCredentials c, Path file) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("==========================================================================\n");
        sb.append(" 助太刀 Sukedachi デモ / demo:  ").append(c.url()).append('\n');
        sb.append("==========================================================================\n");
        int more = 0;
        for (DemoCredentials.DemoUser u : c.users()) {
            if (u.tenant() != null && !SHOWN.contains(u.login())) {
                more++;
                continue;
            }
            sb.append(String.format(" %-15s %-42s %s%s%n", u.role(), u.login(), u.password(),
                    u.totpSecret() == null ? "" : "  TOTP " + u.totpSecret()));
        }
        if (more > 0) {
            sb.append(" … and ").append(more).append(" more company owners (see the file below)\n");
        }
        sb.append("--------------------------------------------------------------------------\n");
        sb.append(" まず見るところ / three things to look at first:\n");
        sb.append("  1. 分析担当 analyst → ").append(c.url()).append("/alerts : attacks on 30 companies become alerts\n");
        sb.append("  2. 会社の画面 owner@takahashi-seisakusho.example.jp → ").append(c.url())
                .append("/my/alerts : what happened, in plain Japanese\n");
        sb.append("  3. ").append(c.url()).append("/funnel : events → detections → alerts → incidents\n");
        sb.append("--------------------------------------------------------------------------\n");
        sb.append(" API key (admin): ").append(c.apiKey()).append('\n');
        sb.append(" Staff log in with password + authenticator code (add the TOTP secret to an app).\n");
        sb.append(" 全ログイン情報 / all credentials: ").append(file).append('\n');
        sb.append("==========================================================================\n");
        return sb.toString();
    }

    private void createInitialAdmin(String url) {
        String password = Tokens.random().substring(0, 24);
        var admin = userService.provision(null, "admin", "Administrator", Role.PROVIDER_ADMIN, password, null);
        Path file = properties.dataDir().resolve(INITIAL_ADMIN_FILE);
        DemoWorld.writeSecret(file, "login: admin\npassword: " + password + "\nurl: " + url
                + "\nAt first login you will set up an authenticator app (TOTP). Delete this file afterwards.\n");
        audit.record(admin.actor(), null, AuditAction.INITIAL_ADMIN_CREATED, "admin", Outcome.SUCCESS, null);
        System.out.println("\nSukedachi: first start on an empty database. The initial admin's one-time password is in "
                + file + " (readable by this user only).\n");
    }
}
