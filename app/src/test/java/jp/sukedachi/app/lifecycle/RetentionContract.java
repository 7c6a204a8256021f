package jp.sukedachi.app.lifecycle;

import static jp.sukedachi.app.shared.SqlTimes.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.support.TestWorld.Login;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily clean-up on each database: rows older than their kind's retention go (children first), younger ones
 * stay, and so does whatever an open incident still needs; each kind's run is recorded with its count; refused
 * settings store nothing; two instances woken together clean up once.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
        "sukedachi.retention.batch-size=10"})
abstract class RetentionContract {
    @Autowired
    RetentionJob job;
    @Autowired
    RetentionPolicies policies;
    @Autowired
    RetentionRepository runs;
    @Autowired
    RetentionSweepRepository sweep;
    @Autowired
    RetentionSettings settings;
    @Autowired
    JobLocks jobLocks;
    @Autowired
    AuditLog auditLog;
    @Autowired
    Clock clock;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestWorld world;

    Login admin;
    UUID tenant;
    Instant now;

    @BeforeEach
    void setUp() {
        jdbc.sql("delete from retention_setting").update();
        jdbc.sql("update retention_job set running_since = null, running_by = null, last_finished_at = null")
                .update();
        admin = world.admin();
        tenant = world.tenant(admin.actor(), TestWorld.unique("Retention")).id();
        now = clock.instant();
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days));
    }

    private long detection(Instant at) {
        jdbc.sql("""
                insert into detection (tenant_id, at, detector, rule_id, title, severity, evidence, raw, created_at,
                    category) values (:t, :at, 'intel', 'r1', 'test', 'LOW', '{}', 'raw', :at, 'OTHER')""")
                .param("t", tenant).param("at", utc(at)).update();
        return jdbc.sql("select max(id) from detection where tenant_id = :t").param("t", tenant).query(Long.class)
                .single();
    }

    private UUID incident(String status, Instant closedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into incident (id, tenant_id, title, status, created_at, created_by, number, updated_at,
                    closed_at) values (:id, :t, 'case', :s, :c, 'test', :n, :c, :closed)""")
                .param("id", id).param("t", tenant).param("s", status).param("c", utc(daysAgo(4000)))
                .param("n", ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE))
                .param("closed", utc(closedAt)).update();
        return id;
    }

    /** An alert with one evidence event, one history entry and one notification, all dated {@code at}. */
    private UUID alert(String status, Instant at, UUID incidentId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into alert (id, tenant_id, group_key, key_hash, detector, rule_id, entity, title, base_severity,
                    severity, status, event_count, evidence_count, first_seen, last_seen, window_start, incident_id,
                    created_at, updated_at, category)
                values (:id, :t, 'k', :h, 'intel', 'r1', 'pc', 'test', 'LOW', 'LOW', :s, 1, 1, :at, :at, :at, :i,
                    :at, :at, 'OTHER')""")
                .param("id", id).param("t", tenant).param("h", "0".repeat(64)).param("s", status)
                .param("at", utc(at)).param("i", incidentId).update();
        jdbc.sql("insert into alert_evidence (alert_id, at, fields, raw) values (:a, :at, '{}', 'raw')")
                .param("a", id).param("at", utc(at)).update();
        jdbc.sql("insert into alert_history (alert_id, at, action, note) values (:a, :at, 'CREATED', 'x')")
                .param("a", id).param("at", utc(at)).update();
        jdbc.sql("""
                insert into notification (alert_id, tenant_id, channel, recipient, audience, locale, severity, kind,
                    status, due_at, created_at) values (:a, :t, 'MAIL', 'x@example.jp', 'TENANT', 'ja', 'LOW',
                    'IMMEDIATE', 'SENT', :at, :at)""")
                .param("a", id).param("t", tenant).param("at", utc(at)).update();
        return id;
    }

    /** A ticket with a message, time spent, a survey answer and a mail record, closed at {@code closedAt}. */
    private UUID ticket(String status, Instant closedAt) {
        UUID id = UUID.randomUUID();
        Instant at = closedAt == null ? now : closedAt;
        jdbc.sql("""
                insert into ticket (id, tenant_id, subject, body, category, priority, status, channel, received_at,
                    closed_at, created_at, updated_at)
                values (:id, :t, 's', 'b', 'QUESTION', 'LOW', :s, 'PHONE', :at, :closed, :at, :at)""")
                .param("id", id).param("t", tenant).param("s", status).param("at", utc(at))
                .param("closed", utc(closedAt)).update();
        jdbc.sql("""
                insert into ticket_message (ticket_id, tenant_id, kind, author_name, body, at)
                values (:id, :t, 'CUSTOMER', 'a', 'hello', :at)""").param("id", id).param("t", tenant)
                .param("at", utc(at)).update();
        jdbc.sql("""
                insert into ticket_time (ticket_id, tenant_id, minutes, user_name, spent_at)
                values (:id, :t, 15, 'desk', :at)""").param("id", id).param("t", tenant).param("at", utc(at))
                .update();
        jdbc.sql("""
                insert into ticket_survey (ticket_id, tenant_id, score, answered_at) values (:id, :t, 5, :at)""")
                .param("id", id).param("t", tenant).param("at", utc(at)).update();
        jdbc.sql("""
                insert into desk_mail (message_id, ticket_id, tenant_id, direction, mailed_at)
                values (:m, :id, :t, 'IN', :at)""").param("m", "<" + id + "@example.jp>").param("id", id)
                .param("t", tenant).param("at", utc(at)).update();
        return id;
    }

    private String auditRow(Instant at) {
        String target = TestWorld.unique("retention-test");
        jdbc.sql("""
                insert into audit_event (at, action, target, outcome) values (:at, 'LOGIN_FAILED', :target, 'FAILURE')""")
                .param("at", utc(at)).param("target", target).update();
        return target;
    }

    private boolean exists(String table, String column, Object id) {
        return jdbc.sql("select count(*) from " + table + " where " + column + " = :id").param("id", id)
                .query(Long.class).single() > 0;
    }

    @Test
    void rowsOlderThanTheirKindsRetentionGoAndYoungerOnesAndWhatAnOpenIncidentNeedsStay() {
        long oldDetection = detection(daysAgo(91));
        long youngDetection = detection(daysAgo(89));

        UUID oldClosed = alert("CLOSED", daysAgo(731), null);
        UUID youngClosed = alert("CLOSED", daysAgo(729), null);
        UUID oldOpen = alert("NEW", daysAgo(800), null);
        UUID ofOpenIncident = alert("CLOSED", daysAgo(800), incident("CONTAINED", null));
        UUID ofRecentlyClosedIncident = alert("CLOSED", daysAgo(800), incident("CLOSED", daysAgo(100)));
        UUID ofLongClosedIncident = alert("CLOSED", daysAgo(800), incident("CLOSED", daysAgo(731)));
        // Evidence (365 days) of a closed alert the alert retention keeps: the evidence goes, the alert stays.
        UUID evidenceOnly = alert("CLOSED", daysAgo(400), null);

        UUID oldTicket = ticket("CLOSED", daysAgo(1096));
        UUID youngTicket = ticket("CLOSED", daysAgo(1094));
        UUID oldButOpenTicket = ticket("OPEN", null);
        jdbc.sql("update ticket set received_at = :at where id = :id").param("at", utc(daysAgo(2000)))
                .param("id", oldButOpenTicket).update();
        UUID sourceOfOpenIncident = ticket("CLOSED", daysAgo(1200));
        UUID openIncident = incident("OPEN", null);
        jdbc.sql("update incident set source_ticket_id = :t where id = :i").param("t", sourceOfOpenIncident)
                .param("i", openIncident).update();
        UUID sourceOfClosedIncident = ticket("CLOSED", daysAgo(1200));
        UUID closedIncident = incident("CLOSED", daysAgo(1200));
        jdbc.sql("update incident set source_ticket_id = :t where id = :i").param("t", sourceOfClosedIncident)
                .param("i", closedIncident).update();

        String oldAudit = auditRow(daysAgo(1096));
        String youngAudit = auditRow(daysAgo(1094));

        List<RetentionJob.KindResult> results = job.run(admin.actor(), true);

        assertThat(results).extracting(RetentionJob.KindResult::outcome).containsOnly("DONE");
        assertThat(exists("detection", "id", oldDetection)).isFalse();
        assertThat(exists("detection", "id", youngDetection)).isTrue();

        assertThat(exists("alert", "id", oldClosed)).isFalse();
        for (String child : List.of("alert_evidence", "alert_history", "notification")) {
            assertThat(exists(child, "alert_id", oldClosed)).as(child).isFalse();
        }
        assertThat(exists("alert", "id", youngClosed)).isTrue();
        assertThat(exists("alert_history", "alert_id", youngClosed)).isTrue();
        assertThat(exists("notification", "alert_id", youngClosed)).isTrue();
        assertThat(exists("alert_evidence", "alert_id", youngClosed)).as("its evidence is older than a year")
                .isFalse();
        assertThat(exists("alert", "id", oldOpen)).as("an alert still being handled").isTrue();
        assertThat(exists("alert", "id", ofOpenIncident)).as("an alert of an open incident").isTrue();
        assertThat(exists("alert_evidence", "alert_id", ofOpenIncident)).isTrue();
        assertThat(exists("alert", "id", ofRecentlyClosedIncident)).isTrue();
        assertThat(exists("alert_evidence", "alert_id", ofRecentlyClosedIncident)).isTrue();
        assertThat(exists("alert", "id", ofLongClosedIncident)).isFalse();
        assertThat(exists("alert", "id", evidenceOnly)).isTrue();
        assertThat(exists("alert_evidence", "alert_id", evidenceOnly)).isFalse();
        assertThat(exists("alert_history", "alert_id", evidenceOnly)).isTrue();

        assertThat(exists("ticket", "id", oldTicket)).isFalse();
        for (String child : List.of("ticket_message", "ticket_time", "ticket_survey", "desk_mail")) {
            assertThat(exists(child, "ticket_id", oldTicket)).as(child).isFalse();
            assertThat(exists(child, "ticket_id", youngTicket)).as(child).isTrue();
        }
        assertThat(exists("ticket", "id", youngTicket)).isTrue();
        assertThat(exists("ticket", "id", oldButOpenTicket)).isTrue();
        assertThat(exists("ticket", "id", sourceOfOpenIncident)).as("the source of an open incident").isTrue();
        assertThat(exists("ticket", "id", sourceOfClosedIncident)).isFalse();
        assertThat(jdbc.sql("select count(*) from incident where id = :i and source_ticket_id is null")
                .param("i", closedIncident).query(Long.class).single()).as("no link to a deleted ticket").isOne();

        assertThat(exists("audit_event", "target", oldAudit)).isFalse();
        assertThat(exists("audit_event", "target", youngAudit)).isTrue();

        // Each kind's run is on record with what it deleted (at least ours: other tests' rows are all young).
        Map<RetentionKind, RetentionRepository.Run> last = runs.lastRuns();
        assertThat(last.get(RetentionKind.DETECTIONS).deleted()).isEqualTo(1);
        assertThat(last.get(RetentionKind.ALERTS).deleted()).isEqualTo(2);
        assertThat(last.get(RetentionKind.EVIDENCE).deleted()).isEqualTo(4);
        assertThat(last.get(RetentionKind.TICKETS).deleted()).isEqualTo(2);
        assertThat(last.get(RetentionKind.AUDIT).deleted()).isEqualTo(1);
        assertThat(last.values()).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo("DONE");
            assertThat(r.finishedAt()).isNotNull();
        });
        assertThat(last.get(RetentionKind.DETECTIONS).cutoff()).isAfterOrEqualTo(daysAgo(91))
                .isBeforeOrEqualTo(clock.instant().minus(Duration.ofDays(90)));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RETENTION_RUN' and actor_login = :l")
                .param("l", admin.user().login()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aLongerRetentionSavedByTheAdminKeepsRowsTheDefaultWouldDelete() {
        long detection = detection(daysAgo(100));
        policies.save(admin.actor(), Map.of(RetentionKind.DETECTIONS, 120));
        job.run(admin.actor(), true);
        assertThat(exists("detection", "id", detection)).isTrue();

        policies.save(admin.actor(), Map.of(RetentionKind.DETECTIONS, 95));
        job.run(admin.actor(), true);
        assertThat(exists("detection", "id", detection)).isFalse();
        assertThat(jdbc.sql("select detail from audit_event where action = 'RETENTION_SAVED' and actor_login = :l"
                + " order by id").param("l", admin.user().login()).query(String.class).list())
                .containsExactly("detections 90→120", "detections 120→95");
    }

    @Test
    void aRetentionBelowTheMinimumOrEvidenceBeyondItsAlertsIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> policies.save(admin.actor(), Map.of(RetentionKind.AUDIT, 364)))
                .isInstanceOf(RetentionRefused.class).hasMessageContaining("at least 365 days");
        assertThatThrownBy(() -> policies.save(admin.actor(), Map.of(RetentionKind.DETECTIONS, 200,
                RetentionKind.TICKETS, 3651))).isInstanceOf(RetentionRefused.class);
        assertThatThrownBy(() -> policies.save(admin.actor(), Map.of(RetentionKind.EVIDENCE, 800)))
                .isInstanceOf(RetentionRefused.class).hasMessageContaining("longer than the alerts");
        assertThatThrownBy(() -> policies.save(world.staff(Role.ANALYST, true).actor(),
                Map.of(RetentionKind.AUDIT, 400))).isInstanceOf(AccessDeniedException.class);
        assertThat(runs.savedDays()).isEmpty();
        assertThat(policies.days()).containsEntry(RetentionKind.AUDIT, 1095).containsEntry(RetentionKind.DETECTIONS,
                90);
    }

    @Test
    void twoInstancesWokenTogetherCleanUpOnce() throws Exception {
        List<Long> old = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            old.add(detection(daysAgo(200 + i)));
        }
        long runsBefore = jdbc.sql("select count(*) from retention_run").query(Long.class).single();
        long auditsBefore = jdbc.sql("select count(*) from audit_event where action = 'RETENTION_RUN'")
                .query(Long.class).single();
        // A second instance: its own job bean (own claim id) on the same database.
        RetentionJob other = new RetentionJob(policies, runs, sweep, settings, jobLocks, auditLog, clock,
                transactions, "");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<List<RetentionJob.KindResult>> a = CompletableFuture.supplyAsync(() -> {
            await(start);
            return job.run(null, false);
        });
        CompletableFuture<List<RetentionJob.KindResult>> b = CompletableFuture.supplyAsync(() -> {
            await(start);
            return other.run(null, false);
        });
        start.countDown();
        List<RetentionJob.KindResult> ra = a.get();
        List<RetentionJob.KindResult> rb = b.get();

        assertThat(ra == null ^ rb == null).as("exactly one of the two ran: %s / %s", ra, rb).isTrue();
        List<RetentionJob.KindResult> ran = ra != null ? ra : rb;
        assertThat(ran).filteredOn(r -> r.kind() == RetentionKind.DETECTIONS).singleElement()
                .extracting(RetentionJob.KindResult::deleted).isEqualTo(30L);
        for (long id : old) {
            assertThat(exists("detection", "id", id)).isFalse();
        }
        assertThat(jdbc.sql("select count(*) from retention_run").query(Long.class).single())
                .isEqualTo(runsBefore + RetentionKind.values().length);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RETENTION_RUN'").query(Long.class)
                .single()).isEqualTo(auditsBefore + 1);
        // Later the same day the schedule does not run again; an admin's "run now" does.
        assertThat(job.run(null, false)).isNull();
        assertThat(job.run(admin.actor(), true)).isNotNull();
    }

    @Test
    void batchesAreBoundedAndTheRunGoesOnUntilNothingExpiredIsLeft() {
        int n = settings.batchSize() * 2 + 7;
        assertThat(settings.batchSize()).isEqualTo(10);
        for (int i = 0; i < n; i++) {
            detection(daysAgo(150));
        }
        List<RetentionJob.KindResult> r = job.run(admin.actor(), true);
        assertThat(r).filteredOn(k -> k.kind() == RetentionKind.DETECTIONS).singleElement()
                .extracting(RetentionJob.KindResult::deleted).isEqualTo((long) n);
        assertThat(jdbc.sql("select count(*) from detection where tenant_id = :t").param("t", tenant)
                .query(Long.class).single()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
