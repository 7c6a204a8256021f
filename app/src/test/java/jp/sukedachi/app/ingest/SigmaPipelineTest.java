package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sigma in the pipeline: a journal batch with a matching Windows event becomes a "sigma" detection and an
 * alert in the same transaction as the offset, and the alert page credits the rule (title, id, author,
 * reference, DRL 1.1) in both languages.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
@AutoConfigureMockMvc
class SigmaPipelineTest {
    /** A one-line Sigma rule on process creation (also used by {@link SigmaRulesFirstLoadTest}). */
    static final String RULE = """
            title: Whoami Execution
            id: e28a5a99-da44-436d-b7a0-2afc20a5f413
            status: test
            level: high
            author: Florian Roth (Nextron Systems)
            references:
                - https://example.org/whoami
                - javascript:alert(1)
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            """;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    PipelineStages stages;
    @Autowired
    SigmaRules sigma;
    @Autowired
    TestWorld world;
    @Autowired
    AlertQueries alerts;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void noRules() {
        sigma.install(new SigmaRuleSet(List.of(), List.of()));
    }

    @Test
    void aMatchingEventBecomesACreditedSigmaAlert() throws Exception {
        sigma.install(new SigmaRuleSet.Builder().add(RULE, "whoami.yml", "windows/process_creation").build());
        var admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique("Sigma"));
        SecurityEvent base = SecurityEvent.builder("windows").tenant(new TenantId(tenant.id()))
                .device(new DeviceId(new java.util.UUID(7, 7))).timestamp(1_780_000_000_000L).received(0).raw("{}")
                .original("EventID", "1").original("Channel", "Microsoft-Windows-Sysmon/Operational").build();
        List<SecurityEvent> batch = List.of(
                base.toBuilder().original("Image", "C:\\Windows\\System32\\WHOAMI.EXE").build(),
                base.toBuilder().original("Image", "C:\\Windows\\System32\\notepad.exe").build(),
                base.toBuilder().tenant(null).original("Image", "C:\\Windows\\System32\\whoami.exe").build());
        assertThat(stages.handle("sigma-test", batch, 7)).isTrue();

        var stored = alerts.detectionsOf(admin.actor(), tenant.id(), 100);
        assertThat(stored).singleElement().satisfies(d -> assertThat(d.toString()).contains("sigma",
                "e28a5a99-da44-436d-b7a0-2afc20a5f413", "Florian Roth", "https://example.org/whoami", "DRL"));
        Alert alert = alerts.alertsOf(admin.actor(), tenant.id(), 10).getFirst();
        assertThat(alert.detector()).isEqualTo("sigma");
        assertThat(alert.ruleId()).isEqualTo("e28a5a99-da44-436d-b7a0-2afc20a5f413");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);

        var analyst = world.staff(Role.ANALYST, true);
        String ja = mvc.perform(get("/alerts/" + alert.id()).with(authentication(world.authentication(analyst))))
                .andReturn().getResponse().getContentAsString();
        assertThat(ja).contains("id=\"sigma-rule\"", "Whoami Execution", "e28a5a99-da44-436d-b7a0-2afc20a5f413",
                "Florian Roth (Nextron Systems)", "href=\"https://example.org/whoami\"", "Detection Rule License (DRL) 1.1",
                "作成者");
        assertThat(ja).as("only http(s) references become links").doesNotContain("href=\"javascript:");
        String en = mvc.perform(get("/alerts/" + alert.id()).header("Accept-Language", "en")
                .with(authentication(world.authentication(analyst)))).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Detection rule (Sigma)", "used under the Detection Rule License (DRL) 1.1");
    }

    private static final String CORRELATION = """
            title: Whoami Three Times On One Computer
            id: 0c7bd5f2-4a5e-4e55-9b0c-3d0a8f3a1c11
            status: test
            level: critical
            author: Sukedachi tests
            correlation:
                type: event_count
                rules:
                    - e28a5a99-da44-436d-b7a0-2afc20a5f413
                group-by:
                    - Computer
                timespan: 10m
                condition:
                    gte: 3
            """;

    @Test
    void correlationRulesCountPerCompanyOnly() {
        sigma.install(new SigmaRuleSet.Builder().add(RULE, "whoami.yml", "windows/process_creation")
                .add(CORRELATION, "whoami-3.yml", "windows/correlation").build());
        var admin = world.admin();
        Tenant a = world.tenant(admin.actor(), TestWorld.unique("CorrA"));
        Tenant b = world.tenant(admin.actor(), TestWorld.unique("CorrB"));
        SecurityEvent base = SecurityEvent.builder("windows").device(new DeviceId(new java.util.UUID(7, 8)))
                .timestamp(1_780_000_000_000L).received(0).raw("{}").original("EventID", "1")
                .original("Channel", "Microsoft-Windows-Sysmon/Operational").original("Computer", "PC-01")
                .original("Image", "C:\\Windows\\System32\\whoami.exe").build();
        SecurityEvent ofA = base.toBuilder().tenant(new TenantId(a.id())).build();
        SecurityEvent ofB = base.toBuilder().tenant(new TenantId(b.id())).build();
        // Two at A and two at B on a computer of the same name: no company reached three.
        assertThat(stages.handle("corr-test", List.of(ofA, ofB, ofA.toBuilder().timestamp(1_780_000_060_000L).build(),
                ofB.toBuilder().timestamp(1_780_000_060_000L).build()), 1)).isTrue();
        assertThat(alerts.alertsOf(admin.actor(), a.id(), 10))
                .noneMatch(al -> al.ruleId().equals("0c7bd5f2-4a5e-4e55-9b0c-3d0a8f3a1c11"));
        // The third at A within ten minutes completes A's count.
        assertThat(stages.handle("corr-test", List.of(ofA.toBuilder().timestamp(1_780_000_120_000L).build()), 2)).isTrue();
        assertThat(alerts.alertsOf(admin.actor(), a.id(), 10))
                .anySatisfy(al -> {
                    assertThat(al.ruleId()).isEqualTo("0c7bd5f2-4a5e-4e55-9b0c-3d0a8f3a1c11");
                    assertThat(al.severity()).isEqualTo(Severity.CRITICAL);
                });
        assertThat(alerts.alertsOf(admin.actor(), b.id(), 10))
                .noneMatch(al -> al.ruleId().equals("0c7bd5f2-4a5e-4e55-9b0c-3d0a8f3a1c11"));
    }

    @Test
    void aFewerThanCorrelationFiresWhenItsWindowHasEndedInEventTime() {
        String rare = CORRELATION.replace("0c7bd5f2-4a5e-4e55-9b0c-3d0a8f3a1c11", "5e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")
                .replace("title: Whoami Three Times On One Computer", "title: Whoami Only Once On One Computer")
                .replace("gte: 3", "lt: 2");
        sigma.install(new SigmaRuleSet.Builder().add(RULE, "whoami.yml", "windows/process_creation")
                .add(rare, "whoami-once.yml", "windows/correlation").build());
        var admin = world.admin();
        Tenant a = world.tenant(admin.actor(), TestWorld.unique("CorrLt"));
        SecurityEvent whoami = SecurityEvent.builder("windows").tenant(new TenantId(a.id()))
                .device(new DeviceId(new java.util.UUID(7, 9))).timestamp(1_780_000_000_000L).received(0).raw("{}")
                .original("EventID", "1").original("Channel", "Microsoft-Windows-Sysmon/Operational")
                .original("Computer", "PC-02").original("Image", "C:\\Windows\\System32\\whoami.exe").build();
        assertThat(stages.handle("corr-lt", List.of(whoami), 1)).isTrue();
        assertThat(alerts.alertsOf(admin.actor(), a.id(), 10))
                .noneMatch(al -> al.ruleId().equals("5e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
        // Eleven minutes later in the events' own time (any event), the ten-minute window has closed with one match.
        SecurityEvent later = whoami.toBuilder().timestamp(1_780_000_660_000L).original("Image", "C:\\x\\notepad.exe").build();
        assertThat(stages.handle("corr-lt", List.of(later), 2)).isTrue();
        assertThat(alerts.alertsOf(admin.actor(), a.id(), 10))
                .anySatisfy(al -> assertThat(al.ruleId()).isEqualTo("5e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
    }
}
