package jp.sukedachi.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A compact binary form of {@link SecurityEvent} for the journal and the Kafka topic: varint lengths,
 * UTF-8 strings, no field names repeated from a schema because names are part of the data (parsers
 * add fields freely). Version byte first, so the format can change without losing old journals.
 */
public final class EventCodec {
    private static final byte VERSION = 1;

    private EventCodec() {
    }

    public static byte[] encode(SecurityEvent e) {
        Out out = new Out(256 + (e.raw() == null ? 0 : e.raw().length() * 2));
        out.b(VERSION);
        out.uuid(e.tenant() == null ? null : e.tenant().value());
        out.uuid(e.device() == null ? null : e.device().value());
        out.l(e.timestampMillis());
        out.l(e.receivedMillis());
        out.s(e.format());
        out.s(e.raw());
        out.varint(e.ecsFieldCount());
        e.forEachEcs((n, v) -> {
            out.s(n);
            out.s(v);
        });
        out.varint(e.originalFieldCount());
        e.forEachOriginal((n, v) -> {
            out.s(n);
            out.s(v);
        });
        return out.bytes();
    }

    /**
     * Whether an encoded event belongs to the company, from the first 18 bytes (version, presence byte, the tenant
     * UUID big-endian) without decoding the rest: for erasing a company's events from the journal.
     */
    public static boolean belongsTo(ByteBuffer encoded, UUID tenant) {
        int p = encoded.position();
        return encoded.remaining() >= 18 && encoded.get(p) == VERSION && encoded.get(p + 1) == 1
                && encoded.getLong(p + 2) == tenant.getMostSignificantBits()
                && encoded.getLong(p + 10) == tenant.getLeastSignificantBits();
    }

    public static SecurityEvent decode(byte[] data) {
        In in = new In(data);
        byte version = in.b();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown event encoding version " + version);
        }
        UUID tenant = in.uuid();
        UUID device = in.uuid();
        long ts = in.l();
        long received = in.l();
        String format = in.s();
        SecurityEvent.Builder b = SecurityEvent.builder(format).timestamp(ts).received(received).raw(in.s());
        if (tenant != null) {
            b.tenant(new TenantId(tenant));
        }
        if (device != null) {
            b.device(new DeviceId(device));
        }
        int n = in.varint();
        for (int i = 0; i < n; i++) {
            b.set(Ecs.intern(in.s()), in.s());
        }
        int m = in.varint();
        for (int i = 0; i < m; i++) {
            b.original(in.s(), in.s());
        }
        return b.build();
    }

    private static final class Out {
        private byte[] buf;
        private int pos;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void b(byte v) {
            ensure(1);
            buf[pos++] = v;
        }

        void l(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[pos++] = (byte) (v >>> (i * 8));
            }
        }

        void varint(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void uuid(UUID u) {
            if (u == null) {
                b((byte) 0);
                return;
            }
            b((byte) 1);
            l(u.getMostSignificantBits());
            l(u.getLeastSignificantBits());
        }

        void s(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length + 1);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        byte b() {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("truncated event record");
            }
            return buf[pos++];
        }

        long l() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b() & 0xFF);
            }
            return v;
        }

        int varint() {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte x = b();
                v |= (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("bad varint");
        }

        UUID uuid() {
            return b() == 0 ? null : new UUID(l(), l());
        }

        String s() {
            int len = varint();
            if (len == 0) {
                return null;
            }
            len--;
            if (len < 0 || pos + len > buf.length) {
                throw new IllegalArgumentException("truncated event record");
            }
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
