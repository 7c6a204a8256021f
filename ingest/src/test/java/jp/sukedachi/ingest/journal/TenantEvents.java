package jp.sukedachi.ingest.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import jp.sukedachi.event.EventCodec;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/** Journal payloads as the pipeline writes them (EventCodec), for erasure tests: whose record it is shows. */
final class TenantEvents {
    private TenantEvents() {
    }

    /** An encoded event of the company; its raw text names the company too, so both forms of the id are on disk. */
    static byte[] event(UUID tenant, long id) {
        return EventCodec.encode(SecurityEvent.builder("test").tenant(new TenantId(tenant)).timestamp(id)
                .received(id).raw("record " + id + " of company " + tenant).build());
    }

    /** {@code count} records, each company in turn, ids from {@code firstId}. */
    static List<byte[]> interleaved(long firstId, int count, UUID... tenants) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(event(tenants[i % tenants.length], firstId + i));
        }
        return out;
    }

    static UUID tenantOf(byte[] payload) {
        return EventCodec.decode(payload).tenant().value();
    }

    static boolean belongsTo(ByteBuffer payload, UUID tenant) {
        return EventCodec.belongsTo(payload, tenant);
    }

    /** Whether any segment file holds the company's id, as the 16 bytes of the codec or as text. */
    static boolean anySegmentHolds(Path dir, UUID tenant) throws IOException {
        byte[] binary = ByteBuffer.allocate(16).putLong(tenant.getMostSignificantBits())
                .putLong(tenant.getLeastSignificantBits()).array();
        byte[] text = tenant.toString().getBytes(StandardCharsets.US_ASCII);
        for (Path p : segments(dir)) {
            byte[] data = Files.readAllBytes(p);
            if (indexOf(data, binary) >= 0 || indexOf(data, text) >= 0) {
                return true;
            }
        }
        return false;
    }

    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
