package jp.sukedachi.app.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.sukedachi.app.incident.IncidentSummary;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Visits on a real database (H2 and PostgreSQL, see the subclasses): requested with the target arrival, assigned by
 * region, checked in and out with the record; each step in the incident's timeline; and the scope — a responder
 * reads only the visits assigned to them, a company only its own and never internal findings.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000", "sukedachi.dispatch.target-arrival-hours=4"})
@Import(VisitsContract.Completions.class)
abstract class VisitsContract {
    @Autowired
    Visits visits;
    @Autowired
    TestWorld world;
    @Autowired
    DispatchFixture fixture;
    @Autowired
    Completions completions;
    @Autowired
    JdbcClient jdbc;

    /** Collects the VisitCompleted events the service publishes. */
    static class Completions {
        final List<VisitCompleted> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(VisitCompleted event) {
            seen.add(event);
        }
    }

    Actor admin;
    Tenant tenant;
    IncidentSummary incident;

    @BeforeEach
    void aCompanyWithAnIncident() {
        admin = world.admin().actor();
        tenant = world.tenant(admin, TestWorld.unique("Visited"));
        incident = fixture.incident(admin, tenant, "ransomware on the office PC");
    }

    @Test
    void aRequestedVisitTakesTheCompanysContactAndItsTargetArrivalIsTheRequestPlusTheProvidersTarget() {
        Visit visit = fixture.request(admin, incident, "大阪府大阪市北区1-2-3 4階");
        assertThat(visit.status()).isEqualTo(VisitStatus.REQUESTED);
        assertThat(visit.contactName()).isEqualTo(tenant.contactName());
        assertThat(visit.contactPhone()).isEqualTo(tenant.contactPhone());
        assertThat(visit.prefecture()).isEqualTo("27");
        assertThat(visit.companyName()).isEqualTo(tenant.name());
        assertThat(Duration.between(visit.requestedAt(), visit.targetArrival())).isEqualTo(Duration.ofHours(4));
        Visit stored = visits.find(admin, visit.id()).orElseThrow();
        assertThat(stored.targetArrival()).isEqualTo(visit.targetArrival().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(stored.incidentTitle()).isEqualTo("ransomware on the office PC");
        assertThat(fixture.timelineKinds(admin, incident.id())).containsExactly("visit.requested");
    }

    @Test
    void theWindowMustEndAfterItStartsAndTheAddressIsRequired() {
        var start = java.time.Instant.now();
        assertThatThrownBy(() -> visits.request(admin, incident.id(), new VisitRequest(start, start.minusSeconds(60),
                "somewhere", "", "", ""))).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("windowEnd");
        assertThatThrownBy(() -> visits.request(admin, incident.id(), new VisitRequest(start, start.plusSeconds(60),
                " ", "", "", ""))).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("address");
        assertThat(visits.forIncident(admin, incident.id())).isEmpty();
    }

    @Test
    void availableRespondersCoveringTheCompanysPrefectureComeFirstThenTheOthers() {
        Login tokyo = fixture.responder(admin, "13");
        Login osakaBusy = fixture.responder(admin, "27");
        Login osaka = fixture.responder(admin, "27", "26");
        Responders responders = visitsResponders();
        responders.save(admin, osakaBusy.user().id(), List.of("27"), "BUSY", "on another visit", null, null);
        Visit visit = fixture.request(admin, incident, "大阪市");
        List<java.util.UUID> order = visits.suggestions(admin, visit).stream().map(ResponderProfile::userId).toList();
        assertThat(order.indexOf(osaka.user().id())).isLessThan(order.indexOf(tokyo.user().id()));
        assertThat(order.indexOf(tokyo.user().id())).isLessThan(order.indexOf(osakaBusy.user().id()));
        // BUSY until a time now past counts as available again.
        responders.save(admin, osakaBusy.user().id(), List.of("27"), "BUSY", null,
                java.time.Instant.now().minusSeconds(60), null);
        order = visits.suggestions(admin, visit).stream().map(ResponderProfile::userId).toList();
        assertThat(order.indexOf(osakaBusy.user().id())).isLessThan(order.indexOf(tokyo.user().id()));
    }

    @Autowired
    Responders respondersBean;

    Responders visitsResponders() {
        return respondersBean;
    }

    @Test
    void theAssignedResponderChecksInRecordsAndChecksOutEachStepInTheTimelineAndTheCompletionPublished() {
        Login responder = fixture.responder(admin, "27");
        Visit visit = fixture.request(admin, incident, "大阪市北区");
        visits.assign(admin, visit.id(), responder.user().id());
        Actor me = responder.actor();
        // Check-out before check-in is refused, and so is recording.
        assertThatThrownBy(() -> visits.checkOut(me, visit.id(), new VisitRecord("work", null, false, "山田", 10, null,
                null))).isInstanceOf(InvalidInput.class);
        Visit onSite = visits.checkIn(me, visit.id());
        assertThat(onSite.status()).isEqualTo(VisitStatus.ON_SITE);
        assertThat(onSite.checkedInAt()).isNotNull();
        // Correcting the minutes on site needs a reason.
        assertThatThrownBy(() -> visits.checkOut(me, visit.id(), new VisitRecord("work", null, false, "山田", 10, 95,
                null))).isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field())
                .isEqualTo("minutesReason");
        assertThatThrownBy(() -> visits.checkOut(me, visit.id(), new VisitRecord(" ", null, false, "山田", 10, null,
                null))).isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field())
                .isEqualTo("workDone");
        visits.saveRecord(me, visit.id(), new VisitRecord("isolated the PC", "shadow copies deleted", true, null, 35,
                null, null));
        Visit done = visits.checkOut(me, visit.id(), new VisitRecord("isolated the PC, kept it powered on",
                "shadow copies deleted", true, "山田 花子", 35, 95, "checked in late: the reception was closed"));
        assertThat(done.status()).isEqualTo(VisitStatus.DONE);
        assertThat(done.minutesOnSite()).isEqualTo(95);
        assertThat(done.travelMinutes()).isEqualTo(35);
        assertThat(done.signedOffBy()).isEqualTo("山田 花子");
        assertThat(fixture.timelineKinds(admin, incident.id())).containsExactly("visit.requested", "visit.assigned",
                "visit.checked_in", "visit.checked_out");
        assertThat(completions.seen).filteredOn(e -> e.visitId().equals(visit.id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.tenantId()).isEqualTo(tenant.id());
                    assertThat(e.incidentId()).isEqualTo(incident.id());
                    assertThat(e.minutesOnSite()).isEqualTo(95);
                    assertThat(e.travelMinutes()).isEqualTo(35);
                    assertThat(e.checkIn()).isEqualTo(done.checkedInAt());
                    assertThat(e.checkOut()).isEqualTo(done.checkedOutAt());
                });
        assertThat(jdbc.sql("select action from audit_event where target = :t order by id")
                .param("t", "visit " + visit.id()).query(String.class).list()).containsExactly("VISIT_REQUESTED",
                "VISIT_ASSIGNED", "VISIT_CHECKED_IN", "VISIT_RECORDED", "VISIT_CHECKED_OUT");
        // Done is done: no second check-in, no cancel.
        assertThatThrownBy(() -> visits.checkIn(me, visit.id())).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> visits.cancel(admin, visit.id(), "too late")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aCancelledVisitKeepsItsReasonAndTellsTheTimeline() {
        Visit visit = fixture.request(admin, incident, "大阪市");
        assertThatThrownBy(() -> visits.cancel(admin, visit.id(), " ")).isInstanceOf(InvalidInput.class);
        Visit cancelled = visits.cancel(admin, visit.id(), "the customer fixed it remotely");
        assertThat(cancelled.status()).isEqualTo(VisitStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("the customer fixed it remotely");
        assertThat(fixture.timelineKinds(admin, incident.id())).containsExactly("visit.requested", "visit.cancelled");
    }

    @Test
    void aResponderSeesOnlyTheVisitsAssignedToThemAndCannotWorkOnAnothers() {
        Login mine = fixture.responder(admin, "27");
        Login other = fixture.responder(admin, "27");
        Visit assigned = fixture.request(admin, incident, "mine");
        Visit notMine = fixture.request(admin, incident, "not mine");
        Visit unassigned = fixture.request(admin, incident, "nobody's");
        visits.assign(admin, assigned.id(), mine.user().id());
        visits.assign(admin, notMine.id(), other.user().id());
        Actor me = mine.actor();
        assertThat(visits.all(me)).extracting(Visit::id).containsExactly(assigned.id());
        assertThat(visits.forIncident(me, incident.id())).extracting(Visit::id).containsExactly(assigned.id());
        assertThat(visits.fromToday(me)).extracting(Visit::id).containsExactly(assigned.id());
        assertThat(visits.find(me, notMine.id())).isEmpty();
        assertThat(visits.find(me, unassigned.id())).isEmpty();
        assertThatThrownBy(() -> visits.checkIn(me, notMine.id()))
                .isInstanceOf(jp.sukedachi.app.shared.NotFoundException.class);
        assertThatThrownBy(() -> visits.assign(me, assigned.id(), me.userId())).isInstanceOf(AccessDeniedException.class);
        assertThat(visits.find(world.staff(Role.INSURER, true).actor(), assigned.id())).isEmpty();
        // Staff see every visit.
        assertThat(visits.forIncident(admin, incident.id())).hasSize(3);
        assertThat(visits.forIncident(world.staff(Role.ANALYST, true).actor(), incident.id())).hasSize(3);
    }

    @Test
    void aCompanySeesOnlyItsOwnVisitsAndNeverInternalFindingsOrTheNotesToTheResponder() {
        Tenant otherCompany = world.tenant(admin, TestWorld.unique("Other"));
        IncidentSummary otherIncident = fixture.incident(admin, otherCompany, "other case");
        Visit others = fixture.request(admin, otherIncident, "elsewhere");
        Login responder = fixture.responder(admin, "27");
        Visit visit = fixture.request(admin, incident, "大阪市");
        visits.assign(admin, visit.id(), responder.user().id());
        visits.checkIn(responder.actor(), visit.id());
        visits.checkOut(responder.actor(), visit.id(), new VisitRecord("isolated the PC", "admin password on a sticky"
                + " note", true, "山田 花子", 20, null, null));
        Actor owner = world.smeUser(tenant, Role.TENANT_OWNER).actor();
        assertThat(visits.all(owner)).extracting(Visit::id).containsExactly(visit.id());
        assertThat(visits.find(owner, others.id())).isEmpty();
        assertThat(visits.forIncident(owner, otherIncident.id())).isEmpty();
        Visit seen = visits.forIncident(owner, incident.id()).getFirst();
        assertThat(seen.workDone()).isEqualTo("isolated the PC");
        assertThat(seen.signedOffBy()).isEqualTo("山田 花子");
        assertThat(seen.responderName()).isEqualTo(responder.user().displayName());
        assertThat(seen.findings()).isNull();
        assertThat(seen.notes()).isNull();
        assertThat(visits.evidence(owner, visit.id())).isEmpty();
        // The company reads each step in its incident's timeline.
        assertThat(fixture.timelineKinds(owner, incident.id())).containsExactly("visit.requested", "visit.assigned",
                "visit.checked_in", "visit.checked_out");
        // Staff read the internal findings.
        assertThat(visits.find(admin, visit.id()).orElseThrow().findings()).contains("sticky note");
        assertThatThrownBy(() -> visits.checkIn(owner, visit.id())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void evidenceIsStoredWithItsSha256AndOnlyPhotosAndPdfsWithinTheCapAreTaken() {
        Login responder = fixture.responder(admin, "27");
        Visit visit = fixture.request(admin, incident, "大阪市");
        visits.assign(admin, visit.id(), responder.user().id());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        assertThatThrownBy(() -> visits.attach(responder.actor(), visit.id(), "a.png", "image/png", png))
                .isInstanceOf(InvalidInput.class);
        visits.checkIn(responder.actor(), visit.id());
        VisitEvidence evidence = visits.attach(responder.actor(), visit.id(), "../photo.png", "image/png", png);
        assertThat(evidence.sha256()).isEqualTo(Hashes.sha256(png)).hasSize(64);
        assertThat(evidence.fileName()).isEqualTo(".._photo.png");
        assertThat(visits.evidenceContent(responder.actor(), visit.id(), evidence.id())).hasValue(png);
        assertThatThrownBy(() -> visits.attach(responder.actor(), visit.id(), "x.html", "image/png",
                "<html>".getBytes())).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> visits.attach(responder.actor(), visit.id(), "big.jpg", "image/jpeg",
                new byte[11 * 1024 * 1024])).isInstanceOf(InvalidInput.class);
        assertThat(visits.evidence(admin, visit.id())).extracting(VisitEvidence::sha256).containsExactly(evidence.sha256());
    }
}
