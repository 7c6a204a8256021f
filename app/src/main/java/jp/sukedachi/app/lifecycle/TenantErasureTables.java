package jp.sukedachi.app.lifecycle;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which rows of which tables belong to a company, found from the database metadata (never a hand-written list,
 * so a table added tomorrow is covered): the {@code tenant} row; every table with a {@code tenant_id} column;
 * every table whose foreign key points at such rows (children, grandchildren …); uuid columns that name a user
 * by convention without a foreign key ({@code actor_id}, {@code user_id}, {@code *_user_id}, {@code *_by}) when
 * the user is one of the company's; and rows of no company (tenant_id null) whose text names the company's id or
 * slug (the audit rows of its creation, for instance). Read once per call: the schema is small and this runs for
 * an export or a deletion, not per request.
 */
@Component
class TenantErasureTables {
    /** Flyway's own bookkeeping, and staff accounts (tenant_id null = a provider user, never the company's). */
    private static final Set<String> NEVER = Set.of("flyway_schema_history");

    private final DataSource dataSource;

    TenantErasureTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record Column(String name, Kind kind, boolean nullable) {
    }

    enum Kind { UUID, TEXT, BINARY, BOOLEAN, OTHER }

    record ForeignKey(String parent, List<String> columns, List<String> parentColumns) {
    }

    record Table(String name, List<Column> columns, List<ForeignKey> foreignKeys) {
        Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * One table's share of the company: {@code where} uses the named parameters {@code tenant} (uuid),
     * {@code idText} and {@code slugText} (LIKE patterns). Parts come children first: deleting them in order
     * never breaks a foreign key.
     */
    record Part(Table table, String where) {
        String name() {
            return table.name();
        }
    }

    /** The company's parts of every table that can hold something of it, children before parents. */
    List<Part> parts() {
        Map<String, Table> tables = read();
        Map<String, String> predicates = new LinkedHashMap<>();
        for (String name : tables.keySet()) {
            String p = predicate(name, tables, predicates, new HashSet<>());
            if (p != null) {
                predicates.put(name, p);
            }
        }
        List<Part> parts = new ArrayList<>();
        for (String name : childrenFirst(predicates.keySet(), tables)) {
            parts.add(new Part(tables.get(name), predicates.get(name)));
        }
        return parts;
    }

    /** Every table's columns, for the scan of what is left (tests) and the export's table dump. */
    Map<String, Table> read() {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            Map<String, Table> tables = new TreeMap<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!NEVER.contains(name)) {
                        tables.put(name, null);
                    }
                }
            }
            for (String name : List.copyOf(tables.keySet())) {
                tables.put(name, new Table(name, columns(meta, c, schema, name), foreignKeys(meta, c, schema, name)));
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables", e);
        }
    }

    private static List<Column> columns(DatabaseMetaData meta, Connection c, String schema, String table)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, metaName(meta, table), "%")) {
            while (rs.next()) {
                columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        kind(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        return columns;
    }

    private static List<ForeignKey> foreignKeys(DatabaseMetaData meta, Connection c, String schema, String table)
            throws SQLException {
        Map<String, ForeignKey> keys = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), schema, metaName(meta, table))) {
            while (rs.next()) {
                String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                String name = rs.getString("FK_NAME") == null ? parent + rs.getString("FKCOLUMN_NAME") : rs.getString("FK_NAME");
                ForeignKey key = keys.computeIfAbsent(name, n -> new ForeignKey(parent, new ArrayList<>(), new ArrayList<>()));
                key.columns().add(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT));
                key.parentColumns().add(rs.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(keys.values());
    }

    private static String metaName(DatabaseMetaData meta, String table) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }

    static Kind kind(int type, String typeName) {
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (t.equals("uuid")) {
            return Kind.UUID;
        }
        return switch (type) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                 Types.LONGNVARCHAR, Types.NCLOB -> Kind.TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
            case Types.BOOLEAN -> Kind.BOOLEAN;
            default -> t.equals("json") || t.equals("jsonb") || t.equals("text") ? Kind.TEXT
                    : t.equals("bytea") ? Kind.BINARY : t.equals("bool") || t.equals("boolean") ? Kind.BOOLEAN
                    : Kind.OTHER;
        };
    }

    /** The SQL condition selecting the company's rows of a table, or null when the table never holds any. */
    private static String predicate(String name, Map<String, Table> tables, Map<String, String> known,
            Set<String> visiting) {
        if (known.containsKey(name)) {
            return known.get(name);
        }
        if (!visiting.add(name)) {
            return null;
        }
        Table table = tables.get(name);
        List<String> ways = new ArrayList<>();
        if (name.equals("tenant")) {
            ways.add("id = :tenant");
        }
        Column tenantId = table.column("tenant_id");
        if (tenantId != null && tenantId.kind() == Kind.UUID) {
            ways.add("tenant_id = :tenant");
        }
        Set<String> keyed = new HashSet<>();
        for (ForeignKey key : table.foreignKeys()) {
            keyed.addAll(key.columns());
            if (key.parent().equals(name) || !tables.containsKey(key.parent())) {
                continue;
            }
            String parent = predicate(key.parent(), tables, known, visiting);
            if (parent != null) {
                ways.add(tuple(key.columns()) + " in (select " + String.join(", ", key.parentColumns()) + " from "
                        + key.parent() + " where " + parent + ")");
            }
        }
        // Users named without a foreign key (the audit log's actor): the company's users.
        if (!name.equals("app_user") && tables.containsKey("app_user")) {
            for (Column column : table.columns()) {
                if (column.kind() == Kind.UUID && !keyed.contains(column.name()) && namesAUser(column.name())) {
                    ways.add(column.name() + " in (select id from app_user where tenant_id = :tenant)");
                }
            }
        }
        // Rows of no company that name it in text (its creation in the audit log). Staff accounts are left alone.
        if (tenantId != null && tenantId.nullable() && !name.equals("app_user")) {
            List<String> texts = new ArrayList<>();
            for (Column column : table.columns()) {
                if (column.kind() == Kind.TEXT) {
                    texts.add(column.name() + " like :idText");
                    texts.add(column.name() + " like :slugText");
                }
            }
            if (!texts.isEmpty()) {
                ways.add("(tenant_id is null and (" + String.join(" or ", texts) + "))");
            }
        }
        visiting.remove(name);
        return ways.isEmpty() ? null : "(" + String.join(" or ", ways) + ")";
    }

    private static boolean namesAUser(String column) {
        return column.equals("actor_id") || column.equals("user_id") || column.endsWith("_user_id")
                || column.endsWith("_by");
    }

    private static String tuple(List<String> columns) {
        return columns.size() == 1 ? columns.getFirst() : "(" + String.join(", ", columns) + ")";
    }

    /** Children before parents (a table after every table whose foreign key points at it). */
    private static List<String> childrenFirst(Set<String> names, Map<String, Table> tables) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : names) {
            visitChildren(name, names, tables, done, new HashSet<>(), order);
        }
        return order;
    }

    private static void visitChildren(String name, Set<String> names, Map<String, Table> tables, Set<String> done,
            Set<String> path, List<String> order) {
        if (done.contains(name) || !path.add(name)) {
            return;
        }
        for (String other : names) {
            if (!other.equals(name) && tables.get(other).foreignKeys().stream().anyMatch(k -> k.parent().equals(name))) {
                visitChildren(other, names, tables, done, path, order);
            }
        }
        path.remove(name);
        if (done.add(name)) {
            order.add(name);
        }
    }
}
