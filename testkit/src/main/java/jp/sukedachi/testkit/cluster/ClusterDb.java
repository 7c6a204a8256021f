package jp.sukedachi.testkit.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The database a test cluster shares, read back as it is (plain JDBC on the application's tables): what the workers
 * counted per device, their stored stream positions, the alerts and detections.
 *
 * @param url JDBC URL of the schema
 */
public record ClusterDb(String url) {
    /** Kafka streams' positions are stored under this prefix and the partition number. */
    public static final String STREAM_PREFIX = "pipeline:kafka:events:";

    /** A fresh schema in the PostgreSQL at {@code base} (no schema of its own), for a run that drops it after. */
    public static ClusterDb createSchema(String base, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        return new ClusterDb(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    /** Drops a schema made by {@link #createSchema}. */
    public static void dropSchema(String base, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    public Connection open() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** {@code company/device} → the device's id. */
    public Map<String, UUID> devices() throws SQLException {
        Map<String, UUID> out = new TreeMap<>();
        query("select t.slug, d.name, d.id from device d join tenant t on t.id = d.tenant_id",
                rs -> out.put(rs.getString(1) + "/" + rs.getString(2), rs.getObject(3, UUID.class)));
        return out;
    }

    /** Device id → events counted as parsed (the counters StageStore writes in the batch's transaction). */
    public Map<UUID, Long> parsed() throws SQLException {
        Map<UUID, Long> out = new HashMap<>();
        query("select device_id, sum(parsed) from device_counter group by device_id",
                rs -> out.put(rs.getObject(1, UUID.class), rs.getLong(2)));
        return out;
    }

    /** Records counted at all: parsed in the pipeline's transaction, or quarantined by the receiver. */
    public long receivedTotal() throws SQLException {
        long[] sum = new long[1];
        query("select coalesce(sum(received), 0) from device_counter", rs -> sum[0] = rs.getLong(1));
        return sum[0];
    }

    /**
     * Until the device counters hold {@code sent} records (each record is counted once: as parsed in the pipeline's
     * transaction, or as quarantined by the receiver); fails after {@code limit} with {@code consumer}'s log tail.
     */
    public void awaitReceived(long sent, java.time.Duration limit, ClusterNode consumer) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long received = 0;
        while (System.nanoTime() < deadline) {
            received = receivedTotal();
            if (received >= sent) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(received + " of " + sent + " records counted after " + limit.toSeconds() + " s: "
                + consumer.tail());
    }

    /** The alerts of {@code in} that {@code notIn} does not have (each line as {@link #alerts()} writes it). */
    public static List<String> only(List<String> in, List<String> notIn) {
        List<String> out = new ArrayList<>(in);
        out.removeAll(notIn);
        return out;
    }

    public long parsedTotal() throws SQLException {
        return parsed().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Partition → position stored with the last committed batch of that stream. */
    public Map<Integer, Long> positions() throws SQLException {
        Map<Integer, Long> out = new TreeMap<>();
        String prefix = STREAM_PREFIX;
        query("select consumer, last_offset from pipeline_offset", rs -> {
            String c = rs.getString(1);
            if (c.startsWith(prefix)) {
                out.put(Integer.parseInt(c.substring(prefix.length())), rs.getLong(2));
            }
        });
        return out;
    }

    /**
     * Every alert as {@code company | group key | detectors | severity | count}, with the identifiers each database
     * makes up itself replaced by what they stand for: a device id by the device's name, a campaign's short id by
     * the campaign's keys (two schemas fed apart give the same device and the same campaign other ids).
     */
    public List<String> alerts() throws SQLException {
        Map<String, String> names = new HashMap<>();
        query("select id, name from device", rs -> names.put(rs.getString(1), "device:" + rs.getString(2)));
        Map<String, String> campaigns = new TreeMap<>();
        query("select c.short_id, k.key_kind, k.key_value from campaign c join campaign_key k on k.campaign_id = c.id"
                + " order by k.key_kind, k.key_value", rs -> campaigns.merge("campaign:" + rs.getString(1),
                        "campaign:" + rs.getString(2) + "=" + rs.getString(3), (a, b) -> a + "+" + b.substring(9)));
        names.putAll(campaigns);
        List<String> out = new ArrayList<>();
        query("select t.slug, a.group_key, a.detectors, a.severity, a.event_count from alert a"
                + " join tenant t on t.id = a.tenant_id", rs -> {
                    String key = rs.getString(2);
                    for (var e : names.entrySet()) {
                        key = key.replace(e.getKey(), e.getValue());
                    }
                    out.add(rs.getString(1) + " | " + key + " | " + rs.getString(3) + " | " + rs.getString(4)
                            + " | " + rs.getLong(5));
                });
        out.sort(null);
        return out;
    }

    /** Company slug → its id (the Kafka record key of its events). */
    public Map<String, String> companies() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        query("select slug, id from tenant", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** Detections of a rule per company. */
    public Map<String, Long> detectionsOfRule(String ruleId) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = open(); var st = c.prepareStatement("select t.slug, count(*) from detection d"
                + " join tenant t on t.id = d.tenant_id where d.rule_id = ? group by t.slug")) {
            st.setString(1, ruleId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    public void query(String sql, Row row) throws SQLException {
        try (Connection c = open(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        }
    }
}
