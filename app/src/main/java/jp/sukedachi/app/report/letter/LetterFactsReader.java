package jp.sukedachi.app.report.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.report.letter.LetterFacts.DeviceFact;
import jp.sukedachi.app.report.letter.LetterFacts.IncidentFact;
import jp.sukedachi.app.report.letter.LetterFacts.SecurityActionFact;
import jp.sukedachi.app.report.letter.LetterFacts.SelfCheckFact;
import jp.sukedachi.app.selfcheck.Attempt;
import jp.sukedachi.app.selfcheck.Score;
import jp.sukedachi.app.selfcheck.SecurityActionService;
import jp.sukedachi.app.selfcheck.SecurityActionStatus;
import jp.sukedachi.app.selfcheck.SelfCheckService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.statement.WatchedTime;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a letter's facts through the other capabilities' root APIs with the owner as the actor, so nothing of
 * another company can enter a letter: the devices' watched time (statement's, shared with the usage statement and
 * the monthly report), the incidents, the self-check and SECURITY ACTION.
 */
@Component
class LetterFactsReader {
    /** Incidents listed one by one; more are counted on the letter ("and N more"), never dropped silently. */
    static final int INCIDENTS_LISTED = 30;

    private final DeviceDirectory devices;
    private final WatchedTime watchedTime;
    private final Incidents incidents;
    private final SelfCheckService selfChecks;
    private final SecurityActionService securityAction;
    private final String issuer;

    LetterFactsReader(DeviceDirectory devices, WatchedTime watchedTime, Incidents incidents, SelfCheckService selfChecks,
            SecurityActionService securityAction,
            // The provider's name as it signs the usage statements: one setting for every document it issues.
            @Value("${sukedachi.statement.issuer:}") String issuer) {
        this.devices = devices;
        this.watchedTime = watchedTime;
        this.incidents = incidents;
        this.selfChecks = selfChecks;
        this.securityAction = securityAction;
        this.issuer = issuer == null || issuer.isBlank() ? "Sukedachi" : issuer.strip();
    }

    /** The company's devices as the actor sees them: the first registration bounds the periods a letter may cover. */
    List<Device> devicesOf(Actor actor, UUID tenantId) {
        return devices.devicesOf(actor, tenantId);
    }

    LetterFacts read(Actor actor, Tenant tenant, LetterPeriod period, Instant now) {
        Instant start = period.start();
        Instant end = period.end();
        // Counted, not read: the letter lists the first ones, and its totals are the database's past any cap.
        Incidents.Overlap counts = incidents.overlapBetween(actor, tenant.id(), start, end, now);
        List<IncidentFact> listed = incidents.overlappingBetween(actor, tenant.id(), start, end, INCIDENTS_LISTED)
                .stream()
                .map(i -> new IncidentFact(i.number(), i.type() == null ? null : i.type().labelKey(), day(i.openedAt()),
                        i.closedAt() == null || i.closedAt().isAfter(now) ? null : day(i.closedAt())))
                .toList();
        return new LetterFacts(LetterFacts.VERSION, tenant.name(), period.from(), period.to(), now, issuer,
                devices(actor, tenant.id(), start, end), listed, Math.max(0, counts.total() - listed.size()),
                counts.closed(),
                selfCheck(actor, tenant.id()), securityAction(actor, tenant.id()));
    }

    /** Each device's watched share of the whole period, as the usage statement and the monthly report count it. */
    private List<DeviceFact> devices(Actor actor, UUID tenantId, Instant start, Instant end) {
        long period = end.getEpochSecond() - start.getEpochSecond();
        return watchedTime.between(actor, tenantId, start, end).stream()
                .map(d -> new DeviceFact(d.name(), d.kindLabelKey(), day(d.registeredAt()),
                        permille(d.watchedSeconds(), period)))
                .toList();
    }

    /** Rounded down, so that a letter never claims more than was watched. */
    static int permille(long part, long whole) {
        return whole <= 0 ? 0 : (int) Math.max(0, Math.min(1000, part * 1000 / whole));
    }

    private SelfCheckFact selfCheck(Actor actor, UUID tenantId) {
        Attempt latest = selfChecks.compare(actor, tenantId).latest();
        return latest == null ? null : new SelfCheckFact(latest.total(), Score.MAX, day(latest.createdAt()));
    }

    private SecurityActionFact securityAction(Actor actor, UUID tenantId) {
        SecurityActionStatus s = securityAction.status(actor, tenantId);
        return new SecurityActionFact(s.declaredLevel(), s.latest() == null ? null : s.latest().code(),
                s.latest() == null ? null : s.latest().declaredOn(), (int) s.rulesTicked(), SecurityActionStatus.RULES);
    }

    private static LocalDate day(Instant at) {
        return at.atZone(Formats.TOKYO).toLocalDate();
    }
}
