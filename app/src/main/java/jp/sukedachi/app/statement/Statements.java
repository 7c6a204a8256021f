package jp.sukedachi.app.statement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.plan.ContractTerms;
import jp.sukedachi.app.plan.Plans;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.statement.UsageStatement.AlertLine;
import jp.sukedachi.app.statement.UsageStatement.DeviceLine;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertRepository.OutcomeCount;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a company's usage statement for a month from the other capabilities' records, read through their root
 * APIs with the asking actor (so what is not the actor's company is not found). Provider staff (admin, analyst)
 * read every company's, a company's owner only their own; nobody else.
 * Each device's watched time is {@link WatchedTime}'s (shared with the monthly report and the proof-of-check letter).
 */
@Service
class Statements {
    /** The oldest month a statement is made for (the service did not exist before). */
    static final YearMonth FIRST_MONTH = YearMonth.of(2020, 1);
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final TenantRepository tenants;
    private final WatchedTime watchedTime;
    private final AlertQueries alerts;
    private final Incidents incidents;
    private final Tickets tickets;
    private final Visits visits;
    private final ObjectProvider<Plans> plans;
    private final StatementSettings settings;
    private final Clock clock;

    Statements(TenantRepository tenants, WatchedTime watchedTime, AlertQueries alerts, Incidents incidents,
            Tickets tickets, Visits visits, ObjectProvider<Plans> plans, StatementSettings settings, Clock clock) {
        this.tenants = tenants;
        this.watchedTime = watchedTime;
        this.alerts = alerts;
        this.incidents = incidents;
        this.tickets = tickets;
        this.visits = visits;
        this.plans = plans;
        this.settings = settings;
        this.clock = clock;
    }

    /** Thrown for a month that is malformed, before the service existed or still to come; the message says which. */
    static final class BadMonth extends IllegalArgumentException {
        BadMonth(String message) {
            super(message);
        }
    }

    /** The current month in Japan time. */
    YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(Formats.TOKYO));
    }

    /** The month asked for as {@code YYYY-MM}; blank means the last finished month. */
    YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return currentMonth().minusMonths(1);
        }
        String t = text.strip();
        if (!MONTH.matcher(t).matches()) {
            throw new BadMonth("month must be YYYY-MM (for example 2026-10): " + cut(t));
        }
        YearMonth m;
        try {
            m = YearMonth.parse(t);
        } catch (DateTimeParseException e) {
            throw new BadMonth("month must be YYYY-MM with a month from 01 to 12: " + t);
        }
        if (m.isAfter(currentMonth())) {
            throw new BadMonth("month " + m + " has not begun yet (Japan time); the latest is " + currentMonth());
        }
        if (m.isBefore(FIRST_MONTH)) {
            throw new BadMonth("month " + m + " is before " + FIRST_MONTH + ", the first month with statements");
        }
        return m;
    }

    private static String cut(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    /** The months a picker offers: the current one and the 23 before it (the subsidy covers up to two years). */
    List<YearMonth> recentMonths() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = currentMonth(); months.size() < 24 && !m.isBefore(FIRST_MONTH); m = m.minusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** A company by id as the actor may read its statements: 404 when not theirs, 403 for a role without them. */
    Tenant company(Actor actor, UUID tenantId) {
        Tenant t = tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
        mayRead(actor);
        return t;
    }

    /** The same by slug (the API). */
    Tenant companyBySlug(Actor actor, String slug) {
        Tenant t = tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
        mayRead(actor);
        return t;
    }

    /** Fees and figures are for the provider's staff and the company's owner; members and others are refused. */
    private static void mayRead(Actor actor) {
        if (!actor.role().isStaffOrOwner()) {
            throw new AccessDeniedException("usage statements are for provider staff and the company's owner");
        }
    }

    @Transactional(readOnly = true)
    UsageStatement build(Actor actor, Tenant tenant, YearMonth month) {
        Instant now = clock.instant();
        Instant from = month.atDay(1).atStartOfDay(Formats.TOKYO).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(Formats.TOKYO).toInstant();
        Instant to = now.isBefore(monthEnd) ? now : monthEnd;
        UUID id = tenant.id();
        return new UsageStatement(tenant, month, from, to, to.isBefore(monthEnd), now, settings.issuer(),
                contract(id, from, to), devices(actor, id, from, to), alerts(actor, id, from, to),
                incidents.countsBetween(actor, id, from, to), tickets.figuresBetween(actor, id, from, to),
                visits.doneBetween(actor, id, from, to));
    }

    /** The contract in force on the period's last day, or else on its first. */
    private Optional<ContractTerms> contract(UUID tenantId, Instant from, Instant to) {
        Plans p = plans.getIfAvailable();
        if (p == null) {
            return Optional.empty();
        }
        LocalDate last = to.minusSeconds(1).atZone(Formats.TOKYO).toLocalDate();
        LocalDate first = from.atZone(Formats.TOKYO).toLocalDate();
        return p.contractOf(tenantId, last).or(() -> p.contractOf(tenantId, first));
    }

    private List<DeviceLine> devices(Actor actor, UUID tenantId, Instant from, Instant to) {
        return watchedTime.between(actor, tenantId, from, to).stream()
                .map(d -> new DeviceLine(d.name(), d.kindLabelKey(), d.registeredAt(), d.lastSeenAt(),
                        d.registeredSeconds(), d.silentSeconds(), d.silentSpells()))
                .toList();
    }

    /** Severities from the most serious down; a severity without alerts is listed anyway (a zero is a fact too). */
    private List<AlertLine> alerts(Actor actor, UUID tenantId, Instant from, Instant to) {
        Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);
        for (OutcomeCount c : alerts.outcomesBetween(actor, tenantId, from, to)) {
            long[] n = bySeverity.computeIfAbsent(c.severity(), s -> new long[5]);
            n[0] += c.alerts();
            if (c.status() != Alert.Status.CLOSED) {
                n[1] += c.alerts();
            } else if (c.resolution() == Alert.Resolution.TRUE_POSITIVE) {
                n[2] += c.alerts();
            } else if (c.resolution() == Alert.Resolution.FALSE_POSITIVE) {
                n[3] += c.alerts();
            } else if (c.resolution() == Alert.Resolution.BENIGN) {
                n[4] += c.alerts();
            }
        }
        List<AlertLine> lines = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
            long[] n = bySeverity.getOrDefault(s, new long[5]);
            if (s == Severity.INFO && n[0] == 0) {
                continue;
            }
            lines.add(new AlertLine(s, n[0], n[1], n[2], n[3], n[4]));
        }
        return lines;
    }
}
