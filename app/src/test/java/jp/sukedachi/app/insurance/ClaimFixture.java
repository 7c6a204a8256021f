package jp.sukedachi.app.insurance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visit;
import jp.sukedachi.app.dispatch.VisitRecord;
import jp.sukedachi.app.dispatch.VisitRequest;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.plan.ContractDraft;
import jp.sukedachi.app.plan.PlanDraft;
import jp.sukedachi.app.plan.PlanService;
import jp.sukedachi.app.plan.PlanType;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.stereotype.Component;

/**
 * Test data of the claim tests: a company with a plan (the rates below), a policy with an insurer and one of its
 * staff, an incident opened from a desk ticket with desk time, and completed visits of chosen lengths.
 */
@Component
class ClaimFixture {
    /** The plan's rates (yen per hour). */
    static final long ONSITE_RATE = 12_000;
    static final long TRAVEL_RATE = 5_000;
    static final long DESK_RATE = 9_000;

    private final TestWorld world;
    private final InsurerService insurers;
    private final PolicyRegistry policies;
    private final PlanService plans;
    private final Incidents incidents;
    private final Tickets tickets;
    private final Visits visits;

    ClaimFixture(TestWorld world, InsurerService insurers, PolicyRegistry policies, PlanService plans,
            Incidents incidents, Tickets tickets, Visits visits) {
        this.world = world;
        this.insurers = insurers;
        this.policies = policies;
        this.plans = plans;
        this.incidents = incidents;
        this.tickets = tickets;
        this.visits = visits;
    }

    /** A company, its insurer with one staff user, its policy and its contract. */
    record World(Login admin, Tenant tenant, Login owner, Insurer insurer, Login insurerUser, PolicyTerms policy) {
    }

    static LocalDate today() {
        return LocalDate.now(Formats.TOKYO);
    }

    /**
     * The policy: first response 100,000 per claim, on-site visit 100,000, forensic 500,000 (per year twice that),
     * 3,000,000 a year in all, a deductible of 50,000, paid at 100 %.
     */
    static PolicyDraft policyDraft(UUID insurerId) {
        return new PolicyDraft(insurerId, TestWorld.unique("CY-"), today().minusDays(30), today().plusDays(334),
                List.of(new PolicyTerms.Line(CoverageLine.FIRST_RESPONSE, 100_000, 300_000),
                        new PolicyTerms.Line(CoverageLine.ONSITE_VISIT, 100_000, 300_000),
                        new PolicyTerms.Line(CoverageLine.FORENSIC, 500_000, 1_000_000)),
                3_000_000, 50_000, 100);
    }

    World company(String name) {
        Login admin = world.admin();
        Tenant tenant = world.tenant(admin.actor(), TestWorld.unique(name));
        Login owner = world.smeUser(tenant, Role.TENANT_OWNER);
        Insurer insurer = insurers.create(admin.actor(), new InsurerDraft(TestWorld.unique("あおば損保"), "保険金課",
                "03-1111-2222", null));
        Login insurerUser = insurer(admin.actor(), insurer);
        PolicyTerms policy = policies.save(admin.actor(), tenant.id(), null, policyDraft(insurer.id()));
        var plan = plans.create(admin.actor(), new PlanDraft(TestWorld.unique("見守り"), PlanType.NETWORK, 1, 9_800L,
                0L, 2, 2, 4, ONSITE_RATE, TRAVEL_RATE, DESK_RATE));
        plans.setContract(admin.actor(), tenant.id(), new ContractDraft(plan.id(), today().minusDays(60), null, 1, 0));
        return new World(admin, tenant, owner, insurer, insurerUser, policy);
    }

    /** A user with the INSURER role working for the insurer. */
    Login insurer(Actor admin, Insurer insurer) {
        Login user = world.staff(Role.INSURER, true);
        insurers.assign(admin, user.user().id(), insurer.id());
        return user;
    }

    /** An incident opened from the owner's desk request, with {@code deskMinutes} of desk time logged on it. */
    Incident incident(World w, String title, int deskMinutes) {
        var ticket = tickets.open(w.owner().actor(), w.tenant().id(), new Tickets.Draft(title, title + "。至急見てください。",
                null, null, null, null, null, null));
        if (deskMinutes > 0) {
            tickets.logTime(w.admin().actor(), ticket.id(), deskMinutes, "電話で初動の案内");
        }
        return incidents.openFromTicket(w.admin().actor(), ticket.id(), w.tenant().id(), title, Instant.now(),
                new Incidents.Opening(title, IncidentType.RANSOMWARE, "HIGH"));
    }

    /** An incident a company without policy or contract has, opened by staff. */
    Incident incidentOf(Actor admin, Tenant tenant, String title) {
        return incidents.openForCompany(admin, tenant.id(), new Incidents.Opening(title, IncidentType.OTHER, "LOW"));
    }

    /** A visit checked out with the minutes on site (corrected, with the reason) and the travel minutes. */
    Visit completedVisit(World w, Incident incident, int minutesOnSite, int travelMinutes) {
        Actor admin = w.admin().actor();
        Instant start = Instant.now();
        Visit v = visits.request(admin, incident.id(), new VisitRequest(start, start.plusSeconds(7200),
                "東京都大田区下丸子一丁目2番3号", "高橋 一郎", "03-3333-4444", null));
        Login responder = world.staff(Role.RESPONDER, true);
        visits.assign(admin, v.id(), responder.user().id());
        visits.checkIn(responder.actor(), v.id());
        return visits.checkOut(responder.actor(), v.id(), new VisitRecord("感染端末を隔離し、ログを保全しました。", null, false,
                "高橋 一郎", travelMinutes, minutesOnSite, "作業票の時刻に合わせて補正"));
    }

    /** A small PDF as an invoice's file (its first bytes are what make it a PDF). */
    static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }
}
