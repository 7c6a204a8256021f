package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.sukedachi.app.incident.ReportingFacts.PersonalData;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The reporting facts and duties as stored (V24): the duties follow the answered facts, staff's marks survive new
 * facts, times come back as they were written, and every read is scoped to the actor's company. Runs on H2 and
 * PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000",
        "sukedachi.watch.enabled=false"})
abstract class ReportingStorageContract {
    @Autowired
    TestWorld world;
    @Autowired
    Incidents incidents;
    @Autowired
    IncidentReporting reporting;
    @Autowired
    ReportingRepository repository;
    @Autowired
    JdbcClient jdbc;

    Login admin;
    Login analyst;
    Tenant a;
    Login ownerA;
    Login ownerB;
    Incident incident;

    @BeforeEach
    void world() {
        admin = world.admin();
        analyst = world.staff(Role.ANALYST, true);
        a = world.tenant(admin.actor(), TestWorld.unique("Storage"));
        Tenant b = world.tenant(admin.actor(), TestWorld.unique("Other"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER);
        ownerB = world.smeUser(b, Role.TENANT_OWNER);
        incident = incidents.openForCompany(analyst.actor(), a.id(),
                new Incidents.Opening("経理PCが暗号化された", IncidentType.RANSOMWARE, "CRITICAL"));
    }

    static ReportingExtension.Answers answers(String personalData, Integer people, boolean partners) {
        return new ReportingExtension.Answers(personalData, people, false, false, false, partners, false, false);
    }

    private Map<ReportingParty, ReportDuty> stored() {
        return repository.duties(admin.actor(), incident.id()).stream()
                .collect(Collectors.toMap(ReportDuty::party, Function.identity()));
    }

    @Test
    void answeredFactsStoreTheDutiesAndMarksSurviveNewFacts() {
        // Stored when the case opened, from its type alone (so the staff home counts them before anyone looks).
        assertThat(stored().keySet()).containsExactlyInAnyOrder(ReportingParty.DESK, ReportingParty.INSURER,
                ReportingParty.POLICE, ReportingParty.IPA);
        reporting.saveFacts(analyst.actor(), incident.id(), answers("YES", 30, false));
        Instant learned = incident.learnedAt();
        var duties = stored();
        assertThat(duties.keySet()).containsExactlyInAnyOrder(ReportingParty.DESK, ReportingParty.INSURER,
                ReportingParty.POLICE, ReportingParty.IPA, ReportingParty.PPC_PRELIMINARY, ReportingParty.PPC_FINAL,
                ReportingParty.PEOPLE);
        // Microseconds are what both databases keep.
        assertThat(duties.get(ReportingParty.PPC_FINAL).dueAt())
                .isEqualTo(learned.plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.MICROS));
        assertThat(duties.get(ReportingParty.PPC_PRELIMINARY).status()).isEqualTo(ReportDuty.Status.TODO);
        assertThat(duties.get(ReportingParty.DESK).status()).isEqualTo(ReportDuty.Status.SENT);
        var facts = repository.facts(ownerA.actor(), incident.id(), learned).orElseThrow();
        assertThat(facts.people()).isEqualTo(30);
        assertThat(facts.personalData()).isEqualTo(PersonalData.YES);

        Instant sentAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
        reporting.markSent(analyst.actor(), incident.id(), ReportingParty.POLICE, sentAt, "生活安全課に電話で相談");
        reporting.markNotNeeded(analyst.actor(), incident.id(), ReportingParty.IPA, "警察から届出済みと連絡あり");
        // No personal data after all: the PPC's duties go, the marks stay.
        reporting.saveFacts(analyst.actor(), incident.id(), answers("NO", null, false));
        duties = stored();
        assertThat(duties.keySet()).doesNotContain(ReportingParty.PPC_PRELIMINARY, ReportingParty.PPC_FINAL,
                ReportingParty.PEOPLE);
        assertThat(duties.get(ReportingParty.POLICE).status()).isEqualTo(ReportDuty.Status.SENT);
        assertThat(duties.get(ReportingParty.POLICE).doneAt()).isEqualTo(sentAt);
        assertThat(duties.get(ReportingParty.POLICE).doneBy()).isEqualTo(analyst.user().login());
        assertThat(duties.get(ReportingParty.POLICE).note()).isEqualTo("生活安全課に電話で相談");
        assertThat(duties.get(ReportingParty.IPA).status()).isEqualTo(ReportDuty.Status.NOT_NEEDED);
        assertThat(repository.facts(admin.actor(), incident.id(), learned).orElseThrow().people()).isNull();
        assertThat(jdbc.sql("select count(*) from audit_event where action in ('REPORTING_FACTS_SAVED',"
                + " 'REPORTING_DUTY_SENT', 'REPORTING_DUTY_NOT_NEEDED') and target like :t")
                .param("t", "incident:" + incident.id() + "%").query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void anotherCompanyReadsNothingAndTheCompanyItselfChangesNothing() {
        reporting.saveFacts(admin.actor(), incident.id(), answers("MAYBE", 5, true));
        assertThat(repository.duties(ownerB.actor(), incident.id())).isEmpty();
        assertThat(repository.facts(ownerB.actor(), incident.id(), Instant.now())).isEmpty();
        assertThat(repository.duties(world.staff(Role.RESPONDER, true).actor(), incident.id())).isEmpty();
        assertThat(repository.duties(ownerA.actor(), incident.id())).isNotEmpty();
        assertThatThrownBy(() -> reporting.plan(ownerB.actor(), incident.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reporting.markSent(ownerB.actor(), incident.id(), ReportingParty.POLICE, null, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reporting.markSent(ownerA.actor(), incident.id(), ReportingParty.POLICE, null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(stored().get(ReportingParty.POLICE).status()).isEqualTo(ReportDuty.Status.TODO);
        // Overdue counts: nothing past due yet for a just-opened incident except what is due at once (done).
        assertThat(repository.countOverdue(admin.actor(), Instant.now())).isZero();
        assertThat(repository.countOverdue(ownerA.actor(), Instant.now().plus(Duration.ofDays(2))))
                .isGreaterThanOrEqualTo(2);
        assertThat(repository.countOverdue(ownerB.actor(), Instant.now().plus(Duration.ofDays(2)))).isZero();
    }

    @Test
    void aPartyTheIncidentDoesNotNeedCannotBeMarked() {
        assertThatThrownBy(() -> reporting.markSent(admin.actor(), incident.id(), ReportingParty.JPCERT, null, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(List.copyOf(stored().keySet())).doesNotContain(ReportingParty.JPCERT)
                .containsExactlyInAnyOrder(ReportingParty.DESK, ReportingParty.INSURER, ReportingParty.POLICE,
                        ReportingParty.IPA);
    }
}
