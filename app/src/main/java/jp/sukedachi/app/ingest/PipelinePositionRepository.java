package jp.sukedachi.app.ingest;

import static jp.sukedachi.app.shared.SqlTimes.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import jp.sukedachi.pipeline.stage.StageSink;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where the pipeline's stages are in their stream ({@code pipeline_offset}) and what their detectors keep
 * ({@code detector_state}), per stream key. Written only inside the transaction that commits the work they cover;
 * callers provide it.
 */
@Repository
class PipelinePositionRepository {
    private final JdbcClient jdbc;

    PipelinePositionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored offset of a stream, locked until the transaction ends; empty when none is stored yet. */
    OptionalLong lockOffset(String stream) {
        return jdbc.sql("select last_offset from pipeline_offset where consumer = :c for update").param("c", stream)
                .query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * Moves a stored position, and the detector states stored with it, to another stream key (an upgrade naming the
     * stream); whether there was a position to move.
     */
    boolean renameOffset(String from, String to) {
        boolean moved = jdbc.sql("update pipeline_offset set consumer = :to where consumer = :from").param("from", from)
                .param("to", to).update() > 0;
        if (moved) {
            jdbc.sql("update detector_state set stream = :to where stream = :from").param("from", from).param("to", to)
                    .update();
        }
        return moved;
    }

    /**
     * Stores {@code offset} only when the stored position is still {@code previous} ({@code NO_POSITION}: none stored,
     * then a plain insert that a concurrent first commit makes fail); whether it was stored. A false answer leaves the
     * transaction to be rolled back by the caller (on PostgreSQL the failed insert has aborted it anyway).
     */
    boolean moveOffset(String stream, long previous, long offset, Instant now) {
        if (previous == StageSink.Stored.NO_POSITION) {
            try {
                jdbc.sql("insert into pipeline_offset (consumer, last_offset, updated_at) values (:c, :o, :now)")
                        .param("c", stream).param("o", offset).param("now", utc(now)).update();
                return true;
            } catch (DuplicateKeyException e) {
                return false; // another worker stored this stream's first position meanwhile
            }
        }
        return jdbc.sql("update pipeline_offset set last_offset = :o, updated_at = :now where consumer = :c"
                        + " and last_offset = :p")
                .param("c", stream).param("o", offset).param("p", previous).param("now", utc(now)).update() == 1;
    }

    /** Detector id → the state stored for this stream. */
    Map<String, byte[]> states(String stream) {
        Map<String, byte[]> states = new HashMap<>();
        jdbc.sql("select detector, state from detector_state where stream = :s").param("s", stream)
                .query(rs -> {
                    states.put(rs.getString("detector"), rs.getBytes("state"));
                });
        return states;
    }

    /** One writer per stream (its consumer, holding {@link #lockOffset}). */
    void storeState(String stream, String detector, byte[] state, Instant now) {
        int n = jdbc.sql("update detector_state set state = :b, updated_at = :now where stream = :s and detector = :d")
                .param("s", stream).param("d", detector).param("b", state).param("now", utc(now)).update();
        if (n == 0) {
            jdbc.sql("insert into detector_state (stream, detector, state, updated_at) values (:s, :d, :b, :now)")
                    .param("s", stream).param("d", detector).param("b", state).param("now", utc(now)).update();
        }
    }
}
