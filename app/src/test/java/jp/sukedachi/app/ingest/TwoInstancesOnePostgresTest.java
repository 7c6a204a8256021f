package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.support.DemoApi;
import jp.sukedachi.app.support.ServerProcess;
import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real servers, each with its own data folder and journal, on one PostgreSQL schema (issue 12, item 4). Both
 * acknowledge records that hit an indicator; every one of them must become a detection counted in its alert (each
 * instance resumes its own journal, not the other's position), each alert group is one alert, and every
 * notification goes out exactly once although both instances sweep: one webhook per alert and severity, one mail per
 * recipient, alert and severity.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_ENV, matches = ".+")
class TwoInstancesOnePostgresTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String C2 = "203.0.113.177";
    private static final int HOSTS = 20;
    private static final int BATCHES_PER_INSTANCE = 10;
    private static final Pattern ALERT_LINK = Pattern.compile("/alerts/([0-9a-f-]{36})");

    @TempDir
    Path temp;
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<String> webhooks = new CopyOnWriteArrayList<>();
    private HttpServer hook;
    private GreenMail smtp;

    @AfterEach
    void stop() throws Exception {
        for (ServerProcess s : servers) {
            s.kill();
        }
        if (hook != null) {
            hook.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void twoInstancesOnOneDatabaseLoseNoRecordAndNotifyOnce() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            webhooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        TestDatabases.PostgresSchema pg = TestDatabases.postgresSchema();
        List<String> shared = new ArrayList<>(pg.serverArgs());
        shared.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--sukedachi.notify.webhook-url=http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
                "--sukedachi.notify.quiet-hours=", "--sukedachi.notify.sweep-ms=500",
                "--sukedachi.notify.sweep-initial-ms=500"));
        Path dataA = Files.createDirectory(temp.resolve("a"));
        Path dataB = Files.createDirectory(temp.resolve("b"));
        ServerProcess a = started(dataA, shared);
        DemoApi apiA = new DemoApi(a.port(), dataA);
        apiA.importIndicator(C2); // before B starts, which loads the indicators when it starts
        String token = apiA.registerSensor("two-instances").token();
        List<String> second = new ArrayList<>(shared);
        second.add("--sukedachi.demo=false"); // the demo world is in the database already
        ServerProcess b = started(dataB, second);

        DemoApi apiB = new DemoApi(b.port(), dataA);
        long acknowledged = 0;
        for (int i = 0; i < BATCHES_PER_INSTANCE; i++) {
            apiA.send(token, batch(2 * i)); // asserts every record acknowledged
            apiB.send(token, batch(2 * i + 1));
            acknowledged += 200;
        }

        try (Connection db = DriverManager.getConnection(pg.url())) {
            apiA.awaitDrained(dataA);
            apiB.awaitDrained(dataB);
            long counted = eventCount(db);
            Map<String, Long> groups = groups(db);
            assertThat(counted).as("every acknowledged record became a detection in its alert; logs: A %s B %s",
                    ServerProcess.tail(dataA), ServerProcess.tail(dataB)).isEqualTo(acknowledged);
            assertThat(groups).as("one alert per group (host)").hasSize(HOSTS).allSatisfy((k, n) -> assertThat(n)
                    .as(k).isEqualTo(1L));

            awaitNothingPending(db);
            Thread.sleep(3_000); // several more sweeps of both instances: nothing may go out again
            Map<String, Integer> perAlertAndSeverity = new HashMap<>();
            for (String body : webhooks) {
                JsonNode n = JSON.readTree(body);
                perAlertAndSeverity.merge(n.get("alertId").asString() + " " + n.get("severity").asString(), 1,
                        Integer::sum);
            }
            assertThat(perAlertAndSeverity).as("webhooks per alert and severity").isNotEmpty()
                    .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            assertThat(webhooks).hasSize((int) sent(db, "WEBHOOK"));
            assertThat(perAlertAndSeverity.keySet().stream().map(k -> k.split(" ")[0]).distinct().count())
                    .as("every alert told by webhook").isEqualTo(HOSTS);

            Map<String, Integer> mails = new HashMap<>();
            int notifications = 0;
            for (MimeMessage m : smtp.getReceivedMessages()) {
                // The demo world's desk answers a mailed request once (a reply "[#n]" to a customer): not a notification.
                if (m.getSubject().matches(".*\\[#\\d+]$")) {
                    continue;
                }
                notifications++;
                Matcher link = ALERT_LINK.matcher(text(m.getContent()));
                String alert = link.find() ? link.group(1) : "?";
                mails.merge(m.getAllRecipients()[0] + " " + alert + " " + m.getSubject(), 1, Integer::sum);
            }
            assertThat(mails).as("mails").isNotEmpty().allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            assertThat(notifications).isEqualTo((int) sent(db, "MAIL"));
            System.out.printf("two instances: %d acknowledged, %d counted in %d alerts, %d webhooks, %d mails%n",
                    acknowledged, counted, groups.size(), webhooks.size(), smtp.getReceivedMessages().length);
        }
    }

    /** The decoded text of a mail's content, all parts. */
    private static String text(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                out.append(text(multipart.getBodyPart(i).getContent()));
            }
            return out.toString();
        }
        return String.valueOf(content);
    }

    private ServerProcess started(Path data, List<String> args) throws Exception {
        ServerProcess s = ServerProcess.start(data, args);
        servers.add(s);
        return s;
    }

    /** 100 records, each from one of the hosts to the indicator. */
    private static String batch(int batch) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("{\"timestamp\":\"2026-11-22T01:00:00.000000+0000\",\"flow_id\":").append(batch * 1000 + i)
                    .append(",\"event_type\":\"flow\",\"src_ip\":\"10.88.0.").append(1 + i % HOSTS)
                    .append("\",\"src_port\":50000,\"dest_ip\":\"").append(C2)
                    .append("\",\"dest_port\":443,\"proto\":\"TCP\"}\n");
        }
        return body.toString();
    }

    private static long eventCount(Connection db) throws Exception {
        try (var st = db.prepareStatement("select coalesce(sum(event_count), 0) from alert where group_key like ?")) {
            st.setString(1, "%" + C2 + "%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Alerts per group key about the indicator. */
    private static Map<String, Long> groups(Connection db) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (var st = db.prepareStatement("select group_key, count(*) from alert where group_key like ? group by group_key")) {
            st.setString(1, "%" + C2 + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static long sent(Connection db, String channel) throws Exception {
        try (var st = db.prepareStatement("select count(*) from notification where channel = ? and status = 'SENT'")) {
            st.setString(1, channel);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitNothingPending(Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (var st = db.prepareStatement("select count(*) from notification where status = 'PENDING' and kind = 'IMMEDIATE'");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("notifications still pending after 60 s");
    }
}
