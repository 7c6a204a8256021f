package jp.sukedachi.app.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.BrowserTestBase;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.RecordParser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In real Chromium at a phone's 390 px: the owner of a ryokan sees the devices of the office Wi-Fi in plain words,
 * presses "うちの機器ではありません" on the iPhone nobody knows, and the page tells to take it off the Wi-Fi; then
 * the same in English, without sideways scrolling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
class HostBrowserTest extends BrowserTestBase {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    HostInventory inventory;

    private static List<SecurityEvent> fortigate(Tenant t, String... lines) throws Exception {
        RecordParser p = LogFormats.standard().byId("fortigate").orElseThrow().newParser();
        List<SecurityEvent> out = new ArrayList<>();
        for (String line : lines) {
            SecurityEvent e = p.parse(line, System.currentTimeMillis());
            out.add(e.withOwner(new TenantId(t.id()), new DeviceId(UUID.randomUUID()), e.timestampMillis()));
        }
        return out;
    }

    @Test
    void theOwnerMarksThePrivateIphoneNotOursOnAPhone() throws Exception {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("つばめ旅館"));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        inventory.observe(fortigate(tenant,
                "date=2026-11-01 time=09:00:00 devname=\"TSUBAME-FGT\" logid=\"0000000013\" type=\"traffic\" "
                        + "subtype=\"forward\" eventtime=1761955200 srcip=192.168.6.20 srcmac=\"00:1a:2b:00:05:00\" "
                        + "srcname=\"FRONT-PC01\" devtype=\"Windows PC\" osname=\"Windows\" srcswversion=\"11\" "
                        + "dstip=192.0.2.10 dstport=443 action=\"accept\"",
                "date=2026-11-11 time=21:30:00 devname=\"TSUBAME-FGT\" logid=\"1501054802\" type=\"utm\" "
                        + "subtype=\"dns\" eventtime=1762864200 srcip=192.168.6.150 srcmac=\"f2:3c:91:aa:10:07\" "
                        + "devtype=\"iPhone\" osname=\"iOS\" srcswversion=\"17.1\" dstip=192.0.2.53 dstport=53 "
                        + "qname=\"loader.example\""));

        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(owner);
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(url("/my/hosts?lang=ja"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("社内のネットワークにつながっている機器");
        WebElement phone = browser.findElement(By.id("host-f2-3c-91-aa-10-07"));
        assertThat(phone.getText()).contains("iPhone").contains("iOS 17.1").contains("まだ決まっていません");
        assertThat(browser.findElement(By.id("host-00-1a-2b-00-05-00")).getText()).contains("FRONT-PC01");
        assertFitsWindow();

        phone.findElement(By.cssSelector("button.host-not-ours")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("社内のWi-Fiから外して");
        phone = browser.findElement(By.id("host-f2-3c-91-aa-10-07"));
        assertThat(phone.getText()).contains("うちの機器ではありません").contains(owner.user().login())
                .contains("社内のネットワーク（Wi-Fi）から外して");
        assertThat(phone.findElements(By.cssSelector("button.host-not-ours"))).isEmpty();
        assertThat(phone.findElement(By.cssSelector("button.host-ours")).getCssValue("font-size")).satisfies(
                px -> assertThat(Double.parseDouble(px.replace("px", ""))).isGreaterThanOrEqualTo(14));
        assertFitsWindow();

        browser.get(url("/my/hosts?lang=en"));
        phone = browser.findElement(By.id("host-f2-3c-91-aa-10-07"));
        assertThat(phone.getText()).contains("This is not ours").contains("taken off the office network (Wi-Fi)");
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("うちの機器");
        assertFitsWindow();
    }
}
