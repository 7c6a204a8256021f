package jp.sukedachi.app.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.insurance.Claims;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.EmployeeBand;
import jp.sukedachi.app.tenant.Industry;
import jp.sukedachi.app.tenant.Prefecture;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.triage.ProgramCountRepository;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The provider's program statistics over a period of Japan days: companies, devices by kind, suspicious accesses
 * (every detection, blocked or not), blocked, malware, alerts, alerts needing a human, incidents, finished visits
 * and submitted claims, in total, per month and per group (industry, size, prefecture, month or none). Definitions:
 * {@link ReportFigures}. Events, detections, alerts and incidents come from the daily counters
 * ({@link ProgramCountRepository}), never from the rows, so a year of a thousand companies stays fast.
 *
 * <p>A company counts when it existed in the period (registered before its end; companies offboarded are gone);
 * its devices when registered before the period's (or the month's) end. A company whose industry, size or prefecture
 * is not known is in the group "unknown", so the groups always add up to the totals; grouped by month, companies and
 * devices are those of each month (a company lives in many months: those two columns do not add up over months).
 */
@Service
class ProgramStatistics {
    /** The longest period one request may cover. */
    static final int MAX_YEARS = 5;
    static final String UNKNOWN = "unknown";

    enum GroupBy {
        INDUSTRY, SIZE, PREFECTURE, MONTH, NONE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static GroupBy parse(String text) {
            if (text == null || text.isBlank()) {
                return INDUSTRY;
            }
            for (GroupBy g : values()) {
                if (g.code().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return g;
                }
            }
            throw new InvalidInput("groupBy", "statistics.error.groupBy", null,
                    "groupBy must be one of industry, size, prefecture, month, none; got: " + cut(text), cut(text));
        }
    }

    /** Japan days {@code from} to {@code to}, both included. */
    record Period(LocalDate from, LocalDate to) {
        Instant start() {
            return from.atStartOfDay(Formats.TOKYO).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(Formats.TOKYO).toInstant();
        }

        List<YearMonth> months() {
            List<YearMonth> months = new ArrayList<>();
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                months.add(m);
            }
            return months;
        }

        /** The end of a month's part of the period. */
        Instant endOf(YearMonth month) {
            LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            return last.plusDays(1).atStartOfDay(Formats.TOKYO).toInstant();
        }
    }

    /** The figures of one group, one month or the whole. {@code devices} by kind code, every kind present. */
    record Figures(long companies, Map<String, Long> devices, long events, long suspiciousAccesses, long blocked,
            long malware, long alerts, long alertsNeedingHuman, long incidents, long visits, long claims) {
        long deviceTotal() {
            return devices.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A row of the per-group table: {@code key} for scripts (a JSIC letter, a size band, a prefecture code …). */
    record Group(String key, String label, Figures figures) {
    }

    /** A month of the trend (Japan month; the period's first and last may be partial). */
    record Month(YearMonth month, Figures figures) {
    }

    /** One step of the funnel: events → suspicious accesses → alerts → alerts needing a human → incidents → visits. */
    record Step(String key, String label, long count) {
    }

    record Statistics(Period period, GroupBy groupBy, Figures totals, List<Step> funnel, List<Month> months,
            List<Group> groups) {
    }

    /** Sums of one company (or several) over the period or one month. */
    private static final class Sums {
        long events, detections, blocked, malware, alerts, human, incidents, visits, claims;

        void add(Sums o) {
            events += o.events;
            detections += o.detections;
            blocked += o.blocked;
            malware += o.malware;
            alerts += o.alerts;
            human += o.human;
            incidents += o.incidents;
            visits += o.visits;
            claims += o.claims;
        }
    }

    private final TenantRepository tenants;
    private final ProgramCountRepository counts;
    private final DeviceDirectory devices;
    private final Visits visits;
    private final Claims claims;
    private final MessageSource messages;
    private final Clock clock;

    ProgramStatistics(TenantRepository tenants, ProgramCountRepository counts, DeviceDirectory devices, Visits visits,
            Claims claims, MessageSource messages, Clock clock) {
        this.tenants = tenants;
        this.counts = counts;
        this.devices = devices;
        this.visits = visits;
        this.claims = claims;
        this.messages = messages;
        this.clock = clock;
    }

    /** Provider admins and analysts only: the whole program's figures are the provider's. */
    static void requireStaff(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("the program statistics are for the provider's admins and analysts");
        }
    }

    /**
     * The period asked for: ISO dates, by default the last 12 whole months (Japan time); refused when a date is
     * malformed, {@code from} is after {@code to} or the period is longer than {@value #MAX_YEARS} years.
     */
    Period period(String from, String to) {
        YearMonth thisMonth = YearMonth.now(clock.withZone(Formats.TOKYO));
        LocalDate f = from == null || from.isBlank() ? thisMonth.minusMonths(12).atDay(1) : date("from", from);
        LocalDate t = to == null || to.isBlank() ? thisMonth.minusMonths(1).atEndOfMonth() : date("to", to);
        if (f.isAfter(t)) {
            throw new InvalidInput("from", "statistics.error.order", null, "from (" + f + ") is after to (" + t + ")",
                    f, t);
        }
        if (t.isAfter(f.plusYears(MAX_YEARS).minusDays(1))) {
            throw new InvalidInput("to", "statistics.error.tooLong", MAX_YEARS,
                    "the period may be at most " + MAX_YEARS + " years; from " + f + " to " + t + " is longer",
                    MAX_YEARS);
        }
        return new Period(f, t);
    }

    private static LocalDate date(String field, String text) {
        try {
            LocalDate d = LocalDate.parse(text.strip());
            if (d.getYear() < 2000 || d.getYear() > 2999) {
                throw new DateTimeParseException("out of range", text, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "statistics.error.date", null,
                    field + " must be a date YYYY-MM-DD; got: " + cut(text), cut(text));
        }
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    Statistics compute(Actor actor, Period period, GroupBy groupBy, Locale locale) {
        requireStaff(actor);
        Instant start = period.start();
        Instant end = period.end();
        List<YearMonth> months = period.months();
        Map<UUID, Tenant> companies = new LinkedHashMap<>();
        for (Tenant t : tenants.findVisible(actor)) {
            if (t.createdAt().isBefore(end)) {
                companies.put(t.id(), t);
            }
        }
        // Per company and month: the counters, visits and claims.
        Map<UUID, Map<YearMonth, Sums>> byCompany = new HashMap<>();
        Function<UUID, Map<YearMonth, Sums>> monthsOf = id -> byCompany.computeIfAbsent(id, k -> new TreeMap<>());
        for (ProgramCountRepository.Month m : counts.monthly(actor, period.from(), period.to())) {
            if (!companies.containsKey(m.tenantId())) {
                continue;
            }
            Sums s = monthsOf.apply(m.tenantId()).computeIfAbsent(m.month(), k -> new Sums());
            s.events += m.events();
            s.detections += m.detections();
            s.blocked += m.blocked();
            s.malware += m.malware();
            s.alerts += m.alerts();
            s.human += m.alertsHuman();
            s.incidents += m.incidents();
        }
        visits.doneByCompanyAndMonth(actor, start, end).forEach((id, perMonth) -> {
            if (companies.containsKey(id)) {
                perMonth.forEach((m, n) -> monthsOf.apply(id).computeIfAbsent(m, k -> new Sums()).visits += n);
            }
        });
        claims.submittedByCompanyAndMonth(actor, start, end).forEach((id, perMonth) -> {
            if (companies.containsKey(id)) {
                perMonth.forEach((m, n) -> monthsOf.apply(id).computeIfAbsent(m, k -> new Sums()).claims += n);
            }
        });
        List<DeviceDirectory.Registration> registered = devices.registeredBefore(actor, end).stream()
                .filter(r -> companies.containsKey(r.tenantId())).toList();

        // The whole and each month.
        Sums all = new Sums();
        Map<YearMonth, Sums> perMonth = new TreeMap<>();
        for (YearMonth m : months) {
            perMonth.put(m, new Sums());
        }
        Map<UUID, Sums> perCompany = new HashMap<>();
        byCompany.forEach((id, ms) -> {
            Sums company = perCompany.computeIfAbsent(id, k -> new Sums());
            ms.forEach((m, s) -> {
                company.add(s);
                perMonth.computeIfAbsent(m, k -> new Sums()).add(s);
            });
            all.add(company);
        });
        Figures totals = figures(companies.size(), kinds(registered), all);
        List<Month> trend = new ArrayList<>();
        for (YearMonth m : months) {
            Instant monthEnd = period.endOf(m);
            long existing = companies.values().stream().filter(t -> t.createdAt().isBefore(monthEnd)).count();
            trend.add(new Month(m, figures(existing,
                    kinds(registered.stream().filter(r -> r.registeredAt().isBefore(monthEnd)).toList()),
                    perMonth.get(m))));
        }
        List<Group> groups = groupBy == GroupBy.MONTH
                ? trend.stream().map(m -> new Group(m.month().toString(), monthLabel(m.month(), locale), m.figures()))
                        .toList()
                : groups(groupBy, companies, perCompany, registered, locale);
        return new Statistics(period, groupBy, totals, funnel(totals, locale), trend, groups);
    }

    private List<Group> groups(GroupBy groupBy, Map<UUID, Tenant> companies, Map<UUID, Sums> perCompany,
            List<DeviceDirectory.Registration> registered, Locale locale) {
        // Keys in the order the pages list them; unknown last.
        Map<String, String> labels = new LinkedHashMap<>();
        switch (groupBy) {
            case INDUSTRY -> {
                for (Industry i : Industry.values()) {
                    labels.put(i.name(), i.name() + " " + t(locale, i.labelKey()));
                }
            }
            case SIZE -> {
                for (EmployeeBand b : EmployeeBand.values()) {
                    labels.put(b.code(), t(locale, b.labelKey()));
                }
            }
            case PREFECTURE -> {
                for (String code : Prefecture.CODES) {
                    labels.put(code, t(locale, Prefecture.labelKey(code)));
                }
            }
            default -> labels.put("all", t(locale, "statistics.group.all"));
        }
        labels.put(UNKNOWN, t(locale, "statistics.group.unknown"));
        Map<String, Long> companyCount = new HashMap<>();
        Map<String, Sums> sums = new HashMap<>();
        Map<UUID, String> keyOf = new HashMap<>();
        for (Tenant t : companies.values()) {
            String key = key(groupBy, t);
            keyOf.put(t.id(), key);
            companyCount.merge(key, 1L, Long::sum);
            Sums s = perCompany.get(t.id());
            if (s != null) {
                sums.computeIfAbsent(key, k -> new Sums()).add(s);
            }
        }
        Map<String, List<DeviceDirectory.Registration>> devicesOf = new HashMap<>();
        for (DeviceDirectory.Registration r : registered) {
            devicesOf.computeIfAbsent(keyOf.get(r.tenantId()), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        labels.forEach((key, label) -> {
            long n = companyCount.getOrDefault(key, 0L);
            // Every group that has a company, and "all" always; 20 industries with none would only be noise.
            if (n > 0 || groupBy == GroupBy.NONE && !UNKNOWN.equals(key)) {
                groups.add(new Group(key, label, figures(n, kinds(devicesOf.getOrDefault(key, List.of())),
                        sums.getOrDefault(key, new Sums()))));
            }
        });
        return groups;
    }

    private static String key(GroupBy groupBy, Tenant t) {
        return switch (groupBy) {
            case INDUSTRY -> t.industry() == null ? UNKNOWN : t.industry().name();
            case SIZE -> t.employeeBand() == null ? UNKNOWN : t.employeeBand().code();
            case PREFECTURE -> t.prefecture() == null || !Prefecture.CODES.contains(t.prefecture()) ? UNKNOWN
                    : t.prefecture();
            default -> "all";
        };
    }

    private static Map<String, Long> kinds(List<DeviceDirectory.Registration> registered) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (String code : DeviceDirectory.KIND_CODES) {
            kinds.put(code, 0L);
        }
        for (DeviceDirectory.Registration r : registered) {
            kinds.merge(r.kindCode(), 1L, Long::sum);
        }
        return kinds;
    }

    private static Figures figures(long companies, Map<String, Long> devices, Sums s) {
        return new Figures(companies, devices, s.events, s.detections, s.blocked, s.malware, s.alerts, s.human,
                s.incidents, s.visits, s.claims);
    }

    private List<Step> funnel(Figures f, Locale locale) {
        return List.of(new Step("events", t(locale, "statistics.events"), f.events()),
                new Step("suspiciousAccesses", t(locale, "statistics.suspiciousAccesses"), f.suspiciousAccesses()),
                new Step("alerts", t(locale, "statistics.alerts"), f.alerts()),
                new Step("alertsNeedingHuman", t(locale, "statistics.alertsNeedingHuman"), f.alertsNeedingHuman()),
                new Step("incidents", t(locale, "statistics.incidents"), f.incidents()),
                new Step("visits", t(locale, "statistics.visits"), f.visits()));
    }

    String monthLabel(YearMonth m, Locale locale) {
        return t(locale, "statistics.month", String.valueOf(m.getYear()), String.valueOf(m.getMonthValue()));
    }

    String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
