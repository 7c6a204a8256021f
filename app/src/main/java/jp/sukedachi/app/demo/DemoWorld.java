package jp.sukedachi.app.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.intel.IntelService;
import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.security.SecretCipher;
import jp.sukedachi.app.security.Totp;
import jp.sukedachi.app.selfcheck.Answer;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.sigma.SigmaRuleService;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantDraft;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.TenantService;
import jp.sukedachi.app.tenant.UserService;
import jp.sukedachi.simulate.DemoIntel;
import jp.sukedachi.simulate.Sender;
import jp.sukedachi.simulate.SimWorld;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * The demo world: one provider's staff (one user per role) and the simulator's thirty fictional SME
 * customers ({@link SimWorld}), each with an owner (and a member at the first), their devices (UTM, sensors,
 * endpoint shipper) and the demo's fictional threat intelligence. Passwords and TOTP seeds are random per
 * installation and written, with an admin API key, to {@code <data>/demo-credentials.json}; the device tokens
 * the simulated devices send with go to {@code <data>/demo-devices.json}. Seeded once; later starts reuse it.
 */
@Service
class DemoWorld {
    static final String FILE = "demo-credentials.json";
    static final String DEVICES_FILE = "demo-devices.json";
    /** The simulated world is fixed by this seed, so every installation's demo has the same companies. */
    public static final long WORLD_SEED = 2026;
    /**
     * Demo devices may be quiet this long before the silent-device watch alarms: twice the history's longest
     * fast-forward step (6 h), so a watch run between two steps sees no false silence. (They send a status
     * record every two hours, as real UTMs and sensors do.)
     */
    static final int DEMO_DEVICE_INTERVAL_MINUTES = 720;
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
    private final DeviceService devices;
    private final IntelService intel;
    private final int companies;
    private final SelfCheckService selfChecks;
    private final SigmaRuleService sigmaRules;
    private final DemoDesk desk;
    private final DemoDeskContact deskContact;
    private final jp.sukedachi.app.desk.KnowledgeBase knowledgeBase;
    private final DemoDeskMail deskMail;
    /**
     * SigmaHQ's "Cleartext Protocol Usage" (any port-80 connection through a firewall): in small offices plain HTTP
     * to ordinary sites is everyday, so the demo provider has switched it off, as a provider tunes its rules.
     */
    static final String SIGMA_CLEARTEXT_RULE = "d7fb8f0e-bd5f-45c2-b467-19571c490d7e";

    private final DemoDispatch dispatch;
    @org.springframework.beans.factory.annotation.Autowired private DemoClaims demoClaims; // claims (issue 17)
    @org.springframework.beans.factory.annotation.Autowired private DemoPolicies policies; // (issue 17, policy)
    @org.springframework.beans.factory.annotation.Autowired private DemoPlans demoPlans; // plans (issue 17)

    public DemoWorld(TenantRepository tenants, TenantService tenantService, UserService userService,
            ApiKeyService apiKeys, Totp totp, SecretCipher cipher, AuditLog audit, ObjectMapper json,
            SukedachiProperties properties, DeviceService devices, IntelService intel,
            SelfCheckService selfChecks, SigmaRuleService sigmaRules, DemoSettings settings, DemoDesk desk,
            DemoDeskContact deskContact, jp.sukedachi.app.desk.KnowledgeBase knowledgeBase, DemoDeskMail deskMail,
            DemoDispatch dispatch) {
        this.desk = desk;
        this.deskContact = deskContact;
        this.knowledgeBase = knowledgeBase;
        this.dispatch = dispatch;
        this.sigmaRules = sigmaRules;
        this.deskMail = deskMail;
        this.devices = devices;
        this.intel = intel;
        this.companies = settings.companies();
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

    public Path devicesFile() {
        return dataDir.resolve(DEVICES_FILE);
    }

    /** The simulated companies of this demo. */
    public SimWorld world() {
        return SimWorld.of(companies, WORLD_SEED);
    }

    /** The device tokens written at seeding, keyed as {@link jp.sukedachi.simulate.Sender#key}. */
    public DemoDevices deviceTokens() {
        return json.readValue(devicesFile().toFile(), DemoDevices.class);
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
        AppUser analyst = staff(Role.ANALYST, "analyst@demo.sukedachi.jp", "監視 分析担当", users);
        AppUser responder = staff(Role.RESPONDER, "responder@demo.sukedachi.jp", "駆付 対応担当", users);
        staff(Role.INSURER, "insurer@demo.sukedachi.jp", "保険 査定担当", users);

        var adminActor = admin.actor();
        Map<String, String> tokens = new LinkedHashMap<>();
        List<Tenant> seeded = new ArrayList<>();
        for (SimWorld.Company c : world().companies()) {
            Tenant tenant = tenantService.create(adminActor, new TenantDraft(c.name(), c.slug(), c.kana(), c.industry(),
                    c.band(), c.prefecture(), c.contactName(), c.contactEmail(), c.phone()));
            smeUser(tenant, Role.TENANT_OWNER, "owner@" + c.slug() + ".example.jp", c.contactName(), users);
            if (c.index() == 0) {
                smeUser(tenant, Role.TENANT_MEMBER, "member@" + c.slug() + ".example.jp", "山田 太郎", users);
            }
            for (SimWorld.Device d : c.devices()) {
                var registered = devices.register(adminActor, tenant.id(), new DeviceDraft(d.name(), d.wire().deviceKind(),
                        d.wire().format(), d.sourceIp() == null ? List.of() : List.of(d.sourceIp()),
                        DEMO_DEVICE_INTERVAL_MINUTES));
                tokens.put(Sender.key(c.slug(), d.name()), registered.token());
            }
            selfChecks(adminActor, c, tenant);
            seeded.add(tenant);
            if (c.index() == 0) {
                dispatch.seed(adminActor, responder, tenant);
            }
        }
        desk.seed(analyst.actor(), seeded);
        policies.seed(adminActor, seeded); // insurance policies (issue 17, policy)
        demoPlans.seed(adminActor, seeded); // plans and a contract per company (issue 17)
        sigmaRules.toggle(adminActor, "rule", SIGMA_CLEARTEXT_RULE, false);
        deskContact.seed(adminActor);
        DemoArticles.seed(knowledgeBase, adminActor); // the desk's help articles (issue 16)
        deskMail.seed(world());
        demoClaims.seed(analyst.actor(), seeded); // the manufacturer's claim, awaiting the insurer (issue 17)
        var imported = intel.importFeed(adminActor, DemoIntel.SOURCE, "threatfox-csv",
                new StringReader(DemoIntel.threatFoxCsv("2026-01-01 00:00:00")), null);
        writeSecret(devicesFile(), json.writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new DemoDevices(tokens)));


        String apiKey = apiKeys.create(adminActor, "demo").secret();
        audit.record(adminActor, null, AuditAction.DEMO_SEEDED, "demo world", Outcome.SUCCESS,
                companies + " tenants, " + users.size() + " users, " + tokens.size() + " devices, "
                        + imported.imported() + " demo indicators");
        return new DemoCredentials(url, apiKey, users);
    }

    /** The simulated devices' tokens (secrets: the file is readable by its owner only). */
    public record DemoDevices(Map<String, String> tokens) {
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
    /**
     * Self-checks so the self-help pages and the provider's overview are not empty: two of さくら精機 (a rising
     * trend with items left to do); one for most other companies, and a second, worse one for every fifth (the
     * overview's "score dropped" list). Five manufacturers of 21–50 people make a peer group for さくら精機.
     */
    private void selfChecks(Actor admin, SimWorld.Company c, Tenant tenant) {
        if (c.index() == 0) {
            selfChecks.submit(admin, tenant.id(), answers("PPNUD PNDNPDNDDNDPD UNNNNUN"));
            selfChecks.submit(admin, tenant.id(), answers("DDPDD PDDPDDPDDDDDD PDNPNPN"));
            return;
        }
        if (c.index() % 7 == 6) {
            return; // not every company has started
        }
        SplittableRandom r = new SplittableRandom(WORLD_SEED * 100 + c.index());
        String first = randomAnswers(r, 0.55);
        selfChecks.submit(admin, tenant.id(), answers(first));
        if (c.index() % 5 == 0) {
            selfChecks.submit(admin, tenant.id(), answers(randomAnswers(r, 0.3)));
        }
    }

    /** 25 answers, "done" with the given share, the rest spread over partly / no / don't know. */
    private static String randomAnswers(SplittableRandom r, double done) {
        StringBuilder sb = new StringBuilder(25);
        for (int i = 0; i < 25; i++) {
            double x = r.nextDouble();
            sb.append(x < done ? 'D' : x < done + (1 - done) * 0.5 ? 'P' : x < done + (1 - done) * 0.85 ? 'N' : 'U');
        }
        return sb.toString();
    }

    private static List<Answer> answers(String letters) {
        return Answer.decode(letters.replace(" ", ""));
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
        writeSecret(file, json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(credentials));
    }

    /** Writes a file only its owner may read, atomically (a crash leaves the old file or the new one). */
    static void writeSecret(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

}
