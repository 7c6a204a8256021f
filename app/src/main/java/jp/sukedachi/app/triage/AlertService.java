package jp.sukedachi.app.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.Alert.Detail;
import jp.sukedachi.app.triage.Alert.Resolution;
import jp.sukedachi.app.triage.Alert.Status;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alert lifecycle: new → acknowledged → closed (with a resolution), assignment, comments, linking to
 * an incident (the incident capability opens it), and suppressions. Everyone reads within their scope; only provider staff (admin, analyst)
 * change anything but comments. Every change is audited and written to the alert's history; closing publishes
 * {@link AlertClosed}.
 */
@Service
public class AlertService {
    // Column sizes (V4__alerts.sql): longer input is refused with the field and limit, never cut.
    public static final int COMMENT_MAX = 4000;
    public static final int TITLE_MAX = 500;
    public static final int REASON_MAX = 500;
    public static final int KEY_MAX = 2400;
    public static final int RULE_MAX = 2100;
    /**
     * A suppression ends within a year (366 days, so a date picked a year ahead still fits) or never (no
     * expiry, an explicit choice): a forgotten silence is reviewed at least yearly, and far-future instants
     * (year +999999999) that neither PostgreSQL nor the Japan-time display can hold never reach the database.
     */
    public static final Duration MAX_SUPPRESSION = Duration.ofDays(366);

    private final AlertRepository alerts;
    private final FunnelCountRepository counts;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final UserRepository users;
    private final TenantRepository tenants;

    public AlertService(AlertRepository alerts, FunnelCountRepository counts, ApplicationEventPublisher events,
            AuditLog audit, Clock clock, UserRepository users, TenantRepository tenants) {
        this.alerts = alerts;
        this.counts = counts;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.users = users;
        this.tenants = tenants;
    }

    public Alert get(Actor actor, UUID id) {
        return alerts.find(actor, id).orElseThrow(() -> new NotFoundException("alert"));
    }

    public Detail detail(Actor actor, UUID id) {
        Alert a = get(actor, id);
        return new Detail(a, alerts.evidence(actor, id), alerts.history(actor, id));
    }

    /** Reading provider-level triage settings (suppressions) is for staff too. */
    public void requireStaffRead(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("only provider staff see suppressions");
        }
    }

    private void requireStaff(Actor actor, UUID tenantId, String target) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            audit.record(actor, tenantId, AuditAction.ACCESS_DENIED, target, Outcome.DENIED, "alert change");
            throw new AccessDeniedException("only provider staff change alerts");
        }
    }

    @Transactional
    public Alert acknowledge(Actor actor, UUID id) {
        return changeStatus(actor, id, Status.ACKNOWLEDGED, null);
    }

    @Transactional
    public Alert close(Actor actor, UUID id, Resolution resolution) {
        if (resolution == null) {
            throw new IllegalArgumentException("closing needs a resolution");
        }
        return changeStatus(actor, id, Status.CLOSED, resolution);
    }

    @Transactional
    public Alert changeStatus(Actor actor, UUID id, Status status, Resolution resolution) {
        Alert a = get(actor, id);
        requireStaff(actor, a.tenantId(), "alert:" + id);
        if (status == null || status == Status.NEW) {
            throw new IllegalArgumentException("status must be ACKNOWLEDGED or CLOSED");
        }
        if (status == Status.CLOSED && resolution == null) {
            throw new IllegalArgumentException("closing needs a resolution");
        }
        if (a.status() == Status.CLOSED) {
            throw new IllegalArgumentException("the alert is already closed");
        }
        Resolution r = status == Status.CLOSED ? resolution : null;
        Instant now = clock.instant();
        alerts.updateLifecycle(id, status, r, a.assigneeId(), now);
        String note = a.status() + " → " + status + (r == null ? "" : " (" + r + ")");
        alerts.addHistory(id, now, actor.login(), "STATUS", note);
        audit.record(actor, a.tenantId(), AuditAction.ALERT_STATUS_CHANGED, "alert:" + id, Outcome.SUCCESS, note);
        if (status == Status.CLOSED) {
            events.publishEvent(new AlertClosed(id, a.tenantId(), a.category(), r));
        }
        return get(actor, id);
    }

    @Transactional
    public Alert assign(Actor actor, UUID id, UUID userId) {
        Alert a = get(actor, id);
        requireStaff(actor, a.tenantId(), "alert:" + id);
        if (userId != null) {
            requireAssignable(userId);
        }
        Instant now = clock.instant();
        alerts.updateLifecycle(id, a.status(), a.resolution(), userId, now);
        alerts.addHistory(id, now, actor.login(), "ASSIGNED", userId == null ? "-" : userId.toString());
        audit.record(actor, a.tenantId(), AuditAction.ALERT_ASSIGNED, "alert:" + id, Outcome.SUCCESS,
                userId == null ? "unassigned" : userId.toString());
        return get(actor, id);
    }

    /** Alerts go to someone who can work them: an active provider admin or analyst. */
    private void requireAssignable(UUID userId) {
        boolean ok = users.findById(userId)
                .filter(u -> u.status() == AppUser.Status.ACTIVE)
                .filter(u -> u.role() == Role.PROVIDER_ADMIN || u.role() == Role.ANALYST).isPresent();
        if (!ok) {
            throw new InvalidInput("userId", "alert.assigneeInvalid", null,
                    "no active provider admin or analyst with this id");
        }
    }

    /**
     * Anyone who can see the alert may comment (a company can say "that was us"). A staff comment is internal (社内メモ)
     * unless {@code visibleToCompany}; a company user's comment is always visible to the company and the staff,
     * whatever the flag says.
     */
    @Transactional
    public void comment(Actor actor, UUID id, String text, boolean visibleToCompany) {
        Alert a = get(actor, id);
        if (text == null || text.isBlank()) {
            throw new InvalidInput("text", "alert.comment.empty", null, "empty comment");
        }
        InvalidInput.requireLength("text", "alert.comment", text.strip(), COMMENT_MAX);
        boolean visible = visibleToCompany || !AlertRepository.readsInternal(actor);
        alerts.addHistory(id, clock.instant(), actor.login(), "COMMENT", text.strip(), visible);
        audit.record(actor, a.tenantId(), AuditAction.ALERT_COMMENTED, "alert:" + id, Outcome.SUCCESS,
                visible ? "shown to the company" : "internal");
    }

    /**
     * The alerts an incident is to be opened from: each read in the actor's scope (out of scope is not found), the
     * actor provider staff, all of one company. The incident capability calls this before it writes the incident.
     */
    public List<Alert> alertsForIncident(Actor actor, List<UUID> alertIds) {
        if (alertIds == null || alertIds.isEmpty()) {
            throw new InvalidInput("alertIds", "incident.alerts.empty", null, "no alerts to open an incident from");
        }
        List<Alert> found = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(alertIds)) {
            found.add(get(actor, id));
        }
        UUID tenant = found.getFirst().tenantId();
        requireStaff(actor, tenant, "incident");
        if (found.stream().anyMatch(a -> !a.tenantId().equals(tenant))) {
            throw new InvalidInput("alertIds", "incident.alerts.oneCompany", null, "an incident belongs to one company");
        }
        return found;
    }

    /**
     * Links alerts (checked with {@link #alertsForIncident}) to an incident the incident capability has written,
     * with a line in each alert's history.
     */
    @Transactional
    public void linkToIncident(Actor actor, UUID incidentId, List<Alert> linked) {
        Instant now = clock.instant();
        for (Alert a : linked) {
            alerts.linkIncident(a.id(), incidentId, now);
            alerts.addHistory(a.id(), now, actor.login(), "PROMOTED", incidentId.toString());
        }
    }

    /** Counts a new incident, whatever it was opened from, once in its company's funnel of the day it opened. */
    public void countIncident(UUID tenantId, Instant openedAt) {
        counts.add(tenantId, openedAt, FunnelCountRepository.Measure.INCIDENTS, 1);
    }

    /**
     * Stops alerts for a key or a rule id, for one tenant ({@code tenantId}) or every tenant (null), until
     * {@code expiresAt} (null = until removed). Staff only. A key that holds many rules (a connection's or a PC's
     * Sigma alert, {@link AlertRepository.Suppression#perRuleKey}) silences only the rules named with it: when none
     * is given, the rules of the newest alert with that key (what the person saw), and without such an alert it is
     * refused.
     */
    @Transactional
    public long suppress(Actor actor, UUID tenantId, String groupKey, String ruleId, String reason, Instant expiresAt) {
        requireStaff(actor, tenantId, "suppression");
        if ((groupKey == null || groupKey.isBlank()) && (ruleId == null || ruleId.isBlank())) {
            throw new IllegalArgumentException("a suppression needs a key or a rule id");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a suppression needs a reason");
        }
        InvalidInput.requireLength("key", "suppression.key", blankToNull(groupKey), KEY_MAX);
        InvalidInput.requireLength("ruleId", "suppression.rule", blankToNull(ruleId), RULE_MAX);
        InvalidInput.requireLength("reason", "suppression.reason", reason.strip(), REASON_MAX);
        requireExpiry(expiresAt);
        if (tenantId != null && tenants.find(actor, tenantId).isEmpty()) {
            throw new InvalidInput("tenantId", "suppression.noTenant", null, "no company with this id");
        }
        if (blankToNull(groupKey) != null && blankToNull(ruleId) == null
                && AlertRepository.Suppression.perRuleKey(groupKey.strip())) {
            List<String> rules = alerts.ruleIdsOfKey(actor, tenantId, groupKey.strip());
            if (rules.isEmpty()) {
                throw new InvalidInput("ruleId", "suppression.ruleNeeded", null,
                        "a connection's or a PC's key needs the rule ids it silences");
            }
            ruleId = AlertRepository.joined(rules, RULE_MAX);
        }
        long id = alerts.insertSuppression(tenantId, blankToNull(groupKey), blankToNull(ruleId), reason.strip(),
                expiresAt, actor.login(), clock.instant());
        audit.record(actor, tenantId, AuditAction.SUPPRESSION_ADDED, "suppression:" + id, Outcome.SUCCESS,
                (groupKey != null ? "key " + groupKey : "rule " + ruleId) + ": " + reason);
        return id;
    }

    private void requireExpiry(Instant expiresAt) {
        if (expiresAt == null) {
            return; // until ended: an explicit choice in the form and the API
        }
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInput("expiresAt", "suppression.expiryPast", null, "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_SUPPRESSION))) {
            throw new InvalidInput("expiresAt", "suppression.expiryTooFar", (int) MAX_SUPPRESSION.toDays(),
                    "at most " + MAX_SUPPRESSION.toDays() + " days ahead; leave it empty for until ended",
                    MAX_SUPPRESSION.toDays());
        }
    }

    /** Ends a suppression: alerts for its key or rule come back from the next detection on. Staff only. */
    @Transactional
    public void endSuppression(Actor actor, long id) {
        requireStaff(actor, null, "suppression:" + id);
        if (!alerts.endSuppression(actor, id, clock.instant())) {
            throw new NotFoundException("suppression");
        }
        audit.record(actor, null, AuditAction.SUPPRESSION_ENDED, "suppression:" + id, Outcome.SUCCESS, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
