package jp.sukedachi.app.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;

/**
 * What of a company's rows its own people may take in their export: exactly what the product shows them, never
 * the provider staff's internal notes. Three kinds of rule, each with the reason the export states in words:
 * <ul>
 *   <li>tables that are staff-only by nature (left out whole);</li>
 *   <li>rows marked internal — by column name, so a table added tomorrow with such a column is filtered too
 *       ({@code internal}/{@code staff_only} true, {@code visible}/{@code visible_to_company}/{@code *_visible}
 *       false) — plus a few rows known by their values (internal ticket notes, staff's own notifications, audit
 *       rows the company's audit page does not show);</li>
 *   <li>values blanked in rows the company does see: {@code X} when {@code X_internal} is true (visit findings),
 *       and staff's notes the company's pages never show.</li>
 * </ul>
 * Provider staff (admin, analyst) export everything: that export is for handing over and says so.
 */
final class CompanyView {
    /** Tables the company never sees any row of, with why. */
    private static final Map<String, String> STAFF_ONLY = Map.of(
            "ticket_time", "相談窓口の担当者の作業時間とそのメモ（提供者の社内記録で、貴社の画面には出ません）",
            "desk_mail", "相談窓口のメールの配送管理の記録（提供者の社内記録）",
            "desk_mail_unmatched", "相談窓口に届いた差出人の分からないメールの原本（貴社以外の方のメールを含みうる、提供者だけが扱う記録）",
            "incident_report_facts", "届出の要否を判断するために担当者が記録した事実（提供者の社内メモ）",
            "offboarding", "解約手続きの社内記録（理由と依頼者のメモ）",
            "suppression", "担当者がアラートを出さないと決めた条件とその理由（提供者の社内記録で、貴社の画面には出ません）");

    /** Rows known by their values: table → SQL condition of the rows the company sees, and why the others go. */
    private static final Map<String, String[]> ROWS = Map.of(
            "ticket_message", new String[] {"kind <> 'INTERNAL'", "相談窓口の担当者どうしの社内メモ"},
            "notification", new String[] {"audience <> 'ANALYST'", "提供者の担当者あての通知"},
            "incident_report_duty", new String[] {"status <> 'NOT_NEEDED'",
                "担当者が「届出不要」と判断した届出先（貴社の画面には出ません）"},
            "audit_event", new String[] {"tenant_id = :tenant",
                "貴社の「操作の記録」画面に出ない記録（貴社の作成など提供者側の記録、貴社の方の他社・提供者側での操作）"});

    /** Values staff keep for themselves in rows the company sees: table → column → why. */
    private static final Map<String, Map<String, String>> VALUES = Map.of(
            "visit", Map.of("notes", "担当者から駆けつけ担当への社内メモ"),
            "incident_report_duty", Map.of("note", "届出についての担当者のメモ"));

    /** A rule on a table: the rows kept ({@code keep}, SQL) or the column blanked ({@code column}). */
    record Rule(String keep, String column, String blankWhen, String why) {
    }

    /** The rules of one table for the company; {@code staffOnly} non-null leaves the whole table out. */
    record Rules(String staffOnly, List<Rule> rows, List<Rule> values) {
        boolean none() {
            return staffOnly == null && rows.isEmpty() && values.isEmpty();
        }

        /** The SQL condition of the rows kept (true when every row is kept). */
        String keep() {
            return rows.isEmpty() ? "1 = 1"
                    : String.join(" and ", rows.stream().map(r -> "(" + r.keep() + ")").toList());
        }

        /** What to select for a column: the column, or null in the rows where staff keep it for themselves. */
        String select(String column) {
            for (Rule v : values) {
                if (v.column().equals(column)) {
                    return "case when " + v.blankWhen() + " then null else " + column + " end as " + column;
                }
            }
            return column;
        }
    }

    private CompanyView() {
    }

    /** Whether this person only ever gets the company's view (everyone but provider staff). */
    static boolean appliesTo(Actor actor) {
        return actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST;
    }

    /**
     * Which copy a request asks for: {@code copy=company} or {@code copy=provider}; without it, the company's copy
     * for the company's people and the provider's for staff. Anything else is malformed (400).
     */
    static boolean companyCopy(Actor actor, String copy) {
        if (copy == null || copy.isBlank()) {
            return appliesTo(actor);
        }
        return switch (copy) {
            case "company" -> true;
            case "provider" -> false;
            default -> throw new jp.sukedachi.app.shared.InvalidInput("copy", "export.copy.invalid", null,
                    "copy is company or provider");
        };
    }

    static Rules of(TenantErasureTables.Table table) {
        String name = table.name();
        if (STAFF_ONLY.containsKey(name)) {
            return new Rules(STAFF_ONLY.get(name), List.of(), List.of());
        }
        List<Rule> rows = new ArrayList<>();
        List<Rule> values = new ArrayList<>();
        for (TenantErasureTables.Column c : table.columns()) {
            if (c.kind() != TenantErasureTables.Kind.BOOLEAN) {
                continue;
            }
            String n = c.name();
            if (n.equals("internal") || n.equals("staff_only")) {
                rows.add(new Rule("(" + n + " is null or " + n + " = false)", null, null,
                        "提供者の社内用の記録（" + n + " = true）"));
            } else if (n.equals("visible") || n.equals("visible_to_company") || n.endsWith("_visible")) {
                rows.add(new Rule(n + " = true", null, null, "貴社に見せない提供者の社内メモ（" + n + " = false）"));
            } else if (n.endsWith("_internal")) {
                String of = n.substring(0, n.length() - "_internal".length());
                if (table.column(of) != null) {
                    values.add(new Rule(null, of, n + " = true", "提供者だけが読む " + of + "（" + n + " = true）"));
                } else {
                    rows.add(new Rule("(" + n + " is null or " + n + " = false)", null, null,
                            "提供者の社内用の記録（" + n + " = true）"));
                }
            }
        }
        String[] known = ROWS.get(name);
        if (known != null && table.columns().stream().anyMatch(c -> known[0].startsWith(c.name() + " "))) {
            rows.add(new Rule(known[0], null, null, known[1]));
        }
        VALUES.getOrDefault(name, Map.of()).forEach((column, why) -> {
            if (table.column(column) != null) {
                values.add(new Rule(null, column, column + " is not null", why));
            }
        });
        return new Rules(null, rows, values);
    }
}
