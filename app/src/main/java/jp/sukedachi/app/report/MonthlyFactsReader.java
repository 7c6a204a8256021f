package jp.sukedachi.app.report;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.selfcheck.Attempt;
import jp.sukedachi.app.selfcheck.SecurityActionService;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.statement.WatchedTime;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.event.Category;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a company's month for its report through the other capabilities' root APIs, always with the asking actor:
 * a company that is not the actor's to see is not found, and every read below is scoped by its repository too.
 */
@Component
class MonthlyFactsReader {
    /** The most alerts listed one by one; the report says how many more there were. */
    static final int ALERT_CAP = 15;
    /** The most blocked-attack titles listed; the report says how many other kinds there were. */
    static final int TITLE_CAP = 8;
    /** The most incidents listed one by one; the report says how many more there were. */
    static final int INCIDENT_CAP = 30;
    static final int TREND_MONTHS = 12;

    private final TenantRepository tenants;
    private final AlertQueries alerts;
    private final Incidents incidents;
    private final Visits visits;
    private final Tickets tickets;
    private final WatchedTime watched;
    private final SelfCheckService selfChecks;
    private final SecurityActionService securityAction;
    private final Clock clock;

    MonthlyFactsReader(TenantRepository tenants, AlertQueries alerts, Incidents incidents, Visits visits,
            Tickets tickets, WatchedTime watched, SelfCheckService selfChecks, SecurityActionService securityAction,
            Clock clock) {
        this.tenants = tenants;
        this.alerts = alerts;
        this.incidents = incidents;
        this.visits = visits;
        this.tickets = tickets;
        this.watched = watched;
        this.selfChecks = selfChecks;
        this.securityAction = securityAction;
        this.clock = clock;
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(Formats.TOKYO).toInstant();
    }

    @Transactional(readOnly = true)
    MonthlyFacts read(Actor actor, UUID tenantId, YearMonth month) {
        Tenant tenant = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        UUID id = tenant.id();
        Instant now = clock.instant();
        Instant from = start(month);
        Instant monthEnd = start(month.plusMonths(1));
        Instant to = now.isBefore(monthEnd) ? now : monthEnd;
        if (to.isBefore(from)) {
            to = from; // a month still to come reads as empty
        }
        Map<Category, Long> alertCounts = alerts.alertCategoriesBetween(actor, id, from, to);
        List<Attempt> attempts = selfChecks.attemptsBefore(actor, id, to, 1000);
        return new MonthlyFacts(tenant, month, from, to, to.isBefore(monthEnd), now,
                alerts.funnelBetween(actor, id, from, to), alerts.detectionCategoriesBetween(actor, id, from, to),
                alerts.detectionTitlesBetween(actor, id, Category.BLOCKED, from, to, TITLE_CAP), alertCounts,
                // Lists are capped; every figure beside them is counted by the database, so none is cut silently.
                alerts.needingHumanFirstSeenBetween(actor, id, from, to, ALERT_CAP),
                alerts.openNeedingHumanFirstSeenBetween(actor, id, from, to),
                alerts.alertsFirstSeenBetween(actor, id, from, to, MonthlyFacts.HOSTS, ALERT_CAP),
                incidents.overlappingBetween(actor, id, from, to, INCIDENT_CAP),
                incidents.overlapBetween(actor, id, from, to, now).total(),
                incidents.countsBetween(actor, id, from, to), visits.doneBetween(actor, id, from, to),
                watched.between(actor, id, from, to), trend(attempts, month, to),
                attempts.isEmpty() ? null : attempts.getFirst(), securityAction.status(actor, id),
                tickets.figuresBetween(actor, id, from, to));
    }

    /** The latest total at each month's end (the report's month ending at {@code to}), oldest month first. */
    private static List<Integer> trend(List<Attempt> newestFirst, YearMonth month, Instant to) {
        List<Integer> scores = new ArrayList<>();
        for (int back = TREND_MONTHS - 1; back >= 0; back--) {
            YearMonth m = month.minusMonths(back);
            Instant end = back == 0 ? to : start(m.plusMonths(1));
            Integer score = null;
            for (Attempt a : newestFirst) {
                if (a.createdAt().isBefore(end)) {
                    score = a.total();
                    break;
                }
            }
            scores.add(score);
        }
        return scores;
    }
}
