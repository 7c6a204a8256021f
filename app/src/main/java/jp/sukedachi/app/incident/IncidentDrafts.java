package jp.sukedachi.app.incident;

import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The drafts of one incident's open and done duties, filled from the incident record (the 5W1H, hosts, the steps
 * already done) and the company (name, prefecture), in the reader's language. For staff: the caller checked that.
 */
@Component
class IncidentDrafts {
    private final Incidents incidents;
    private final IncidentViews views;
    private final TenantRepository tenants;
    private final ReportingDrafts drafts;
    private final Formats formats;

    IncidentDrafts(Incidents incidents, IncidentViews views, TenantRepository tenants, MessageSource messages,
            Formats formats) {
        this.incidents = incidents;
        this.views = views;
        this.tenants = tenants;
        this.drafts = new ReportingDrafts(messages);
        this.formats = formats;
    }

    List<ReportingDrafts.Draft> drafts(Actor actor, IncidentReporting.Plan plan, Locale locale) {
        Incident i = plan.incident();
        Tenant tenant = tenants.find(actor, i.tenantId()).orElse(null);
        List<String> done = incidents.tasks(actor, i.id()).stream().filter(IncidentRecords.Task::done)
                .map(t -> views.taskLine(t, locale).text()).toList();
        Incident.FiveW1H f = i.facts() == null ? Incident.FiveW1H.EMPTY : i.facts();
        ReportingDrafts.Input in = new ReportingDrafts.Input(tenant == null ? null : tenant.name(),
                tenant == null ? null : tenant.prefecture(), i.title(), i.type(), i.openedAt(), plan.facts(),
                f.foundBy(), f.foundAt() == null ? null : formats.dateTime(f.foundAt()), f.what(), f.where(), f.how(),
                f.damage(), i.hosts(), done);
        return drafts.drafts(in, plan.lines().stream().map(DutyPlan.Line::party).toList(), locale);
    }
}
