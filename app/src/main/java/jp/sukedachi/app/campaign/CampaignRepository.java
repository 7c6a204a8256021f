package jp.sukedachi.app.campaign;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;
import static jp.sukedachi.app.shared.Texts.cut;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import jp.sukedachi.app.shared.WriterLock;
import jp.sukedachi.detect.campaign.CampaignKeys.Key;
import jp.sukedachi.detect.campaign.CampaignKeys.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The campaign tables (V36, V38). The pipeline side (keys, sightings, links) runs inside the batch's transaction and
 * reads across companies by design: it is the provider's own correlation, never shown to a company. Every read
 * for a person takes the {@link Actor} and applies its tenant scope to the company rows.
 */
@Repository
class CampaignRepository {
    private final JdbcClient jdbc;

    private final WriterLock writerLock;

    CampaignRepository(JdbcClient jdbc, WriterLock writerLock) {
        this.jdbc = jdbc;
        this.writerLock = writerLock;
    }

    /** A campaign. */
    record Campaign(UUID id, String shortId, Instant firstSeen, Instant lastSeen, Instant createdAt, Instant sharedAt,
            String sharedBy) {
    }

    /** Where a key was seen. */
    record Sighting(UUID tenantId, String entity, UUID alertId, UUID deviceId, Instant firstSeen, Instant lastSeen) {
    }

    /** A company's alert a campaign links. */
    record Link(UUID campaignId, UUID tenantId, String entity, UUID alertId, Key key, Instant firstSeen,
            Instant lastSeen) {
    }

    /** A key of a campaign, with the threat type intel knew it by. */
    record CampaignKey(Key key, String threatType) {
    }

    // ------------------------------------------------------------------------------------ the pipeline side

    /**
     * Locks the key's row until the transaction ends (created on first sight) and returns the campaign it belongs
     * to: two instances correlating the same key wait for each other, so they never open two campaigns.
     */
    Optional<UUID> lockKey(Key key) {
        // Most keys were seen before: lock the row first and insert only when it is missing (one statement, not two,
        // per key and batch). The lock on a missing row locks nothing, so the insert and the second lock follow.
        List<Optional<UUID>> row = lockedKey(key);
        if (row.isEmpty()) {
            jdbc.sql("insert into campaign_key (key_kind, key_value) values (:k, :v) on conflict do nothing")
                    .param("k", key.kind().name()).param("v", key.value()).update();
            row = lockedKey(key);
            if (row.isEmpty()) {
                throw new IllegalStateException("campaign key row missing after its insert"); // as AlertRepository.lockGroup
            }
        }
        return row.getFirst();
    }

    /**
     * The key's row locked: empty when there is none, else its campaign (empty when it has none). On a database of
     * this process alone the process's writer lock serialises the correlators instead of the row's.
     */
    private List<Optional<UUID>> lockedKey(Key key) {
        String lock = writerLock.holdUntilTransactionEnds() ? "" : " for update";
        return jdbc.sql("select campaign_id from campaign_key where key_kind = :k and key_value = :v" + lock)
                .param("k", key.kind().name()).param("v", key.value())
                .query((rs, n) -> Optional.ofNullable(rs.getObject("campaign_id", UUID.class))).list();
    }

    void setKeyCampaign(Key key, UUID campaignId) {
        jdbc.sql("update campaign_key set campaign_id = :c where key_kind = :k and key_value = :v")
                .param("c", campaignId).param("k", key.kind().name()).param("v", key.value()).update();
    }

    void setThreatType(Key key, String threatType) {
        jdbc.sql("update campaign_key set threat_type = :tt where key_kind = :k and key_value = :v")
                .param("tt", cut(threatType, 64)).param("k", key.kind().name()).param("v", key.value()).update();
    }

    /**
     * Records (or widens) a sighting of the key at one company's entity; its alert is the newest one;
     * {@code sightedAt} is the wall clock (what the sweep goes by), the rest event time.
     */
    void sight(Key key, UUID tenantId, String entity, UUID alertId, UUID deviceId, Instant first, Instant last,
            Instant sightedAt) {
        int updated = jdbc.sql("""
                update campaign_sighting set alert_id = coalesce(:a, alert_id), device_id = coalesce(:d, device_id),
                       first_seen = case when first_seen > :f then :f else first_seen end,
                       last_seen = case when last_seen < :l then :l else last_seen end, sighted_at = :now
                 where key_kind = :k and key_value = :v and tenant_id = :t and entity = :e""")
                .param("a", alertId).param("d", deviceId).param("f", utc(first)).param("l", utc(last))
                .param("now", utc(sightedAt)).param("k", key.kind().name())
                .param("v", key.value()).param("t", tenantId).param("e", cut(entity, 300)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into campaign_sighting (key_kind, key_value, tenant_id, entity, alert_id, device_id,
                                                   first_seen, last_seen, sighted_at)
                    values (:k, :v, :t, :e, :a, :d, :f, :l, :now)""")
                    .param("k", key.kind().name()).param("v", key.value()).param("t", tenantId)
                    .param("e", cut(entity, 300)).param("a", alertId).param("d", deviceId).param("f", utc(first))
                    .param("l", utc(last)).param("now", utc(sightedAt))
                    .update();
        }
    }

    /**
     * Whether a company other than {@code tenantId} saw the key in {@code [from, to]}: without one there is no
     * campaign to open, and the key's sightings (thousands for an indicator seen at many hosts of one company) need
     * not be read at all. Answered in the database from the key's rows, stopping at the first other company.
     */
    boolean sightedByAnother(Key key, UUID tenantId, Instant from, Instant to) {
        // Two probes, below and above the company: the primary key (key_kind, key_value, tenant_id, entity) bounds
        // each to the other companies' rows, where one "tenant_id <> :t" would walk the company's own.
        return sightedBy(key, "tenant_id < :t", tenantId, from, to) || sightedBy(key, "tenant_id > :t", tenantId, from, to);
    }

    private boolean sightedBy(Key key, String tenantCondition, UUID tenantId, Instant from, Instant to) {
        return jdbc.sql("select 1 from campaign_sighting where key_kind = :k and key_value = :v and " + tenantCondition
                        + " and last_seen >= :from and first_seen <= :to fetch first 1 rows only")
                .param("k", key.kind().name()).param("v", key.value()).param("t", tenantId)
                .param("from", utc(from)).param("to", utc(to)).query(Integer.class).optional().isPresent();
    }

    /** The key's sightings whose time span touches {@code [from, to]}. */
    List<Sighting> sightings(Key key, Instant from, Instant to) {
        return jdbc.sql("""
                select * from campaign_sighting where key_kind = :k and key_value = :v
                   and last_seen >= :from and first_seen <= :to order by first_seen, tenant_id, entity""")
                .param("k", key.kind().name()).param("v", key.value()).param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Sighting(rs.getObject("tenant_id", UUID.class), rs.getString("entity"),
                        rs.getObject("alert_id", UUID.class), rs.getObject("device_id", UUID.class),
                        instant(rs, "first_seen"), instant(rs, "last_seen")))
                .list();
    }

    /** A campaign (seen up to {@code notBefore} or later) that already links this company's entity, if any. */
    Optional<UUID> campaignLinking(UUID tenantId, String entity, Instant notBefore) {
        return jdbc.sql("""
                select c.id from campaign c join campaign_alert l on l.campaign_id = c.id
                 where l.tenant_id = :t and l.entity = :e and c.last_seen >= :nb
                 order by c.created_at fetch first 1 rows only""")
                .param("t", tenantId).param("e", cut(entity, 300)).param("nb", utc(notBefore))
                .query(UUID.class).optional();
    }

    void insertCampaign(Campaign c) {
        jdbc.sql("""
                insert into campaign (id, short_id, first_seen, last_seen, created_at)
                values (:id, :s, :first, :last, :now)""")
                .param("id", c.id()).param("s", c.shortId()).param("first", utc(c.firstSeen()))
                .param("last", utc(c.lastSeen())).param("now", utc(c.createdAt())).update();
    }

    /**
     * Widens the campaign's time span to {@code [first, last]}; the caller calls it only when the span grows, so a
     * batch that adds nothing new writes (and locks) no campaign row.
     */
    void widen(UUID id, Instant first, Instant last) {
        jdbc.sql("""
                update campaign set first_seen = case when first_seen > :f then :f else first_seen end,
                                    last_seen = case when last_seen < :l then :l else last_seen end
                 where id = :id and (first_seen > :f or last_seen < :l)""")
                .param("f", utc(first)).param("l", utc(last)).param("id", id).update();
    }

    /** The company entities the campaign links already, as {@code tenant|entity}. */
    java.util.Set<String> linked(UUID campaignId) {
        return new java.util.HashSet<>(jdbc.sql("select tenant_id, entity from campaign_alert where campaign_id = :c")
                .param("c", campaignId)
                .query((rs, n) -> rs.getObject("tenant_id", UUID.class) + "|" + rs.getString("entity")).list());
    }

    /**
     * Links a company's entity to the campaign unless it is linked already (another instance may have linked it
     * a moment ago); true when this call linked it.
     */
    boolean link(UUID campaignId, Key key, Sighting s) {
        return jdbc.sql("""
                insert into campaign_alert (campaign_id, tenant_id, entity, alert_id, key_kind, key_value, first_seen,
                                            last_seen)
                values (:c, :t, :e, :a, :k, :v, :f, :l) on conflict do nothing""")
                .param("c", campaignId).param("t", s.tenantId()).param("e", cut(s.entity(), 300))
                .param("a", s.alertId()).param("k", key.kind().name()).param("v", key.value())
                .param("f", utc(s.firstSeen())).param("l", utc(s.lastSeen())).update() > 0;
    }

    /** Follows a linked company entity's new sighting: its newest alert and its time span. */
    void refreshLink(UUID campaignId, Sighting s) {
        jdbc.sql("""
                update campaign_alert set alert_id = coalesce(:a, alert_id),
                       first_seen = case when first_seen > :f then :f else first_seen end,
                       last_seen = case when last_seen < :l then :l else last_seen end
                 where campaign_id = :c and tenant_id = :t and entity = :e""")
                .param("a", s.alertId()).param("f", utc(s.firstSeen())).param("l", utc(s.lastSeen()))
                .param("c", campaignId).param("t", s.tenantId()).param("e", cut(s.entity(), 300)).update();
    }

    /**
     * Deletes sightings the provider last saw (wall clock, {@code sighted_at}) before {@code cutoff}; campaigns and
     * their links stay. Returns how many were deleted.
     */
    int forgetSightingsBefore(Instant cutoff) {
        return jdbc.sql("delete from campaign_sighting where sighted_at < :c").param("c", utc(cutoff)).update();
    }

    // ------------------------------------------------------------------------------------ staff reads

    /** The newest campaigns (by last sighting). Provider staff only: the caller checks the role. */
    List<Campaign> recent(int limit) {
        return jdbc.sql("select * from campaign order by last_seen desc, id fetch first "
                + Math.max(1, Math.min(limit, 500)) + " rows only").query((rs, n) -> map(rs)).list();
    }

    Optional<Campaign> find(UUID id) {
        return jdbc.sql("select * from campaign where id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
    }

    Optional<Campaign> findByShortId(String shortId) {
        return jdbc.sql("select * from campaign where short_id = :s").param("s", cut(shortId, 12))
                .query((rs, n) -> map(rs)).optional();
    }

    /** The links of campaigns, within the actor's tenant scope. */
    List<Link> links(Actor actor, List<UUID> campaignIds) {
        if (campaignIds.isEmpty()) {
            return List.of();
        }
        return actor.tenantScope()
                .bind(jdbc.sql("select * from campaign_alert where campaign_id in (:ids) and "
                        + TenantScope.where("tenant_id") + " order by first_seen, tenant_id, entity"))
                .param("ids", campaignIds)
                .query((rs, n) -> new Link(rs.getObject("campaign_id", UUID.class), rs.getObject("tenant_id", UUID.class),
                        rs.getString("entity"), rs.getObject("alert_id", UUID.class),
                        new Key(Kind.valueOf(rs.getString("key_kind")), rs.getString("key_value")),
                        instant(rs, "first_seen"), instant(rs, "last_seen")))
                .list();
    }

    /** The keys that belong to a campaign now. */
    List<CampaignKey> keys(UUID campaignId) {
        return jdbc.sql("select * from campaign_key where campaign_id = :c order by key_kind, key_value")
                .param("c", campaignId)
                .query((rs, n) -> new CampaignKey(new Key(Kind.valueOf(rs.getString("key_kind")),
                        rs.getString("key_value")), rs.getString("threat_type")))
                .list();
    }

    /**
     * The mail domains that are some company's own: its contact address's and its users' (e-mail and login). A
     * campaign never publishes one of them: a customer's own domain in a phishing campaign is the victim's
     * (Emotet mailing its partners from a customer's mailboxes), and publishing it would name and flag the victim.
     */
    java.util.Set<String> companyMailDomains() {
        List<String> addresses = jdbc.sql("""
                select contact_email as a from tenant where contact_email is not null
                union select email as a from app_user where tenant_id is not null and email is not null
                union select login as a from app_user where tenant_id is not null""")
                .query((rs, n) -> rs.getString("a")).list();
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String a : addresses) {
            int at = a.lastIndexOf('@');
            if (at >= 0 && at < a.length() - 1) {
                out.add(a.substring(at + 1).strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** Whether some company has this indicator as its own private one (never published to every customer). */
    boolean isCompanyIndicator(String type, String value) {
        return jdbc.sql("""
                select count(*) from indicator where tenant_id is not null and type = :t and lower(ioc_value) = :v""")
                .param("t", type).param("v", value.toLowerCase(java.util.Locale.ROOT)).query(Long.class).single() > 0;
    }

    void markShared(UUID id, String by, Instant at) {
        jdbc.sql("update campaign set shared_at = :at, shared_by = :by where id = :id")
                .param("at", utc(at)).param("by", cut(by, 254)).param("id", id).update();
    }

    private static Campaign map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getString("short_id"), instant(rs, "first_seen"),
                instant(rs, "last_seen"), instant(rs, "created_at"), instant(rs, "shared_at"),
                rs.getString("shared_by"));
    }
}
