package jp.sukedachi.app.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.incident.IncidentSummary;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.stereotype.Component;

/** Test data of the dispatch tests: an incident of a company, a responder with a profile, a requested visit. */
@Component
class DispatchFixture {
    private final Incidents incidents;
    private final Visits visits;
    private final Responders responders;
    private final TestWorld world;

    DispatchFixture(Incidents incidents, Visits visits, Responders responders, TestWorld world) {
        this.incidents = incidents;
        this.visits = visits;
        this.responders = responders;
        this.world = world;
    }

    IncidentSummary incident(Actor admin, Tenant tenant, String title) {
        return incidents.openForCompany(admin, tenant.id(), new Incidents.Opening(title, IncidentType.RANSOMWARE, "HIGH"))
                .summary();
    }

    /** The timeline kinds the incident holds, oldest first. */
    List<String> timelineKinds(Actor admin, UUID incidentId) {
        return incidents.timeline(admin, incidentId).stream().map(e -> e.kind()).filter(k -> k.startsWith("visit."))
                .toList();
    }

    TestWorld.Login responder(Actor admin, String... prefectures) {
        TestWorld.Login login = world.staff(Role.RESPONDER, true);
        responders.save(admin, login.user().id(), List.of(prefectures), "AVAILABLE", null, null, "090-0000-0000");
        return login;
    }

    Visit request(Actor admin, IncidentSummary incident, String address) {
        Instant start = Instant.now();
        return visits.request(admin, incident.id(), new VisitRequest(start, start.plusSeconds(7200), address, "",
                "", "bring the USB stick"));
    }
}
