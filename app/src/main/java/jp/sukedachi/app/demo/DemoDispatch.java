package jp.sukedachi.app.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.sukedachi.app.dispatch.Responders;
import jp.sukedachi.app.dispatch.VisitRecord;
import jp.sukedachi.app.dispatch.VisitRequest;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.stereotype.Component;

/**
 * The demo's on-site dispatch: the demo responder covers Osaka and its neighbours, and has one visit today (assigned,
 * for a ransomware incident of the first company) and one done this morning with its record and sign-off.
 */
@Component
class DemoDispatch {
    private final Incidents incidents;
    private final Visits visits;
    private final Responders responders;

    DemoDispatch(Incidents incidents, Visits visits, Responders responders) {
        this.incidents = incidents;
        this.visits = visits;
        this.responders = responders;
    }

    void seed(Actor admin, AppUser responder, Tenant company) {
        responders.save(admin, responder.id(), List.of("27", "26", "28", "29"), "AVAILABLE", null, null,
                "090-0000-1234");
        var incident = incidents.openForCompany(admin, company.id(), new Incidents.Opening(
                "事務所のパソコンのファイルが開けない（拡張子が変わった）", IncidentType.RANSOMWARE, "CRITICAL")).summary();
        Instant today = LocalDate.now(Formats.TOKYO).atStartOfDay(Formats.TOKYO).toInstant();
        var done = visits.request(admin, incident.id(), new VisitRequest(today.plus(Duration.ofHours(9)),
                today.plus(Duration.ofHours(11)), "大阪府東大阪市高井田元町1-2-3 本社2階", "", "",
                "感染したパソコンを電源を入れたままネットワークから外し、証拠を保全する。"));
        visits.assign(admin, done.id(), responder.id());
        visits.checkIn(responder.actor(), done.id());
        visits.checkOut(responder.actor(), done.id(), new VisitRecord(
                "感染したパソコン1台をLANから外し、電源は入れたまま保全しました。共有フォルダの被害範囲を確認しました。",
                "管理者のパスワードが付箋に書かれていました。", true, "高橋 一郎", 40, 90, "デモの記録（90分の作業）"));
        var next = visits.request(admin, incident.id(), new VisitRequest(today.plus(Duration.ofHours(14)),
                today.plus(Duration.ofHours(16)), "大阪府東大阪市高井田元町1-2-3 本社2階", "", "",
                "バックアップからの復旧に立ち会う。"));
        visits.assign(admin, next.id(), responder.id());
    }
}
