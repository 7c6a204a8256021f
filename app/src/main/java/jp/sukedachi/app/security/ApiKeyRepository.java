package jp.sukedachi.app.security;

import static jp.sukedachi.app.shared.SqlTimes.instant;
import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys are provider-level (no tenant): the service checks that only admins list, make or revoke
 * them. Only the SHA-256 of a key is stored.
 */
@Repository
class ApiKeyRepository {
    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey key, String keyHash) {
        jdbc.sql("""
                insert into api_key (id, name, prefix, key_hash, created_by, created_at)
                values (:id, :name, :prefix, :hash, :by, :at)""")
                .param("id", key.id()).param("name", key.name()).param("prefix", key.prefix())
                .param("hash", keyHash).param("by", key.createdBy()).param("at", utc(key.createdAt()))
                .update();
    }

    List<ApiKey> findAll() {
        return jdbc.sql("select * from api_key order by created_at desc").query(ApiKeyRepository::map).list();
    }

    boolean revoke(UUID id, Instant now) {
        return jdbc.sql("update api_key set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", utc(now)).param("id", id).update() == 1;
    }

    Optional<ApiKey> findActiveByHash(String keyHash) {
        return jdbc.sql("select * from api_key where key_hash = :h and revoked_at is null")
                .param("h", keyHash).query(ApiKeyRepository::map).optional();
    }

    void touch(UUID id, Instant now) {
        jdbc.sql("update api_key set last_used_at = :now where id = :id").param("now", utc(now)).param("id", id).update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                rs.getObject("created_by", UUID.class), instant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
