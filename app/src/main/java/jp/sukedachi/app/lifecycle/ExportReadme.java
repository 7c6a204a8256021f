package jp.sukedachi.app.lifecycle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.tenant.Tenant;

/** README.txt of the export, in Japanese: what each file is and how to open it. */
final class ExportReadme {
    private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private ExportReadme() {
    }

    /** The words that mark the provider's complete export (README title and file name). */
    static final String PROVIDER_LABEL = "提供者用（社内メモを含む）";

    static String text(Tenant tenant, Instant at, boolean company, List<String> curated, Map<String, Long> counts,
            Map<String, ExportWriter.Omission> leftOut, Map<String, ExportWriter.Omission> blanked) {
        StringBuilder s = new StringBuilder();
        s.append(tenant.name()).append(" 様のデータ一式").append(company ? "" : "【" + PROVIDER_LABEL + "】")
                .append("\r\n");
        s.append("作成日時: ").append(JST.format(at)).append("（日本時間）\r\n\r\n");
        if (company) {
            s.append("この ZIP には、助太刀（Sukedachi）が貴社についてお預かりしているデータのうち、貴社の画面でご覧いただける\r\n");
            s.append("ものがすべて入っています。担当者どうしの社内メモなど、貴社の画面に出ない記録は入っていません\r\n");
            s.append("（下の「■ 入っていないもの」に件数と理由があります）。\r\n");
        } else {
            s.append("これは提供者（助太刀の担当者）用の完全な控えです。貴社の画面に出ない社内メモ（相談窓口の社内メモと\r\n");
            s.append("社内用ファイル、インシデントの社内向けの経過、アラートの社内コメント、駆けつけの社内向け所見など）も\r\n");
            s.append("すべて含みます。解約の引き継ぎ用です。会社の方にお渡しするのは、会社の管理者が /my/data から\r\n");
            s.append("ダウンロードする控え（社内メモを含まないもの）にしてください。\r\n");
        }
        s.append("解約（データ削除）の後は、このファイルが唯一の控えになります。大切に保管してください。\r\n\r\n");
        s.append("■ data フォルダ（人が読むためのファイル）\r\n");
        s.append("  同じ内容を CSV（Excel で開けます。文字コード UTF-8、BOM 付き）と JSON（ほかのシステムへの移行用）で入れています。\r\n");
        for (String name : curated) {
            s.append("  ").append(name).append(".csv / .json … ").append(label(name)).append("\r\n");
        }
        s.append("  時刻はすべて世界協定時（UTC）です。日本時間は 9 時間を足してください。\r\n\r\n");
        s.append("■ documents フォルダ\r\n");
        s.append("  情報セキュリティ基本方針と社内規程を、印刷できる PDF で入れています（作成済みの場合）。\r\n\r\n");
        s.append("■ files フォルダ\r\n");
        s.append("  インシデントの証拠ファイル、困ったときは（相談窓口）の添付ファイル、駆けつけ対応の写真、\r\n");
        s.append("  保険金の請求に付けた請求書などを、\r\n");
        s.append("  お預かりしたままの形で入れています。ファイル名の先頭の番号は、CSV の id 列と対応します。\r\n\r\n");
        s.append("■ tables フォルダ（すべての記録）\r\n");
        s.append("  データベースのうち、貴社に関係する行を表ごとに一つの JSON にしたものです。漏れがないよう、\r\n");
        s.append("  上の data フォルダにない記録（検知の記録、集計など）もすべて入っています。\r\n");
        s.append("  画像などのファイルは同じ名前のフォルダに別ファイルとして入れ、JSON には {\"file\": …} と書いてあります。\r\n");
        s.append("  パスワードや機器の合言葉（トークン）などの秘密の値は、安全のため入れていません。\r\n");
        s.append("  表ごとの件数は tables/_counts.json にあります。\r\n");
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        s.append("  表の数: ").append(counts.size()).append("、行の数: ").append(total).append("\r\n\r\n");
        if (company) {
            s.append("■ 入っていないもの（提供者の社内用の記録）\r\n");
            if (leftOut.isEmpty() && blanked.isEmpty()) {
                s.append("  ありません。\r\n");
            }
            leftOut.forEach((table, o) -> s.append("  ").append(table).append(" の ").append(o.rows())
                    .append(" 行: ").append(o.why()).append("\r\n"));
            blanked.forEach((column, o) -> s.append("  ").append(column).append(" の ").append(o.rows())
                    .append(" 行分を空欄: ").append(o.why()).append("\r\n"));
            s.append("  件数は tables/_counts.json の left_out（除いた行）と blanked（空欄にした値）にもあります。\r\n\r\n");
        }
        s.append("■ 解約について\r\n");
        s.append("  解約の手続きが始まると、猶予期間のあいだ貴社の方はログインできず、機器からのログも受け付けません。\r\n");
        s.append("  猶予期間が終わると、貴社のデータ（この ZIP の中身すべてと、受け取ったイベントの記録）を完全に削除します。\r\n");
        s.append("  削除した後は元に戻せません。\r\n");
        return s.toString();
    }

    private static String label(String name) {
        return switch (name) {
            case "alerts" -> "アラート（お知らせした危険）";
            case "alert_history" -> "アラートの対応の記録";
            case "incidents" -> "インシデント（事故対応）";
            case "incident_timeline" -> "インシデントの経過";
            case "incident_tasks" -> "インシデントのやること";
            case "incident_messages" -> "インシデントのメッセージ";
            case "incident_evidence" -> "インシデントの証拠ファイルの一覧";
            case "selfcheck_history" -> "自社診断の履歴";
            case "security_action" -> "SECURITY ACTION の宣言";
            case "policy" -> "情報セキュリティ基本方針";
            case "asset_ledger" -> "情報資産の台帳";
            case "cloud_services" -> "利用しているクラウドサービス";
            case "devices" -> "登録した機器";
            case "device_addresses" -> "機器の送信元アドレス";
            case "tickets" -> "困ったときは（相談）";
            case "ticket_messages" -> "相談のメッセージ";
            case "ticket_attachments" -> "相談の添付ファイルの一覧";
            case "visits" -> "駆けつけ対応";
            case "visit_evidence" -> "駆けつけ対応の写真・ファイルの一覧";
            case "users" -> "利用者";
            case "audit_log" -> "操作の記録";
            case "contract" -> "契約";
            case "insurance_policies" -> "保険";
            case "insurance_policy_lines" -> "保険の補償の内容（補償ごとの上限）";
            case "claims" -> "保険金の請求";
            case "claim_items" -> "保険金の請求に入れた費用";
            case "claim_lines" -> "保険金の請求の計算（補償ごとの請求額・支払見込額・自己負担額）";
            case "claim_files" -> "保険金の請求に付けた請求書ファイルの一覧";
            case "claim_history" -> "保険金の請求の経過（保険会社からの質問と回答を含む）";
            default -> name;
        };
    }
}
