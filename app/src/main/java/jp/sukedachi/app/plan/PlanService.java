package jp.sukedachi.app.plan;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans (defined by the provider admin, read by staff) and contracts (set by staff, read by the company's owner).
 * Every plan and contract passes {@link CapCheck}: a plan when it is defined or changed, a contract when it is set
 * (its endpoint count decides whether a base fee keeps an endpoint plan within the cap). Every change is audited,
 * and so is every refusal by a cap. A company has at most one contract in force on a day: setting a contract from
 * a later day ends the running one the day before, so the old rows stay as the history.
 *
 * <p>A contract keeps the terms agreed when it was made: the plan's kind, class, prices, what it includes and its
 * hourly rates are copied into the contract when it starts or its plan changes. A later change of the plan's prices
 * applies to new contracts only, so a past month's usage statement and an insurance claim's visit cost never change
 * after the fact. Staff move a company to the plan's current prices by saving its contract with a new first day.
 */
@Service
public class PlanService implements Plans {
    static final int MAX_NAME = 100;
    static final long MAX_YEN = 100_000_000L;
    static final int MAX_HOURS = 24 * 31;
    static final int MAX_VISITS = 366;
    static final int MAX_COUNT = 100_000;
    /** Defaults of a plan's optional parts (README). */
    static final int DEFAULT_DESK_HOURS = 2;
    static final int DEFAULT_VISITS = 1;
    static final int DEFAULT_ARRIVAL_HOURS = 24;
    static final long DEFAULT_ONSITE_YEN = 12_000;
    static final long DEFAULT_TRAVEL_YEN = 6_000;
    static final long DEFAULT_DESK_YEN = 8_000;

    private final PlanRepository plans;
    private final ContractRepository contracts;
    private final DeviceDirectory devices;
    private final AuditLog audit;
    private final PlanSettings settings;
    private final Clock clock;

    PlanService(PlanRepository plans, ContractRepository contracts, DeviceDirectory devices, AuditLog audit,
            PlanSettings settings, Clock clock) {
        this.plans = plans;
        this.contracts = contracts;
        this.devices = devices;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    // --- the capability API ---

    @Override
    public Optional<ContractTerms> contractOf(UUID tenantId, LocalDate on) {
        return contracts.inForce(tenantId, on);
    }

    // --- plans ---

    /** The plans, active first; {@code cut} when there were more than the list shows. */
    public record Listing(List<Plan> plans, boolean cut) {
    }

    /** Every plan (provider staff). */
    public Listing plans(Actor actor) {
        requireStaff(actor);
        List<Plan> list = plans.all(PlanRepository.MAX_LIST + 1);
        boolean cut = list.size() > PlanRepository.MAX_LIST;
        return new Listing(cut ? list.subList(0, PlanRepository.MAX_LIST) : list, cut);
    }

    public Plan plan(Actor actor, UUID id) {
        requireStaff(actor);
        return plans.find(id).orElseThrow(() -> new NotFoundException("plan"));
    }

    /** Whether a contract uses the plan (then it is retired, never deleted). */
    boolean inUse(UUID planId) {
        return contracts.planInUse(planId);
    }

    /** A new plan (provider admin); refused with {@link CapExceeded} when it breaks a price cap. */
    @Transactional
    public Plan create(Actor actor, PlanDraft draft) {
        requireAdmin(actor);
        Plan plan = validate(UUID.randomUUID(), draft, false, actor);
        if (plans.nameTaken(plan.name(), plan.id())) {
            throw new InvalidInput("name", "plan.error.nameTaken", null, "a plan of that name exists", plan.name());
        }
        refuseBreaches(actor, null, plan, CapCheck.ofPlan(plan.type(), plan.tier(), plan.monthlyYen(),
                plan.perDeviceYen(), settings.caps()));
        plans.insert(plan, now());
        audit.record(actor, null, AuditAction.PLAN_CREATED, "plan " + plan.id(), Outcome.SUCCESS, describe(plan));
        return plans.find(plan.id()).orElseThrow();
    }

    /**
     * Changes a plan (provider admin); the new prices must keep the plan within the caps. They apply to contracts
     * made from now on: running contracts keep the prices they were agreed at (their own columns), so they are not
     * re-checked here. {@code retired}: stop or resume offering it.
     */
    @Transactional
    public Plan update(Actor actor, UUID id, PlanDraft draft, boolean retired) {
        requireAdmin(actor);
        Plan old = plans.find(id).orElseThrow(() -> new NotFoundException("plan"));
        Plan plan = validate(id, draft, retired, actor);
        if (plans.nameTaken(plan.name(), id)) {
            throw new InvalidInput("name", "plan.error.nameTaken", null, "a plan of that name exists", plan.name());
        }
        refuseBreaches(actor, null, plan, CapCheck.ofPlan(plan.type(), plan.tier(), plan.monthlyYen(),
                plan.perDeviceYen(), settings.caps()));
        plans.update(plan, now());
        AuditAction action = old.retired() == retired ? AuditAction.PLAN_UPDATED
                : retired ? AuditAction.PLAN_RETIRED : AuditAction.PLAN_REOFFERED;
        audit.record(actor, null, action, "plan " + id, Outcome.SUCCESS, "was: " + describe(old) + "; now: "
                + describe(plan));
        return plans.find(id).orElseThrow();
    }

    /** Retires a plan or offers it again, its prices unchanged. */
    @Transactional
    public Plan setRetired(Actor actor, UUID id, boolean retired) {
        Plan p = plan(actor, id);
        return update(actor, id, draftOf(p), retired);
    }

    static PlanDraft draftOf(Plan p) {
        return new PlanDraft(p.name(), p.type(), p.tier(), p.monthlyYen(), p.perDeviceYen(), p.deskHoursPerMonth(),
                p.visitsPerYear(), p.targetArrivalHours(), p.onsiteYenPerHour(), p.travelYenPerHour(),
                p.deskYenPerHour());
    }

    private Plan validate(UUID id, PlanDraft d, boolean retired, Actor actor) {
        if (d == null) {
            throw new InvalidInput("name", "plan.error.required", null, "the plan is missing",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(
                            new String[] {"plan.name"}, "name"));
        }
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            throw required("name", "plan.name");
        }
        InvalidInput.requireLength("name", "plan.name", name, MAX_NAME);
        if (d.type() == null) {
            throw required("type", "plan.type");
        }
        if (d.tier() == null) {
            throw required("tier", "plan.tier");
        }
        if (d.tier() != 1 && d.tier() != 2) {
            throw new InvalidInput("tier", "plan.error.tier", null, "tier must be 1 or 2");
        }
        long monthly = yen("monthlyYen", "plan.monthlyYen", d.monthlyYen(), null);
        long perDevice = yen("perDeviceYen", "plan.perDeviceYen", d.perDeviceYen(),
                d.type() == PlanType.NETWORK ? 0L : null);
        if (d.type() == PlanType.NETWORK && perDevice != 0) {
            throw new InvalidInput("perDeviceYen", "plan.error.networkPerDevice", null,
                    "a network plan has no price per device; put its whole price in monthlyYen");
        }
        if (d.type() == PlanType.ENDPOINT && perDevice == 0) {
            throw new InvalidInput("perDeviceYen", "plan.error.endpointPerDevice", null,
                    "an endpoint plan needs a price per device");
        }
        return new Plan(id, name, d.type(), d.tier(), monthly, perDevice,
                count("deskHoursPerMonth", "plan.deskHoursPerMonth", d.deskHoursPerMonth(), DEFAULT_DESK_HOURS, 0,
                        MAX_HOURS),
                count("visitsPerYear", "plan.visitsPerYear", d.visitsPerYear(), DEFAULT_VISITS, 0, MAX_VISITS),
                count("targetArrivalHours", "plan.targetArrivalHours", d.targetArrivalHours(), DEFAULT_ARRIVAL_HOURS, 1,
                        MAX_HOURS),
                yen("onsiteYenPerHour", "plan.onsiteYenPerHour", d.onsiteYenPerHour(), DEFAULT_ONSITE_YEN),
                yen("travelYenPerHour", "plan.travelYenPerHour", d.travelYenPerHour(), DEFAULT_TRAVEL_YEN),
                yen("deskYenPerHour", "plan.deskYenPerHour", d.deskYenPerHour(), DEFAULT_DESK_YEN), retired, null,
                actor.login());
    }

    // --- contracts ---

    /** The company's contract in force today, as the actor may see it (staff, or the company's owner). */
    public Optional<ContractTerms> contract(Actor actor, UUID tenantId) {
        requireOwnerOrStaff(actor);
        return contracts.inForce(actor, tenantId, today());
    }

    /** The company's contracts, newest first; {@code cut} when there are more than the page shows. */
    public record History(List<ContractTerms> contracts, boolean cut) {
    }

    public History history(Actor actor, UUID tenantId) {
        requireOwnerOrStaff(actor);
        List<ContractTerms> list = contracts.history(actor, tenantId, ContractRepository.MAX_HISTORY + 1);
        boolean cut = list.size() > ContractRepository.MAX_HISTORY;
        return new History(cut ? list.subList(0, ContractRepository.MAX_HISTORY) : list, cut);
    }

    /**
     * The company's devices actually sending now, next to what is contracted.
     *
     * @param devicesSending   network devices (UTM, sensor, log shipper) that sent within their expected interval
     * @param endpointsSending endpoint agents (PCs, servers) that did
     */
    public record Usage(int devices, int endpoints, int devicesSending, int endpointsSending) {
        /** More devices send than the contract counts: the company should be asked to extend its contract. */
        public boolean overContract() {
            return devicesSending > devices || endpointsSending > endpoints;
        }
    }

    /** The contracted counts (0 without a contract) and the devices sending now, as the actor may see them. */
    public Usage usage(Actor actor, UUID tenantId) {
        Optional<ContractTerms> c = contract(actor, tenantId);
        Instant now = clock.instant();
        int devicesSending = 0;
        int endpointsSending = 0;
        for (Device d : devices.devicesOf(actor, tenantId)) {
            if (d.disabled() || d.lastSeenAt() == null || d.silentAt(now)) {
                continue;
            }
            // device.DeviceKind is the registry's own; its label key is the public name of the kind.
            if ("device.kind.endpoint".equals(d.kindLabelKey())) {
                endpointsSending++;
            } else {
                devicesSending++;
            }
        }
        return new Usage(c.map(ContractTerms::devices).orElse(0), c.map(ContractTerms::endpoints).orElse(0),
                devicesSending, endpointsSending);
    }

    /**
     * Sets the company's contract (provider staff). The same first day as the latest contract corrects it in place
     * (or ends it, with an end day) and keeps its agreed terms, unless the plan changes: then the new plan's current
     * terms are copied. A later first day ends the running contract the day before and starts a new one at the
     * plan's current terms (the way staff move a company to a changed price). Refused with {@link CapExceeded} when
     * the terms it would have break a cap at this endpoint count.
     */
    @Transactional
    public ContractTerms setContract(Actor actor, UUID tenantId, ContractDraft draft) {
        requireStaff(actor);
        if (!contracts.lockCompany(actor, tenantId)) {
            throw new NotFoundException("tenant");
        }
        if (draft == null || draft.planId() == null) {
            throw required("planId", "contract.plan");
        }
        if (draft.start() == null) {
            throw required("start", "contract.start");
        }
        LocalDate start = day("start", "contract.start", draft.start());
        LocalDate end = draft.end() == null ? null : day("end", "contract.end", draft.end());
        if (end != null && end.isBefore(start)) {
            throw new InvalidInput("end", "contract.error.endBeforeStart", null, "the last day is before the first");
        }
        int devicesCount = count("devices", "contract.devices", draft.devices(), null, 0, MAX_COUNT);
        int endpointsCount = count("endpoints", "contract.endpoints", draft.endpoints(), null, 0, MAX_COUNT);
        Optional<ContractTerms> latest = contracts.latest(actor, tenantId);
        Plan plan = plans.find(draft.planId())
                .orElseThrow(() -> new InvalidInput("planId", "contract.error.noPlan", null, "no such plan"));
        boolean keepsPlan = latest.map(l -> l.planId().equals(plan.id())).orElse(false);
        if (plan.retired() && !keepsPlan) {
            throw new InvalidInput("planId", "contract.error.retired", null, "this plan is no longer offered",
                    plan.name());
        }
        boolean correction = latest.isPresent() && latest.get().start().equals(start);
        // A correction of the same plan keeps what was agreed; anything else is agreed now, at the plan's prices.
        ContractTerms next = correction && keepsPlan
                ? withCounts(latest.get(), devicesCount, endpointsCount, end)
                : terms(correction ? latest.get().contractId() : UUID.randomUUID(), tenantId, plan, devicesCount,
                        endpointsCount, start, end);
        if (next.type() == PlanType.ENDPOINT && endpointsCount == 0) {
            throw new InvalidInput("endpoints", "contract.error.noEndpoints", null,
                    "an endpoint plan needs at least one endpoint");
        }
        refuseBreaches(actor, tenantId, plan, CapCheck.ofContract(next.type(), next.tier(), next.monthlyYen(),
                next.perDeviceYen(), endpointsCount, settings.caps()));
        Instant now = now();
        if (correction) {
            ContractTerms l = latest.get();
            contracts.update(actor, next, now, actor.login());
            audit.record(actor, tenantId, AuditAction.CONTRACT_CHANGED, "contract " + l.contractId(), Outcome.SUCCESS,
                    "was: " + describe(l) + "; now: " + describe(next));
        } else {
            if (latest.isPresent() && start.isBefore(latest.get().start())) {
                throw new InvalidInput("start", "contract.error.startBeforeLatest", null,
                        "the first day must not be before the latest contract's first day "
                                + latest.get().start(), latest.get().start().toString());
            }
            if (latest.isPresent() && (latest.get().end() == null || !latest.get().end().isBefore(start))) {
                ContractTerms l = latest.get();
                ContractTerms ended = withCounts(l, l.devices(), l.endpoints(), start.minusDays(1));
                contracts.update(actor, ended, now, actor.login());
                audit.record(actor, tenantId, AuditAction.CONTRACT_ENDED, "contract " + l.contractId(),
                        Outcome.SUCCESS, "ends " + ended.end() + " (followed by a new contract)");
            }
            contracts.insert(next, now, actor.login());
            audit.record(actor, tenantId, AuditAction.CONTRACT_STARTED, "contract " + next.contractId(),
                    Outcome.SUCCESS, describe(next));
        }
        return next;
    }

    private static ContractTerms terms(UUID id, UUID tenantId, Plan p, int devices, int endpoints, LocalDate start,
            LocalDate end) {
        return new ContractTerms(id, tenantId, p.id(), p.name(), p.type(), p.tier(), p.monthlyYen(), p.perDeviceYen(),
                devices, endpoints, start, end, p.deskHoursPerMonth(), p.visitsPerYear(), p.targetArrivalHours(),
                p.onsiteYenPerHour(), p.travelYenPerHour(), p.deskYenPerHour());
    }

    /** The contract with its agreed terms kept, other counts and another last day. */
    private static ContractTerms withCounts(ContractTerms c, int devices, int endpoints, LocalDate end) {
        return new ContractTerms(c.contractId(), c.tenantId(), c.planId(), c.planName(), c.type(), c.tier(),
                c.monthlyYen(), c.perDeviceYen(), devices, endpoints, c.start(), end, c.deskHoursPerMonth(),
                c.visitsPerYear(), c.targetArrivalHours(), c.onsiteYenPerHour(), c.travelYenPerHour(),
                c.deskYenPerHour());
    }

    /** A refusal by a cap is on record too (who tried which price), then thrown. */
    private void refuseBreaches(Actor actor, UUID tenantId, Plan plan, List<CapCheck.Breach> breaches) {
        if (breaches.isEmpty()) {
            return;
        }
        audit.record(actor, tenantId, tenantId == null ? AuditAction.PLAN_REFUSED : AuditAction.CONTRACT_REFUSED,
                "plan " + plan.id(), Outcome.FAILURE, breaches.getFirst().cap() + ": " + breaches.getFirst().english());
        throw new CapExceeded(breaches);
    }

    // --- helpers ---

    LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.TOKYO));
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    private static void requireStaff(Actor actor) {
        if (!isStaff(actor)) {
            throw new AccessDeniedException("provider staff only");
        }
    }

    private static void requireAdmin(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN) {
            throw new AccessDeniedException("provider admin only");
        }
    }

    /** The contract is the owner's business (its price); members and the other provider roles do not read it. */
    private static void requireOwnerOrStaff(Actor actor) {
        if (!isStaff(actor) && actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("staff or the company's owner only");
        }
    }

    private static InvalidInput required(String field, String labelKey) {
        return new InvalidInput(field, "plan.error.required", null, "is required",
                new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey}, field));
    }

    private static long yen(String field, String labelKey, Long value, Long fallback) {
        if (value == null) {
            if (fallback == null) {
                throw required(field, labelKey);
            }
            return fallback;
        }
        if (value < 0 || value > MAX_YEN) {
            throw new InvalidInput(field, "plan.error.yenRange", null, "must be between 0 and " + MAX_YEN + " yen",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field), Yen.format(MAX_YEN));
        }
        return value;
    }

    private static int count(String field, String labelKey, Integer value, Integer fallback, int min, int max) {
        if (value == null) {
            if (fallback == null) {
                throw required(field, labelKey);
            }
            return fallback;
        }
        if (value < min || value > max) {
            throw new InvalidInput(field, "plan.error.countRange", null, "must be between " + min + " and " + max,
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field), min, max);
        }
        return value;
    }

    private static LocalDate day(String field, String labelKey, LocalDate day) {
        if (day.getYear() < 2000 || day.getYear() > 2100) {
            throw new InvalidInput(field, "contract.error.dayRange", null, "the day must be between 2000 and 2100",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field));
        }
        return day;
    }

    private static String describe(Plan p) {
        return p.name() + " " + p.type() + " tier " + p.tier() + " monthly " + p.monthlyYen() + " per device "
                + p.perDeviceYen() + (p.retired() ? " retired" : "");
    }

    private static String describe(ContractTerms c) {
        return "plan " + c.planId() + " from " + c.start() + (c.end() == null ? "" : " to " + c.end()) + ", devices "
                + c.devices() + ", endpoints " + c.endpoints() + ", agreed monthly " + c.monthlyYen() + " per device "
                + c.perDeviceYen() + " rates " + c.onsiteYenPerHour() + "/" + c.travelYenPerHour() + "/"
                + c.deskYenPerHour();
    }
}
