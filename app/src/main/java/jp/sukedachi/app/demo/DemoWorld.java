package jp.sukedachi.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.security.SecretCipher;
import jp.sukedachi.app.security.Totp;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * The demo world: one provider's staff (one user per role), two SME customers with an owner each and
 * a member in the first. Passwords and TOTP seeds are random per installation and written, with an
 * admin API key, to {@code <data>/demo-credentials.json}. Seeded once; later starts reuse it.
 */
@Service
public class DemoWorld {
    static final String FILE = "demo-credentials.json";
    private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private final TenantRepository tenants;
    private final TenantService tenantService;
    private final UserService userService;
    private final ApiKeyService apiKeys;
    private final Totp totp;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Path dataDir;
    private final jp.sukedachi.app.selfcheck.SelfCheckService selfChecks;

    public DemoWorld(TenantRepository tenants, TenantService tenantService, UserService userService,
            ApiKeyService apiKeys, Totp totp, SecretCipher cipher, AuditLog audit, ObjectMapper json,
            SukedachiProperties properties, jp.sukedachi.app.selfcheck.SelfCheckService selfChecks) {
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.userService = userService;
        this.apiKeys = apiKeys;
        this.totp = totp;
        this.cipher = cipher;
        this.audit = audit;
        this.json = json;
        this.dataDir = properties.dataDir();
        this.selfChecks = selfChecks;
    }

    public Path credentialsFile() {
        return dataDir.resolve(FILE);
    }

    /** Seeds the world when the database is empty; otherwise reads the credentials written the first time. */
    @Transactional
    public DemoCredentials ensure(String url) {
        Path file = credentialsFile();
        if (tenants.count() > 0) {
            if (!Files.exists(file)) {
                throw new IllegalStateException("The data folder " + dataDir + " holds data but no " + FILE
                        + "; delete the folder (or choose another with --data) to create a fresh demo.");
            }
            DemoCredentials old = json.readValue(file.toFile(), DemoCredentials.class);
            DemoCredentials current = new DemoCredentials(url, old.apiKey(), old.users());
            write(file, current);
            return current;
        }
        DemoCredentials created = seed(url);
        write(file, created);
        return created;
    }

    private DemoCredentials seed(String url) {
        List<DemoCredentials.DemoUser> users = new ArrayList<>();
        AppUser admin = staff(Role.PROVIDER_ADMIN, "admin@demo.sukedachi.jp", "運用 管理者", users);
        staff(Role.ANALYST, "analyst@demo.sukedachi.jp", "監視 分析担当", users);
        staff(Role.RESPONDER, "responder@demo.sukedachi.jp", "駆付 対応担当", users);
        staff(Role.INSURER, "insurer@demo.sukedachi.jp", "保険 査定担当", users);

        var adminActor = admin.actor();
        Tenant sakura = tenantService.create(adminActor, new TenantDraft("株式会社さくら精機", "sakura-seiki", "サクラセイキ", "E", "21-50",
                "27", "桜井 一郎", "it@sakura-seiki.example.jp", "06-0000-0000"));
        Tenant midori = tenantService.create(adminActor, new TenantDraft("みどり会計事務所", "midori-kaikei", "ミドリカイケイジムショ", "L", "6-20",
                "13", "緑川 花子", "office@midori-kaikei.example.jp", "03-0000-0000"));
        smeUser(sakura, Role.TENANT_OWNER, "owner@sakura-seiki.example.jp", "桜井 一郎", users);
        smeUser(sakura, Role.TENANT_MEMBER, "member@sakura-seiki.example.jp", "山田 太郎", users);
        smeUser(midori, Role.TENANT_OWNER, "owner@midori-kaikei.example.jp", "緑川 花子", users);

        // Two self-checks of さくら精機 (a rising trend with items left to do) show the self-help pages filled in.
        selfChecks.submit(adminActor, sakura.id(), answers("PPNUD PNDNPDNDDNDPD UNNNNUN"));
        selfChecks.submit(adminActor, sakura.id(), answers("DDPDD PDDPDDPDDDDDD PDNPNPN"));

        String apiKey = apiKeys.create(adminActor, "demo").secret();
        audit.record(adminActor, null, AuditAction.DEMO_SEEDED, "demo world", Outcome.SUCCESS,
                "2 tenants, " + users.size() + " users");
        return new DemoCredentials(url, apiKey, users);
    }

    private AppUser staff(Role role, String login, String name, List<DemoCredentials.DemoUser> out) {
        String password = password();
        String secret = totp.newSecret();
        AppUser user = userService.provision(null, login, name, role, password, cipher.encrypt(secret));
        out.add(new DemoCredentials.DemoUser(roleName(role), null, login, password, secret));
        return user;
    }

    private void smeUser(Tenant tenant, Role role, String login, String name, List<DemoCredentials.DemoUser> out) {
        String password = password();
        userService.provision(tenant.id(), login, name, role, password, null);
        out.add(new DemoCredentials.DemoUser(roleName(role), tenant.name(), login, password, null));
    }

    /** 25 answers from letters: D done, P partly, N not done, U don't know (spaces for readability). */
    private static List<jp.sukedachi.app.selfcheck.Answer> answers(String letters) {
        return jp.sukedachi.app.selfcheck.Answer.decode(letters.replace(" ", ""));
    }

    /** provider-admin, tenant-owner …: the spelling of the README and the issue tracker. */
    static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Four groups of four unambiguous characters: about 92 bits, easy to type from the console. */
    private String password() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    private void write(Path file, DemoCredentials credentials) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(credentials));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        log.debug("demo credentials written to {}", file);
    }

}
