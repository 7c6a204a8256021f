package jp.sukedachi.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.security.Tokens;
import jp.sukedachi.app.tenant.Role;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.tenant.UserService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the server is up: in demo mode seed (or reuse) the demo world and print how to log in; in
 * production mode on an empty database, create the first admin with a one-time password in a file.
 */
@Component
public class StartupAnnouncer {
    static final String INITIAL_ADMIN_FILE = "initial-admin.txt";
    private final SukedachiProperties properties;
    private final DemoWorld demo;
    private final UserRepository users;
    private final UserService userService;
    private final AuditLog audit;
    /** A one-shot command (import) runs no server: no first admin to create. */
    private final boolean commandMode;

    public StartupAnnouncer(SukedachiProperties properties, DemoWorld demo, UserRepository users,
            UserService userService, AuditLog audit,
            @org.springframework.beans.factory.annotation.Value("${sukedachi.command:}") String command) {
        this.commandMode = !command.isBlank();
        this.properties = properties;
        this.demo = demo;
        this.users = users;
        this.userService = userService;
        this.audit = audit;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        String url = "http://localhost:" + port(event);
        if (properties.demo()) {
            DemoCredentials credentials = demo.ensure(url);
            System.out.println(banner(credentials, demo.credentialsFile()));
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

    static String banner(DemoCredentials c, Path file) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("==========================================================================\n");
        sb.append(" 助太刀 Sukedachi デモ / demo:  ").append(c.url()).append('\n');
        sb.append("==========================================================================\n");
        for (DemoCredentials.DemoUser u : c.users()) {
            sb.append(String.format(" %-15s %-34s %s%s%n", u.role(), u.login(), u.password(),
                    u.totpSecret() == null ? "" : "  TOTP " + u.totpSecret()));
        }
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
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "login: admin\npassword: " + password + "\nurl: " + url
                    + "\nAt first login you will set up an authenticator app (TOTP). Delete this file afterwards.\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        audit.record(admin.actor(), null, AuditAction.INITIAL_ADMIN_CREATED, "admin", Outcome.SUCCESS, null);
        System.out.println("\nSukedachi: first start on an empty database. The initial admin's one-time password is in "
                + file + " (readable by this user only).\n");
    }
}
