package jp.sukedachi.ingest.journal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test records: an 8-byte id followed by filler derived from it, so content can be checked, not just counted. */
final class TestRecords {
    private TestRecords() {
    }

    static byte[] record(long id, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(8, size));
        b.putLong(id);
        while (b.hasRemaining()) {
            b.put((byte) (id * 31 + b.position()));
        }
        return b.array();
    }

    static long id(byte[] payload) {
        long id = ByteBuffer.wrap(payload).getLong();
        if (!java.util.Arrays.equals(payload, record(id, payload.length))) {
            throw new AssertionError("payload of record " + id + " damaged");
        }
        return id;
    }

    static List<byte[]> batch(long firstId, int count, int size) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(record(firstId + i, size));
        }
        return out;
    }

    /** Reads everything currently durable (returns when a poll comes back empty). */
    static List<JournalRecord> drain(JournalReader reader) throws Exception {
        List<JournalRecord> all = new ArrayList<>();
        while (true) {
            List<JournalRecord> got = reader.poll(1000, Duration.ZERO);
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
        }
    }

    /** A clock the test moves by hand, for age retention. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
