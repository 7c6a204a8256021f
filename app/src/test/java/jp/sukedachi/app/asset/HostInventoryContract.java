package jp.sukedachi.app.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.selfcheck.assets.AssetDraft;
import jp.sukedachi.app.selfcheck.assets.AssetService;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.OwnerStories;
import jp.sukedachi.app.triage.OwnerStory;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The LAN device inventory on a real database (H2 and PostgreSQL, see the subclasses): devices learnt from real log
 * lines through the real parsers, one row per device however many sightings; another company's devices never
 * listed, never reachable by the API or the marking forms; marking needs CSRF and is audited; the advice then names
 * the PC with the company's label, and a device marked "not ours" is told to be taken off the Wi-Fi.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.initial-delay-ms=3600000000"})
@AutoConfigureMockMvc
abstract class HostInventoryContract {
    private static final String XP_MAC = "00:0c:29:4a:58:50";
    private static final String PHONE_MAC = "f2:3c:91:aa:10:07";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestWorld world;
    @Autowired
    HostInventory inventory;
    @Autowired
    HostNames names;
    @Autowired
    HostRepository repository;
    @Autowired
    OwnerStories stories;
    @Autowired
    AssetService assets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageSource messages;
    @Autowired
    PlatformTransactionManager transactions;

    Login admin;
    Tenant a;
    Tenant b;
    Login ownerA;
    Login memberA;
    Login ownerB;

    @BeforeEach
    void companies() {
        admin = world.admin();
        a = world.tenant(admin.actor(), TestWorld.unique("株式会社ひので食品"));
        b = world.tenant(admin.actor(), TestWorld.unique("Bravo"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        memberA = world.smeUser(a, Role.TENANT_MEMBER);
        ownerB = world.smeUser(b, Role.TENANT_OWNER);
    }

    private static List<SecurityEvent> parse(Tenant t, String format, String... lines) throws Exception {
        RecordParser p = LogFormats.standard().byId(format).orElseThrow().newParser();
        List<SecurityEvent> out = new ArrayList<>();
        DeviceId device = new DeviceId(UUID.randomUUID());
        for (String line : lines) {
            SecurityEvent e = p.parse(line, 1_763_600_000_000L);
            if (e != null) {
                out.add(e.withOwner(new TenantId(t.id()), device, e.timestampMillis()));
            }
        }
        return out;
    }

    /** What the pipeline does with a batch: in one transaction. */
    private void observe(List<SecurityEvent> batch) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> inventory.observe(batch));
    }

    private void hinodeXp(Tenant t) throws Exception {
        List<SecurityEvent> batch = new ArrayList<>(parse(t, "zeek",
                "{\"_path\":\"dhcp\",\"ts\":1763600000.0,\"uids\":[\"C1\"],\"mac\":\"00:0C:29:4A:58:50\","
                        + "\"assigned_addr\":\"192.168.4.99\",\"host_name\":\"KOJO-XP01\",\"client_fqdn\":\"KOJO-XP01\","
                        + "\"msg_types\":[\"DISCOVER\",\"OFFER\",\"REQUEST\",\"ACK\"],\"lease_time\":86400.0}",
                "{\"_path\":\"software\",\"ts\":1763600030.0,\"host\":\"192.168.4.99\",\"software_type\":\"HTTP::BROWSER\","
                        + "\"name\":\"MSIE\",\"unparsed_version\":\"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)\"}",
                "{\"_path\":\"known_hosts\",\"ts\":1763600040.0,\"host\":\"203.0.113.7\"}"));
        observe(batch);
    }

    private void phone(Tenant t, long epochSeconds) throws Exception {
        observe(parse(t, "fortigate", "<189>date=2026-11-08 time=21:30:05 devname=\"FGT\" logid=\"1501054802\" "
                + "type=\"utm\" subtype=\"dns\" eventtime=" + epochSeconds + " srcip=192.168.6.150 srcport=51514 srcmac=\""
                + PHONE_MAC + "\" devtype=\"iPhone\" osname=\"iOS\" dstip=192.0.2.53 dstport=53 qname=\"example.jp\""));
    }

    private MockHttpServletResponse call(Login who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(authentication(world.authentication(who)))).andReturn().getResponse();
    }

    private List<Host> hostsOf(Tenant t) {
        return repository.allOf(t.id());
    }

    /** An entry of the owner's company's asset ledger. */
    private UUID ledgerEntry(Login owner, String name) {
        return assets.add(owner.actor(), AssetDraft.of(Map.ofEntries(Map.entry("name", name),
                Map.entry("ownerName", "生産管理"), Map.entry("place", "工場"), Map.entry("form", "electronic"),
                Map.entry("personalData", "no"), Map.entry("confidentiality", "1"), Map.entry("integrity", "1"),
                Map.entry("availability", "1"), Map.entry("threat", "1"), Map.entry("vulnerability", "1"),
                Map.entry("decision", "accept")))).asset().id();
    }

    @Test
    void aDhcpLeaseAndABrowserAreOneDeviceWithItsNameAndOldOsAndAPublicAddressIsNone() throws Exception {
        hinodeXp(a);
        hinodeXp(a); // the same batch again changes nothing
        List<Host> hosts = hostsOf(a);
        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.key()).isEqualTo(XP_MAC);
            assertThat(h.ip()).isEqualTo("192.168.4.99");
            assertThat(h.names()).containsExactly("KOJO-XP01");
            assertThat(h.osGuess()).isEqualTo("Windows XP");
            assertThat(h.osEvidence()).contains("MSIE 6.0");
            assertThat(h.endOfLife()).isTrue();
            assertThat(h.marking()).isEqualTo(Marking.UNDECIDED);
            assertThat(h.firstSeen().getEpochSecond()).isEqualTo(1_763_600_000L);
            assertThat(h.lastSeen().getEpochSecond()).isEqualTo(1_763_600_030L);
        });
        assertThat(names.describe(a.id(), "203.0.113.7")).isEmpty();
    }

    @Test
    void anAddressSeenAloneThenWithItsMacBecomesThatMacsDevice() throws Exception {
        observe(parse(a, "zeek", "{\"_path\":\"known_hosts\",\"ts\":1763600000.0,\"host\":\"192.168.4.99\"}"));
        assertThat(hostsOf(a)).extracting(Host::key).containsExactly("192.168.4.99");
        hinodeXp(a);
        assertThat(hostsOf(a)).extracting(Host::key).containsExactly(XP_MAC);
    }

    @Test
    void anotherCompanysDevicesAreNeverListedNorReachableByTheApiOrTheForms() throws Exception {
        hinodeXp(a);
        phone(b, 1_763_600_100L);
        String mine = call(ownerA, get("/api/v1/tenants/" + a.slug() + "/hosts")).getContentAsString();
        assertThat(mine).contains("KOJO-XP01").contains("Windows XP").doesNotContain(PHONE_MAC);
        assertThat(call(ownerA, get("/api/v1/tenants/" + b.slug() + "/hosts")).getStatus()).isEqualTo(404);
        assertThat(call(admin, get("/api/v1/tenants/" + b.slug() + "/hosts")).getContentAsString()).contains(PHONE_MAC)
                .doesNotContain("KOJO-XP01");

        String page = call(ownerA, get("/my/hosts")).getContentAsString();
        assertThat(page).contains("KOJO-XP01").doesNotContain(PHONE_MAC);
        assertThat(call(ownerA, get("/tenants/" + b.id() + "/hosts")).getStatus()).isEqualTo(404);
        assertThat(call(admin, get("/tenants/" + a.id() + "/hosts")).getContentAsString()).contains("KOJO-XP01");

        // B's owner posting A's device key to B's own form: not found in B's company, A's row unchanged.
        MockHttpServletResponse r = call(ownerB, post("/my/hosts/mark").with(csrf()).param("key", XP_MAC)
                .param("marking", "ours"));
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(hostsOf(a)).singleElement().extracting(Host::marking).isEqualTo(Marking.UNDECIDED);
    }

    @Test
    void markingNeedsCsrfAndTheOwnerIsAuditedAndAMemberOnlyReads() throws Exception {
        hinodeXp(a);
        assertThat(call(ownerA, post("/my/hosts/mark").param("key", XP_MAC).param("marking", "ours")).getStatus())
                .isEqualTo(403);
        assertThat(call(memberA, post("/my/hosts/mark").with(csrf()).param("key", XP_MAC).param("marking", "ours"))
                .getStatus()).isEqualTo(403);
        assertThat(call(memberA, get("/my/hosts")).getContentAsString()).contains("KOJO-XP01")
                .doesNotContain("name=\"marking\"");
        assertThat(hostsOf(a)).singleElement().extracting(Host::marking).isEqualTo(Marking.UNDECIDED);

        MockHttpServletResponse r = call(ownerA, post("/my/hosts/mark").with(csrf()).param("key", XP_MAC)
                .param("marking", "ours"));
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(hostsOf(a)).singleElement().satisfies(h -> {
            assertThat(h.marking()).isEqualTo(Marking.OURS);
            assertThat(h.markedBy()).isEqualTo(ownerA.user().login());
        });
        assertThat(inventory.ours(a.id(), XP_MAC, null)).isTrue();
        assertThat(inventory.ours(b.id(), XP_MAC, null)).isFalse();
        assertThat(jdbc.sql("select detail from audit_event where action = 'HOST_MARKED' and tenant_id = :t")
                .param("t", a.id()).query(String.class).list()).containsExactly("undecided -> ours");

        assertThat(call(ownerA, post("/my/hosts/mark").with(csrf()).param("key", XP_MAC).param("marking", "mine"))
                .getStatus()).isEqualTo(400);
    }

    @Test
    void theAdviceNamesThePcWithTheCompanysLabelAndANotOursDeviceIsToldToLeaveTheWifi() throws Exception {
        hinodeXp(a);
        phone(a, 1_763_600_200L);
        UUID ledger = ledgerEntry(ownerA, "工場の検査用PC");
        assertThat(call(ownerA, post("/my/hosts/describe").with(csrf()).param("key", XP_MAC).param("label", "生産管理")
                .param("ledger", ledger.toString())).getStatus()).isEqualTo(302);
        assertThat(names.describe(a.id(), "192.168.4.99")).contains("KOJO-XP01（生産管理）");
        assertThat(names.describe(a.id(), "00-0C-29-4A-58-50")).contains("KOJO-XP01（生産管理）");
        assertThat(names.describe(b.id(), "192.168.4.99")).isEmpty();
        assertThat(hostsOf(a)).filteredOn(h -> h.key().equals(XP_MAC)).singleElement()
                .extracting(Host::ledgerAssetId).isEqualTo(ledger);
        // Another company's ledger entry is refused.
        UUID ledgerB = ledgerEntry(ownerB, "bravo");
        assertThat(call(ownerA, post("/my/hosts/describe").with(csrf()).param("key", XP_MAC).param("label", "x")
                .param("ledger", ledgerB.toString())).getStatus()).isEqualTo(400);

        OwnerStory xp = stories.of(a.id(), UUID.randomUUID(), Category.OUTDATED_OS, XP_MAC);
        Object[] args = xp.args(XP_MAC, 1, "", messages, Locale.JAPANESE);
        assertThat(xp.text("headline", args, messages, Locale.JAPANESE)).contains("KOJO-XP01（生産管理）")
                .doesNotContain("192.168.");
        OwnerStory viaAddress = stories.of(a.id(), UUID.randomUUID(), Category.C2, "192.168.4.99");
        assertThat(viaAddress.pc()).isEqualTo("KOJO-XP01（生産管理）");
        OwnerStory publicOne = stories.of(a.id(), UUID.randomUUID(), Category.C2, "203.0.113.7");
        assertThat(publicOne.pc()).isNull();

        OwnerStory unknown = stories.of(a.id(), UUID.randomUUID(), Category.UNKNOWN_DEVICE, PHONE_MAC);
        assertThat(unknown.key()).isEqualTo("plain.unknown_device");
        assertThat(unknown.text("headline", unknown.args(PHONE_MAC, 1, "", messages, Locale.ENGLISH), messages,
                Locale.ENGLISH)).contains("iPhone").doesNotContain(PHONE_MAC);
        call(ownerA, post("/my/hosts/mark").with(csrf()).param("key", PHONE_MAC).param("marking", "not_ours"));
        OwnerStory notOurs = stories.of(a.id(), UUID.randomUUID(), Category.UNKNOWN_DEVICE, PHONE_MAC);
        assertThat(notOurs.key()).isEqualTo("plain.unknown_device_not_ours");
        assertThat(notOurs.steps(notOurs.args(PHONE_MAC, 1, "", messages, Locale.JAPANESE), messages, Locale.JAPANESE))
                .anyMatch(s -> s.contains("Wi-Fiから外して"));
        assertThat(call(ownerA, get("/my/hosts")).getContentAsString()).contains("社内のネットワーク（Wi-Fi）から外して");
    }

    private static String dhcp(String mac, String ip, long ts) {
        return "{\"_path\":\"dhcp\",\"ts\":" + ts + ".0,\"uids\":[\"C9\"],\"mac\":\"" + mac + "\",\"assigned_addr\":\""
                + ip + "\",\"msg_types\":[\"REQUEST\",\"ACK\"],\"lease_time\":86400.0}";
    }

    @Test
    void aMacSeenAtAnAddressThatHasARowOfItsOwnAbsorbsItKeepingWhatTheCompanyDecided() throws Exception {
        observe(parse(a, "zeek", dhcp(XP_MAC, "192.168.4.50", 1_763_500_000L)));
        observe(parse(a, "zeek", "{\"_path\":\"known_hosts\",\"ts\":1763550000.0,\"host\":\"192.168.4.99\"}"));
        assertThat(hostsOf(a)).extracting(Host::key).containsExactlyInAnyOrder(XP_MAC, "192.168.4.99");
        assertThat(call(ownerA, post("/my/hosts/mark").with(csrf()).param("key", "192.168.4.99")
                .param("marking", "ours")).getStatus()).isEqualTo(302);
        assertThat(call(ownerA, post("/my/hosts/describe").with(csrf()).param("key", "192.168.4.99")
                .param("label", "生産管理")).getStatus()).isEqualTo(302);

        hinodeXp(a); // the lease moved to .99: the address's row is this MAC's device
        assertThat(hostsOf(a)).singleElement().satisfies(h -> {
            assertThat(h.key()).isEqualTo(XP_MAC);
            assertThat(h.ip()).isEqualTo("192.168.4.99");
            assertThat(h.marking()).isEqualTo(Marking.OURS);
            assertThat(h.markedBy()).isEqualTo(ownerA.user().login());
            assertThat(h.label()).isEqualTo("生産管理");
            assertThat(h.firstSeen().getEpochSecond()).isEqualTo(1_763_500_000L);
            assertThat(h.names()).containsExactly("KOJO-XP01");
        });
        assertThat(inventory.ours(a.id(), XP_MAC, null)).isTrue();
        hinodeXp(a);
        assertThat(hostsOf(a)).singleElement().extracting(Host::key).isEqualTo(XP_MAC);
    }

    @Test
    void anOverlongAddressAndAHugeUserAgentNeverStopTheInventory() throws Exception {
        String junk = "fd" + "1".repeat(298);
        String ua = "Mozilla/5.0 (Windows NT 6.1; Win64; x64) " + "A".repeat(5_000);
        List<SecurityEvent> batch = new ArrayList<>(parse(a, "zeek",
                "{\"_path\":\"http\",\"ts\":1763600000.0,\"uid\":\"C1\",\"id.orig_h\":\"" + junk + "\",\"id.orig_p\":5000,"
                        + "\"id.resp_h\":\"203.0.113.9\",\"id.resp_p\":80,\"method\":\"GET\",\"host\":\"example.jp\","
                        + "\"uri\":\"/\",\"user_agent\":\"" + ua + "\"}",
                "{\"_path\":\"http\",\"ts\":1763600001.0,\"uid\":\"C2\",\"id.orig_h\":\"192.168.4.60\",\"id.orig_p\":5000,"
                        + "\"id.resp_h\":\"203.0.113.9\",\"id.resp_p\":80,\"method\":\"GET\",\"host\":\"example.jp\","
                        + "\"uri\":\"/\",\"user_agent\":\"" + ua + "\"}",
                "{\"_path\":\"known_hosts\",\"ts\":1763600002.0,\"host\":\"" + junk + "\"}",
                "{\"_path\":\"known_hosts\",\"ts\":1763600003.0,\"host\":\"fd12::1%eth0\"}"));
        assertThat(batch).hasSize(4);
        observe(batch);
        assertThat(hostsOf(a)).singleElement().satisfies(h -> {
            assertThat(h.key()).isEqualTo("192.168.4.60");
            assertThat(h.osGuess()).isEqualTo("Windows 7");
            assertThat(h.osEvidence()).hasSizeLessThanOrEqualTo(400);
        });
        hinodeXp(a); // the inventory keeps going
        assertThat(hostsOf(a)).extracting(Host::key).contains(XP_MAC);
    }

    @Test
    void theCompanySeesWhereAGuessWasLearntInPlainWordsAndOnlyStaffSeeTheRawEvidence() throws Exception {
        hinodeXp(a);
        String mine = call(ownerA, get("/my/hosts").locale(Locale.JAPANESE)).getContentAsString();
        assertThat(mine).contains(messages.getMessage("host.learnt.browser", null, Locale.JAPANESE))
                .doesNotContain("MSIE 6.0");
        String english = call(ownerA, get("/my/hosts").locale(Locale.ENGLISH)).getContentAsString();
        assertThat(english).contains("From what its web browser says about itself").doesNotContain("Mozilla/4.0");
        String staff = call(admin, get("/tenants/" + a.id() + "/hosts")).getContentAsString();
        assertThat(staff).contains("MSIE 6.0");
    }
}
