package jp.sukedachi.app.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.sukedachi.app.selfcheck.PolicyPdfs;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.tenant.Tenant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes everything of a company as a ZIP straight to the response (row by row; never the whole ZIP in memory):
 * README.txt (Japanese), the curated files people read (CSV in UTF-8 with BOM, and JSON), the attached files
 * (incident evidence, desk attachments, visit photos) under {@code files/}, and one JSON per table under
 * {@code tables/} with every row of the company, found the same way the deletion finds them, so nothing is
 * forgotten. Secrets (password hashes, TOTP secrets, token hashes) are left out of the table files.
 */
@Component
class ExportWriter {
    /** The curated files: file name → table. Tables another version does not have are skipped. */
    private static final List<String[]> CURATED = List.of(
            new String[] {"alerts", "alert"}, new String[] {"alert_history", "alert_history"},
            new String[] {"incidents", "incident"}, new String[] {"incident_timeline", "incident_timeline"},
            new String[] {"incident_tasks", "incident_task"}, new String[] {"incident_messages", "incident_message"},
            new String[] {"incident_evidence", "incident_evidence"},
            new String[] {"selfcheck_history", "selfcheck_attempt"},
            new String[] {"security_action", "security_action_declaration"},
            new String[] {"policy", "selfhelp_policy"}, new String[] {"asset_ledger", "selfhelp_asset"},
            new String[] {"lan_hosts", "lan_host"},
            new String[] {"cloud_services", "selfhelp_cloud"}, new String[] {"devices", "device"},
            new String[] {"device_addresses", "device_address"}, new String[] {"tickets", "ticket"},
            new String[] {"ticket_messages", "ticket_message"}, new String[] {"ticket_attachments", "ticket_attachment"},
            new String[] {"visits", "visit"}, new String[] {"visit_evidence", "visit_evidence"},
            new String[] {"users", "app_user"}, new String[] {"audit_log", "audit_event"},
            // Added by other issue-17 branches when present (names as they create them).
            new String[] {"contract", "contract"}, new String[] {"insurance_policies", "insurance_policy"},
            new String[] {"insurance_policy_lines", "insurance_policy_line"}, new String[] {"claims", "claim"},
            new String[] {"claim_items", "claim_item"}, new String[] {"claim_lines", "claim_line"},
            new String[] {"claim_files", "claim_file"}, new String[] {"claim_history", "claim_history"});
    /** Files attached to these tables are written as themselves under files/ (claim_file: the claims' invoices). */
    private static final List<String> FILE_TABLES = List.of("incident_evidence", "ticket_attachment", "visit_evidence",
            "claim_file");

    private final TenantErasureRepository erasure;
    private final PolicyPdfs policyPdfs;

    ExportWriter(TenantErasureRepository erasure, PolicyPdfs policyPdfs) {
        this.erasure = erasure;
        this.policyPdfs = policyPdfs;
    }

    /** Whether a column holds a secret that never leaves the server. */
    static boolean secret(String column) {
        return column.contains("password") || column.contains("secret") || column.endsWith("token_hash")
                || column.equals("key_hash");
    }

    /**
     * What one export reads: the company, and for its own people the rules that keep staff's internal rows and
     * values out ({@link CompanyView}); for provider staff no rules (the complete export to hand over).
     */
    record Scope(Tenant tenant, Map<String, CompanyView.Rules> rules) {
        CompanyView.Rules of(String table) {
            return rules.get(table);
        }
    }

    /** A count with its reason in words (rows left out of a table, or values blanked in a column). */
    record Omission(long rows, String why) {
    }

    /** Writes the ZIP; returns the rows written per table (for staff the same counts as {@link TenantErasureRepository#count}). */
    @Transactional(readOnly = true)
    Map<String, Long> write(Actor actor, Tenant tenant, Instant at, boolean company, OutputStream target) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Omission> leftOut = new TreeMap<>();
        Map<String, Omission> blanked = new TreeMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8)) {
            Map<String, CompanyView.Rules> rules = new TreeMap<>();
            Map<String, TenantErasureTables.Part> byName = new TreeMap<>();
            for (TenantErasureTables.Part p : erasure.parts()) {
                TenantErasureTables.Part part = company ? companyPart(tenant, p, rules, leftOut, blanked) : p;
                if (part != null) {
                    byName.put(part.name(), part);
                }
            }
            Scope scope = new Scope(tenant, rules);
            List<String> curated = new ArrayList<>();
            for (String[] c : CURATED) {
                TenantErasureTables.Part part = byName.get(c[1]);
                if (part != null) {
                    curatedCsv(zip, scope, part, "data/" + c[0] + ".csv");
                    curatedJson(zip, scope, part, "data/" + c[0] + ".json");
                    curated.add(c[0]);
                }
            }
            // The policy documents as the company prints them (PDF), besides their text in data/policy.*.
            for (PolicyPdfs.Document document : policyPdfs.of(actor, tenant.id())) {
                entry(zip, "documents/" + document.fileName());
                zip.write(document.pdf());
            }
            for (String table : FILE_TABLES) {
                if (byName.containsKey(table)) {
                    files(zip, scope, byName.get(table));
                }
            }
            for (TenantErasureTables.Part part : byName.values()) {
                long n = table(zip, scope, part);
                if (n > 0) {
                    counts.put(part.name(), n);
                }
            }
            entry(zip, "tables/_counts.json");
            zip.write(countsJson(company, counts, leftOut, blanked).getBytes(StandardCharsets.UTF_8));
            entry(zip, "README.txt");
            zip.write(ExportReadme.text(tenant, at, company, curated, counts, leftOut, blanked)
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /**
     * The part of a table the company's own people take: null for a staff-only table, else the rows they see; what
     * is left out or blanked is counted with its reason.
     */
    private TenantErasureTables.Part companyPart(Tenant tenant, TenantErasureTables.Part part,
            Map<String, CompanyView.Rules> rules, Map<String, Omission> leftOut, Map<String, Omission> blanked) {
        CompanyView.Rules r = CompanyView.of(part.table());
        rules.put(part.name(), r);
        if (r.none()) {
            return part;
        }
        long all = erasure.count(part, tenant.id(), tenant.slug());
        if (r.staffOnly() != null) {
            if (all > 0) {
                leftOut.put(part.name(), new Omission(all, r.staffOnly()));
            }
            return null;
        }
        TenantErasureTables.Part kept = new TenantErasureTables.Part(part.table(), "(" + part.where() + ") and " + r.keep());
        long left = all - erasure.count(kept, tenant.id(), tenant.slug());
        if (left > 0) {
            leftOut.put(part.name(), new Omission(left, String.join("、",
                    r.rows().stream().map(CompanyView.Rule::why).toList())));
        }
        for (CompanyView.Rule v : r.values()) {
            long n = erasure.count(new TenantErasureTables.Part(part.table(), "(" + kept.where() + ") and "
                    + v.blankWhen()), tenant.id(), tenant.slug());
            if (n > 0) {
                blanked.put(part.name() + "." + v.column(), new Omission(n, v.why()));
            }
        }
        return kept;
    }

    /** Rows per table, and for the company's export what was left out or blanked, each with why in words. */
    static String countsJson(boolean company, Map<String, Long> counts, Map<String, Omission> leftOut,
            Map<String, Omission> blanked) {
        StringBuilder json = new StringBuilder("{\"export\":");
        ExportJson.string(json, company ? "company" : "provider");
        json.append(",\"rows\":{");
        boolean[] first = {true};
        counts.forEach((t, n) -> {
            json.append(first[0] ? "\n" : ",\n");
            first[0] = false;
            ExportJson.string(json, t);
            json.append(':').append(n);
        });
        json.append("},\n\"left_out\":");
        omissions(json, leftOut);
        json.append(",\n\"blanked\":");
        omissions(json, blanked);
        return json.append("}\n").toString();
    }

    private static void omissions(StringBuilder json, Map<String, Omission> omissions) {
        json.append('{');
        boolean[] first = {true};
        omissions.forEach((name, o) -> {
            json.append(first[0] ? "\n" : ",\n");
            first[0] = false;
            ExportJson.string(json, name);
            json.append(":{\"rows\":").append(o.rows()).append(",\"why\":");
            ExportJson.string(json, o.why());
            json.append('}');
        });
        json.append('}');
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
    }

    private List<String> readable(TenantErasureTables.Part part) {
        return part.table().columns().stream()
                .filter(c -> c.kind() != TenantErasureTables.Kind.BINARY && !secret(c.name()))
                .map(TenantErasureTables.Column::name).toList();
    }

    private void curatedCsv(ZipOutputStream zip, Scope scope, TenantErasureTables.Part part, String name)
            throws IOException {
        List<String> columns = readable(part);
        entry(zip, name);
        StringBuilder line = new StringBuilder("\uFEFF");
        for (int i = 0; i < columns.size(); i++) {
            line.append(i == 0 ? "" : ",").append(columns.get(i));
        }
        zip.write(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        select(scope, part, columns, rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    row.append(',');
                }
                ExportJson.csv(row, plain(rs.getObject(i + 1)));
            }
            write(zip, row.append("\r\n"));
        });
    }

    private void curatedJson(ZipOutputStream zip, Scope scope, TenantErasureTables.Part part, String name)
            throws IOException {
        List<String> columns = readable(part);
        entry(zip, name);
        zip.write("[".getBytes(StandardCharsets.UTF_8));
        boolean[] first = {true};
        select(scope, part, columns, rs -> {
            StringBuilder row = new StringBuilder(first[0] ? "\n" : ",\n");
            first[0] = false;
            object(row, rs, columns, null);
            write(zip, row);
        });
        zip.write("\n]\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The attached files themselves, named by their row id and their own file name. */
    private void files(ZipOutputStream zip, Scope scope, TenantErasureTables.Part part) {
        select(scope, part, List.of("id", "file_name", "content"), rs -> {
            try {
                entry(zip, "files/" + part.name() + "/" + rs.getObject(1) + "-" + safeName(rs.getString(2)));
                zip.write(rs.getBytes(3));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Every row of the company in one table as a JSON array; binary values go to their own files (named in the
     * JSON as {@code {"file": …}}). Tables with a binary column keep their JSON in memory until the table ends
     * (their rows are few and small without the binaries); the others stream.
     */
    private long table(ZipOutputStream zip, Scope scope, TenantErasureTables.Part part) throws IOException {
        List<String> columns = part.table().columns().stream().filter(c -> !secret(c.name()))
                .map(TenantErasureTables.Column::name).toList();
        boolean binary = part.table().columns().stream().anyMatch(c -> c.kind() == TenantErasureTables.Kind.BINARY);
        StringBuilder held = new StringBuilder("[");
        long[] rows = {0};
        if (!binary) {
            entry(zip, "tables/" + part.name() + ".json");
            zip.write("[".getBytes(StandardCharsets.UTF_8));
        }
        select(scope, part, columns, rs -> {
            rows[0]++;
            StringBuilder row = new StringBuilder(rows[0] == 1 ? "\n" : ",\n");
            object(row, rs, columns, binary ? (column, bytes) -> {
                String file = "tables/" + part.name() + "/" + rows[0] + "." + column + ".bin";
                try {
                    entry(zip, file);
                    zip.write(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return file;
            } : null);
            if (binary) {
                held.append(row);
            } else {
                write(zip, row);
            }
        });
        if (binary) {
            entry(zip, "tables/" + part.name() + ".json");
            zip.write(held.toString().getBytes(StandardCharsets.UTF_8));
        }
        zip.write("\n]\n".getBytes(StandardCharsets.UTF_8));
        return rows[0];
    }

    interface BinaryOut {
        String file(String column, byte[] bytes);
    }

    private static void object(StringBuilder out, ResultSet rs, List<String> columns, BinaryOut binaries)
            throws SQLException {
        out.append('{');
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            ExportJson.string(out, columns.get(i));
            out.append(':');
            Object value = rs.getObject(i + 1);
            if (value instanceof byte[] bytes && binaries != null && !isUuidColumn(meta, i + 1)) {
                out.append("{\"file\":");
                ExportJson.string(out, binaries.file(columns.get(i), bytes));
                out.append('}');
            } else if (value instanceof byte[] bytes) {
                ExportJson.string(out, java.util.Base64.getEncoder().encodeToString(bytes));
            } else {
                ExportJson.value(out, plain(value));
            }
        }
        out.append('}');
    }

    private static boolean isUuidColumn(ResultSetMetaData meta, int column) throws SQLException {
        return "uuid".equalsIgnoreCase(meta.getColumnTypeName(column));
    }

    /** Values as people read them: times in ISO-8601 UTC, clobs as text. */
    private static Object plain(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case java.sql.Timestamp t -> t.toInstant().toString();
            case OffsetDateTime t -> t.toInstant().toString();
            case java.sql.Clob c -> c.getSubString(1, (int) Math.min(Integer.MAX_VALUE, c.length()));
            case UUID u -> u.toString();
            case Number n -> n;
            case Boolean b -> b;
            default -> value.toString();
        };
    }

    interface RowWriter {
        void row(ResultSet rs) throws SQLException;
    }

    /** Selects the columns of the scope's rows; values staff keep for themselves come back null for the company. */
    private void select(Scope scope, TenantErasureTables.Part part, List<String> columns, RowWriter writer) {
        CompanyView.Rules rules = scope.of(part.name());
        String list = String.join(", ", rules == null ? columns : columns.stream().map(rules::select).toList());
        erasure.select(part, list, scope.tenant().id(), scope.tenant().slug(), writer::row);
    }

    private static void write(ZipOutputStream zip, CharSequence text) {
        try {
            zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file name that stays inside its folder of the ZIP. */
    static String safeName(String name) {
        String s = name == null ? "file" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        s = s.replaceAll("^\\.+", "_");
        return s.isBlank() ? "file" : s.length() > 120 ? s.substring(s.length() - 120) : s;
    }
}
