package jp.sukedachi.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.desk.TicketCategory;
import jp.sukedachi.app.desk.TicketPriority;
import jp.sukedachi.app.desk.TicketSummary;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.incident.IncidentRecords.Task;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.FunnelCountRepository;
import jp.sukedachi.app.triage.FunnelRepository;
import jp.sukedachi.app.triage.Triage;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.Detection.Severity;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;

/**
 * An incident's lifecycle on a real database: opened from alerts of one company (linked, numbered, counted once
 * in the funnel, with the type's playbook), from a desk ticket or for a company; status forward only and reopened
 * with a reason; tasks checked off with who and when; the company reading only what is for the company; evidence
 * with its SHA-256 under the size cap; entries other capabilities record. Runs on H2 and PostgreSQL.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.intel.refresh-initial-ms=3600000"})
abstract class IncidentLifecycleContract {
    @Autowired
    Incidents incidents;
    @Autowired
    IncidentTickets fromTickets;
    @Autowired
    Tickets tickets;
    @Autowired
    Triage triage;
    @Autowired
    AlertQueries alerts;
    @Autowired
    FunnelRepository funnels;
    @Autowired
    TestWorld world;

    Actor admin;
    Actor analyst;
    Actor ownerA;
    Actor memberA;
    Actor ownerB;
    Actor responder;
    Tenant a;
    Tenant b;

    @BeforeEach
    void companies() {
        admin = world.admin().actor();
        analyst = world.staff(Role.ANALYST, true).actor();
        responder = world.staff(Role.RESPONDER, true).actor();
        a = world.tenant(admin, TestWorld.unique("Incident A"));
        b = world.tenant(admin, TestWorld.unique("Incident B"));
        ownerA = world.smeUser(a, Role.TENANT_OWNER).actor();
        memberA = world.smeUser(a, Role.TENANT_MEMBER).actor();
        ownerB = world.smeUser(b, Role.TENANT_OWNER).actor();
    }

    /** Alerts of a company: one per host, a C2 connection each (a malware case). */
    List<Alert> alertsOf(Tenant t, String... hosts) {
        return alertsOf(triage, alerts, admin, t, hosts);
    }

    static List<Alert> alertsOf(Triage triage, AlertQueries alerts, Actor admin, Tenant t, String... hosts) {
        Instant at = Instant.now();
        List<Detection> found = new java.util.ArrayList<>();
        for (String host : hosts) {
            SecurityEvent e = SecurityEvent.builder("suricata-eve").tenant(new TenantId(t.id()))
                    .device(new DeviceId(new UUID(1, 1))).timestamp(at.toEpochMilli()).received(at.toEpochMilli())
                    .raw("flow " + host).set(Ecs.HOST_NAME, host).set(Ecs.DESTINATION_IP, "203.0.113.66").build();
            found.add(new Detection(e.tenant(), e.device(), at.toEpochMilli(), "intel", "ipv4:203.0.113.66",
                    "Connection to known botnet C2 203.0.113.66", Severity.HIGH, Category.C2, e,
                    Map.of("field", Ecs.DESTINATION_IP)));
        }
        triage.keep(found, at);
        List<String> wanted = List.of(hosts);
        return alerts.alertsOf(admin, t.id(), 100).stream().filter(x -> wanted.contains(x.entity())).toList();
    }

    long incidentsToday(Tenant t) {
        return funnels.dayAndMonth(admin, FunnelCountRepository.day(Instant.now())).dayOf(t.id()).incidents();
    }

    @Test
    void alertsOfOneCompanyBecomeOneNumberedIncidentWithThePlaybookCountedOnceInTheFunnel() {
        List<Alert> found = alertsOf(a, "pc-1", "pc-2");
        long before = incidentsToday(a);
        Incident first = incidents.openFromAlerts(analyst, found.stream().map(Alert::id).toList(),
                Incidents.Opening.DEFAULT);
        assertThat(first.type()).isEqualTo(IncidentType.MALWARE);
        assertThat(first.severity()).isEqualTo("HIGH");
        assertThat(first.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(first.source()).isEqualTo(IncidentSource.ALERTS);
        assertThat(first.hosts()).containsExactlyInAnyOrder("pc-1", "pc-2");
        assertThat(alerts.alertsOf(admin, a.id(), 100)).filteredOn(x -> found.stream().anyMatch(f -> f.id().equals(x.id())))
                .extracting(Alert::incidentId).containsOnly(first.id());
        assertThat(incidentsToday(a)).isEqualTo(before + 1);
        // The type's playbook, in order, isolation first, "for the company" where the company acts.
        List<Task> tasks = incidents.tasks(analyst, first.id());
        assertThat(tasks).extracting(Task::templateKey).containsExactlyElementsOf(
                new Playbooks().of(IncidentType.MALWARE).stream().map(Playbooks.Template::key).toList());
        assertThat(tasks.getFirst().forCompany()).isTrue();
        assertThat(incidents.timeline(analyst, first.id())).extracting(IncidentRecords.Entry::kind)
                .containsExactly("opened", "alerts_linked");

        Incident second = incidents.openForCompany(admin, a.id(),
                new Incidents.Opening("電話で相談：パソコンの画面に脅迫文", IncidentType.RANSOMWARE, "CRITICAL"));
        assertThat(second.number()).isEqualTo(first.number() + 1);
        assertThat(second.source()).isEqualTo(IncidentSource.STAFF);
        assertThat(incidentsToday(a)).isEqualTo(before + 2);
        assertThat(incidents.tasks(admin, second.id())).extracting(Task::templateKey).startsWith("isolate");
        // The funnel's counters equal the rows they count.
        Instant dayStart = FunnelCountRepository.day(Instant.now()).atStartOfDay(FunnelCountRepository.DAY_ZONE)
                .toInstant();
        assertThat(funnels.funnel(admin, a.id(), dayStart, dayStart.plusSeconds(86_400)).incidents())
                .isEqualTo(incidentsToday(a));
    }

    @Test
    void onlyStaffOpenIncidentsAndOnlyFromAlertsOfOneCompany() {
        Alert ofA = alertsOf(a, "pc-a").getFirst();
        Alert ofB = alertsOf(b, "pc-b").getFirst();
        long before = incidentsToday(a);
        assertThatThrownBy(() -> incidents.openFromAlerts(analyst, List.of(ofA.id(), ofB.id()),
                Incidents.Opening.DEFAULT)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> incidents.openFromAlerts(ownerA, List.of(ofA.id()), Incidents.Opening.DEFAULT))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> incidents.openFromAlerts(ownerB, List.of(ofA.id()), Incidents.Opening.DEFAULT))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> incidents.openForCompany(responder, a.id(), new Incidents.Opening("x", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> incidents.openFromAlerts(analyst, List.of(ofA.id()),
                new Incidents.Opening("t".repeat(501), null, null))).isInstanceOf(InvalidInput.class);
        assertThat(incidentsToday(a)).isEqualTo(before);
        assertThat(alerts.alertsOf(admin, a.id(), 10)).extracting(Alert::incidentId).containsOnlyNulls();
    }

    @Test
    void theStatusMovesForwardAndAClosedIncidentReopensOnlyWithAReason() {
        Incident i = incidents.openForCompany(analyst, a.id(), new Incidents.Opening("不審なログイン", null, null));
        assertThat(incidents.changeStatus(analyst, i.id(), IncidentStatus.CONTAINED, null).closedAt()).isNull();
        assertThatThrownBy(() -> incidents.changeStatus(analyst, i.id(), IncidentStatus.OPEN, "戻す"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> incidents.changeStatus(analyst, i.id(), IncidentStatus.CONTAINED, null))
                .isInstanceOf(InvalidInput.class);
        Incident closed = incidents.changeStatus(analyst, i.id(), IncidentStatus.CLOSED, null);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(incidents.open(admin, 500)).extracting(Incident::id).doesNotContain(i.id());
        assertThatThrownBy(() -> incidents.changeStatus(analyst, i.id(), IncidentStatus.OPEN, " "))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> incidents.changeStatus(ownerA, i.id(), IncidentStatus.OPEN, "まだ続いている"))
                .isInstanceOf(AccessDeniedException.class);
        Incident reopened = incidents.changeStatus(analyst, i.id(), IncidentStatus.OPEN, "同じ画面がまた出た");
        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.closedAt()).isNull();
        assertThat(incidents.timeline(ownerA, i.id())).extracting(IncidentRecords.Entry::kind)
                .containsExactly("opened", "status", "status", "reopened");
        // The owner is an active provider admin or analyst, nobody else.
        assertThat(incidents.changeOwner(admin, i.id(), analyst.userId()).ownerId()).isEqualTo(analyst.userId());
        assertThatThrownBy(() -> incidents.changeOwner(admin, i.id(), ownerA.userId())).isInstanceOf(InvalidInput.class);
    }

    @Test
    void tasksAreCheckedOffWithWhoAndWhenAndTheCompanyChecksOnlyItsOwn() {
        Incident i = incidents.openForCompany(analyst, a.id(), new Incidents.Opening("ランサムウェア", IncidentType.RANSOMWARE, null));
        List<Task> all = incidents.tasks(analyst, i.id());
        Task forCompany = all.stream().filter(Task::forCompany).findFirst().orElseThrow();
        Task forTeam = all.stream().filter(t -> !t.forCompany()).findFirst().orElseThrow();
        // The company reads only its own tasks.
        assertThat(incidents.tasks(memberA, i.id())).allMatch(Task::forCompany).extracting(Task::id)
                .contains(forCompany.id()).doesNotContain(forTeam.id());
        Task done = incidents.setTaskDone(memberA, i.id(), forCompany.id(), true);
        assertThat(done.doneAt()).isNotNull();
        assertThat(done.doneBy()).isEqualTo(memberA.login());
        assertThatThrownBy(() -> incidents.setTaskDone(memberA, i.id(), forTeam.id(), true))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> incidents.setTaskDone(ownerB, i.id(), forCompany.id(), false))
                .isInstanceOf(NotFoundException.class);
        Task undone = incidents.setTaskDone(analyst, i.id(), forCompany.id(), false);
        assertThat(undone.done()).isFalse();
        assertThat(undone.doneBy()).isNull();
        long added = incidents.addTask(analyst, i.id(), "NAS の管理画面のログを保存する", false);
        assertThat(incidents.tasks(analyst, i.id())).extracting(Task::id).endsWith(added);
        assertThat(incidents.tasks(ownerA, i.id())).extracting(Task::id).doesNotContain(added);
        assertThatThrownBy(() -> incidents.addTask(ownerA, i.id(), "x", true)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theCompanyReadsItsIncidentButNeverAnInternalEntryAndOtherCompaniesNothing() {
        Incident i = incidents.openForCompany(analyst, a.id(), new Incidents.Opening("なりすましメール", IncidentType.PHISHING, null));
        incidents.addNote(analyst, i.id(), "社内だけ：送信元は取引先の類似ドメイン", false);
        incidents.addNote(analyst, i.id(), "メールの保存をお願いしました", true);
        incidents.message(ownerA, i.id(), "メールは残してあります");
        incidents.recordExternal(a.id(), i.id(), "visit.checked_in", null, "駆け付け担当", "到着しました", true);
        incidents.recordExternal(a.id(), i.id(), "visit.internal", null, "駆け付け担当", "社内メモ", false);
        assertThatThrownBy(() -> incidents.recordExternal(b.id(), i.id(), "visit.checked_in", null, "x", "y", true))
                .isInstanceOf(NotFoundException.class);

        assertThat(incidents.find(ownerA, i.id())).isPresent();
        assertThat(incidents.find(ownerB, i.id())).isEmpty();
        assertThat(incidents.find(responder, i.id())).isEmpty();
        assertThat(incidents.findForSystem(i.id())).map(IncidentSummary::tenantId).contains(a.id());
        assertThat(incidents.list(ownerB, null, false, null, null, 100)).extracting(Incident::id).doesNotContain(i.id());
        assertThat(incidents.list(ownerA, null, false, null, null, 100)).extracting(Incident::id).contains(i.id());
        assertThatThrownBy(() -> incidents.timeline(ownerB, i.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> incidents.message(ownerB, i.id(), "見えますか")).isInstanceOf(NotFoundException.class);

        List<String> companyReads = incidents.timeline(ownerA, i.id()).stream()
                .map(e -> e.kind() + " " + e.detail()).toList();
        assertThat(String.join("\n", companyReads)).contains("メールの保存をお願いしました").contains("到着しました")
                .doesNotContain("類似ドメイン").doesNotContain("社内メモ");
        assertThat(incidents.timeline(analyst, i.id())).extracting(IncidentRecords.Entry::detail)
                .contains("社内だけ：送信元は取引先の類似ドメイン", "社内メモ");
        assertThat(incidents.messages(analyst, i.id())).extracting(IncidentRecords.Message::fromCompany).containsExactly(true);
        assertThatThrownBy(() -> incidents.addNote(ownerA, i.id(), "x", true)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void evidenceKeepsItsSha256AndTheSizeCapAndIsTheTeamsOnly() {
        Incident i = incidents.openForCompany(analyst, a.id(), new Incidents.Opening("証拠の保全", null, null));
        byte[] log = "2026-05-01 10:00 login failed admin\n".getBytes(StandardCharsets.UTF_8);
        IncidentRecords.Evidence e = incidents.addEvidence(analyst, i.id(), "fw/../auth.log", "text/plain", log, "FW のログ");
        assertThat(e.sha256()).isEqualTo(Hashes.sha256(log)).hasSize(64);
        assertThat(e.size()).isEqualTo(log.length);
        assertThat(e.fileName()).doesNotContain("/");
        assertThat(incidents.evidenceFile(analyst, i.id(), e.id()).content()).isEqualTo(log);
        assertThat(incidents.evidence(ownerA, i.id())).isEmpty();
        assertThatThrownBy(() -> incidents.evidenceFile(ownerA, i.id(), e.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> incidents.addEvidence(analyst, i.id(), "big.bin", null,
                new byte[Incidents.EVIDENCE_MAX_BYTES + 1], null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> incidents.addEvidence(analyst, i.id(), "empty.txt", null, new byte[0], null))
                .isInstanceOf(InvalidInput.class);
        assertThat(incidents.evidence(analyst, i.id())).hasSize(1);
    }

    @Test
    void aDeskTicketBecomesAnIncidentOfItsCompanyLearnedWhenTheTicketCameIn() {
        TicketSummary t = tickets.open(ownerA, a.id(), new Tickets.Draft("画面に英語の脅迫文が出ています",
                "経理のパソコンです。", TicketCategory.SUSPICIOUS, TicketPriority.HIGH, null, null, null, null));
        assertThatThrownBy(() -> fromTickets.open(ownerB, t.id(), Incidents.Opening.DEFAULT))
                .isInstanceOf(NotFoundException.class);
        Incident i = fromTickets.open(analyst, t.id(), new Incidents.Opening(null, IncidentType.RANSOMWARE, "CRITICAL"));
        assertThat(i.tenantId()).isEqualTo(a.id());
        assertThat(i.title()).isEqualTo("画面に英語の脅迫文が出ています");
        assertThat(i.source()).isEqualTo(IncidentSource.TICKET);
        assertThat(i.sourceTicketId()).isEqualTo(t.id());
        assertThat(i.learnedAt()).isEqualTo(t.receivedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(incidents.get(ownerA, i.id()).sourceTicketId()).isEqualTo(t.id());
    }
}
