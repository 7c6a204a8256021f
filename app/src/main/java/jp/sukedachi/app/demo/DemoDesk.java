package jp.sukedachi.app.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.sukedachi.app.desk.CannedAnswers;
import jp.sukedachi.app.desk.TicketCategory;
import jp.sukedachi.app.desk.TicketChannel;
import jp.sukedachi.app.desk.TicketPriority;
import jp.sukedachi.app.desk.TicketStatus;
import jp.sukedachi.app.desk.TicketSummary;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.stereotype.Component;

/**
 * The demo desk: a few believable tickets of the first companies (a strange screen reported from the portal and
 * being worked on with an internal note, a phone call waiting for the customer, a visit request nobody has
 * answered yet, a solved password question) and two canned answers.
 */
@Component
class DemoDesk {
    private final Tickets tickets;
    private final CannedAnswers canned;
    private final Clock clock;

    DemoDesk(Tickets tickets, CannedAnswers canned, Clock clock) {
        this.tickets = tickets;
        this.canned = canned;
        this.clock = clock;
    }

    void seed(Actor analyst, List<Tenant> companies) {
        if (companies.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        canned.save(analyst, null, "電源は切らずにネットワークから外す",
                "パソコンの電源は切らずに、LANケーブルを抜き、Wi-Fi を切ってください。画面はそのままにして、担当者からの連絡をお待ちください。",
                "Do not turn the computer off. Unplug its network cable and turn its Wi-Fi off, leave the screen as it"
                        + " is and wait for the desk to contact you.");
        canned.save(analyst, null, "パスワードの再設定の手順",
                "管理画面の「利用者」から該当の方を選び、パスワードの再設定を送ってください。届かないときはこの返信でお知らせください。",
                null);

        Tenant first = companies.getFirst();
        TicketSummary strange = tickets.open(analyst, first.id(), new Tickets.Draft("経理のパソコンに見慣れない警告画面が出た",
                "朝から経理のパソコンに英語の警告画面が出て、ファイルが開けません。どうすればよいですか。",
                TicketCategory.SUSPICIOUS, TicketPriority.HIGH, TicketChannel.PORTAL, now.minus(Duration.ofMinutes(50)),
                first.contactName(), first.contactEmail()));
        tickets.post(analyst, strange.id(), "ランサムウェアの可能性。先に同じネットワークの他の機器のアラートを確認する。", true);
        tickets.post(analyst, strange.id(), "パソコンの電源は切らずに、LANケーブルを抜き、Wi-Fi を切ってください。"
                + "画面の写真をこのページから送っていただけますか。", false);
        tickets.logTime(analyst, strange.id(), 15, "状況の聞き取りと初動の案内");

        TicketSummary call = tickets.open(analyst, first.id(), new Tickets.Draft("電話: 取引先を名乗るメールの添付を開いてよいか",
                "取引先の名前で請求書のメールが届いたが、いつもと差出人のアドレスが違う。添付を開いてよいかとのお電話。",
                TicketCategory.QUESTION, TicketPriority.MEDIUM, TicketChannel.PHONE, now.minus(Duration.ofHours(26)),
                first.contactName(), null));
        tickets.post(analyst, call.id(), "添付は開かずに、そのメールをこのページに転送していただけますか。"
                + "取引先にはメール以外の方法（電話）で確認してください。", false);
        tickets.changeStatus(analyst, call.id(), TicketStatus.WAITING);
        tickets.logTime(analyst, call.id(), 10, "電話で聞き取り");

        Tenant second = companies.size() > 1 ? companies.get(1) : first;
        tickets.open(analyst, second.id(), new Tickets.Draft("新しいルーターの設定を見に来てほしい",
                "事務所のルーターを買い替えました。設定がこれで安全か、一度見に来ていただけますか。平日の午後なら都合がつきます。",
                TicketCategory.VISIT_REQUEST, TicketPriority.MEDIUM, TicketChannel.PORTAL,
                now.minus(Duration.ofHours(3)), second.contactName(), second.contactEmail()));
        TicketSummary solved = tickets.open(analyst, second.id(), new Tickets.Draft("退職した人のアカウントを止めたい",
                "先月退職した従業員のメールとクラウドのアカウントを止める手順を教えてください。",
                TicketCategory.ACCOUNT, TicketPriority.LOW, TicketChannel.EMAIL, now.minus(Duration.ofDays(3)),
                second.contactName(), second.contactEmail()));
        tickets.post(analyst, solved.id(), "手順をお送りします。メールとクラウドの管理画面で、該当の方のアカウントを「停止」にしてください。"
                + "共有していたパスワードも変えてください。", false);
        tickets.changeStatus(analyst, solved.id(), TicketStatus.SOLVED);
        tickets.logTime(analyst, solved.id(), 25, "手順の作成と案内");
    }
}
