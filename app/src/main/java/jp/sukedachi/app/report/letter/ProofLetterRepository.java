package jp.sukedachi.app.report.letter;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The letters, read through the actor's tenant scope; the verification page alone finds a letter by its token's
 * hash without an actor (the token is the credential there, as for a published policy).
 */
@Repository
class ProofLetterRepository {
    private final JdbcClient jdbc;

    ProofLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Written only by the service after its permission check. */
    void insert(ProofLetter l, String tokenHash) {
        jdbc.sql("""
                insert into proof_letter (id, tenant_id, period_from, period_to, months, facts, token_hash, created_at,
                                          created_by)
                values (:id, :t, :from, :to, :months, :facts, :hash, :at, :by)""")
                .param("id", l.id()).param("t", l.tenantId()).param("from", Date.valueOf(l.facts().from()))
                .param("to", Date.valueOf(l.facts().to())).param("months", l.months())
                .param("facts", LetterJson.write(l.facts())).param("hash", tokenHash).param("at", utc(l.createdAt()))
                .param("by", l.createdBy()).update();
    }

    /** A company's letters, newest first. */
    List<ProofLetter> ofCompany(Actor actor, UUID tenantId) {
        return actor.tenantScope().bind(jdbc.sql("select * from proof_letter where tenant_id = :t and "
                        + TenantScope.where("tenant_id") + " order by created_at desc, id"))
                .param("t", tenantId).query(ProofLetterRepository::map).list();
    }

    Optional<ProofLetter> find(Actor actor, UUID id) {
        return actor.tenantScope().bind(jdbc.sql("select * from proof_letter where id = :id and "
                        + TenantScope.where("tenant_id")))
                .param("id", id).query(ProofLetterRepository::map).optional();
    }

    /** Whether the letter is the actor's to see and its token hashes to {@code tokenHash}. */
    boolean tokenMatches(Actor actor, UUID id, String tokenHash) {
        return actor.tenantScope().bind(jdbc.sql("select count(*) from proof_letter where id = :id and token_hash = :h"
                        + " and " + TenantScope.where("tenant_id")))
                .param("id", id).param("h", tokenHash).query(Long.class).single() > 0;
    }

    /** Revokes a letter not revoked yet; false when it is not the actor's or was revoked already. */
    boolean revoke(Actor actor, UUID id, String by, Instant at) {
        return actor.tenantScope().bind(jdbc.sql("update proof_letter set revoked_at = :at, revoked_by = :by"
                        + " where id = :id and revoked_at is null and " + TenantScope.where("tenant_id")))
                .param("at", utc(at)).param("by", by).param("id", id).update() > 0;
    }

    /** The letter behind a verification link, revoked or not (the caller decides what a revoked one shows). */
    Optional<ProofLetter> findByTokenHash(String tokenHash) {
        return jdbc.sql("select * from proof_letter where token_hash = :h").param("h", tokenHash)
                .query(ProofLetterRepository::map).optional();
    }

    /**
     * Counts one opening of the verification page and returns the previous opening's time (null for the first), in
     * one statement per step so two partners opening it at once are both counted.
     */
    Instant countView(UUID id, Instant at) {
        Instant before = jdbc.sql("select last_viewed_at from proof_letter where id = :id").param("id", id)
                .query((rs, i) -> instant(rs, "last_viewed_at")).optional().orElse(null);
        jdbc.sql("update proof_letter set views = views + 1, last_viewed_at = :at where id = :id")
                .param("at", utc(at)).param("id", id).update();
        return before;
    }

    private static ProofLetter map(ResultSet rs, int row) throws SQLException {
        return new ProofLetter(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getInt("months"), LetterJson.read(rs.getString("facts")), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getLong("views"),
                instant(rs, "last_viewed_at"));
    }
}
