package jp.sukedachi.app.demo;

import java.time.Duration;
import java.time.Instant;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.incident.ReportingExtension;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.stereotype.Component;

/**
 * The demo's reporting routes: the ransomware case has its facts answered (a customer list on the NAS may have
 * leaked, partners got mail in the company's name) and the police already consulted; the phishing case is answered
 * "no personal data", so it goes to JPCERT/CC only.
 */
@Component
class DemoReporting {
    private final Incidents incidents;
    private final ReportingExtension reporting;
    private final TenantRepository tenants;

    DemoReporting(Incidents incidents, ReportingExtension reporting, TenantRepository tenants) {
        this.incidents = incidents;
        this.reporting = reporting;
        this.tenants = tenants;
    }

    void answer(Actor analyst) {
        first(analyst, "takahashi-seisakusho", IncidentType.RANSOMWARE).ifPresent(i -> {
            reporting.answer(analyst, i.id(), new ReportingExtension.Answers("MAYBE", 240, false, false, false, true,
                    false, false));
            Instant called = i.learnedAt().plus(Duration.ofHours(3));
            reporting.markSent(analyst, i.id(), "police", called.isAfter(Instant.now()) ? null : called,
                    "県警サイバー犯罪相談窓口に電話で相談。ログと PC はそのまま保全するよう助言あり。");
        });
        first(analyst, "yamabuki-shoji", IncidentType.PHISHING).ifPresent(i -> reporting.answer(analyst, i.id(),
                new ReportingExtension.Answers("NO", null, false, false, false, false, false, false)));
    }

    private java.util.Optional<Incident> first(Actor analyst, String slug, IncidentType type) {
        return tenants.findBySlug(analyst, slug)
                .flatMap(t -> incidents.list(analyst, null, false, t.id(), type, 1).stream().findFirst());
    }
}
