package jp.sukedachi.event;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A compact binary form of {@link SecurityEvent} for the journal and the Kafka topic: varint lengths,
 * UTF-8 strings, names are part of the data (parsers add fields freely), and a name listed in
 * {@link FieldNames} is written as its number. Version byte first, so the format can change without losing old
 * journals: version 1 (every name written out) is still read.
 */
public final class EventCodec {
    /** Version 2: a name is a tagged varint, {@code number << 1 | 1} if listed, else {@code (bytes + 1) << 1}. */
    private static final byte VERSION = 2;
    /** Every name written out as a string; still read, for journals and topics written before version 2. */
    private static final byte VERSION_1 = 1;

    private EventCodec() {
    }

    /**
     * The event's bytes. An event that was itself decoded gives back the array it came from (shared, never to be
     * changed): the consumer decodes every event and the recent-events view encodes each again.
     */
    public static byte[] encode(SecurityEvent e) {
        if (e.encoded != null) {
            return e.encoded;
        }
        Out out = new Out(estimate(e));
        write(e, out);
        return out.bytes();
    }

    /**
     * Many events encoded back to back, with where each ends: what the journal appends in one go
     * ({@code Journal.appendChunks}). Chunks rather than one array grown by doubling: a receiver encodes as it parses,
     * before it knows the batch's size, and doubling would allocate and copy about as much again as the batch itself.
     * The first chunk is small (a syslog line or a single record is a batch too), each next one twice the last, up
     * to {@link #CHUNK}. An event never spans two chunks.
     */
    public static final class Packed {
        /** Big enough that the per-chunk cost vanishes, small enough that a half-used last chunk costs little. */
        static final int CHUNK = 256 * 1024;
        private final List<byte[]> data = new ArrayList<>();
        private final List<int[]> ends = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private Out out;
        private int[] chunkEnds;
        private int chunkCount;
        private int count;
        private boolean recycled;
        static final int SPARE_CHUNKS = 32;
        /** Full-size chunks of batches that were written, for the next batches to fill (see {@link #recycle}). */
        private static final ArrayBlockingQueue<byte[]> SPARE = new ArrayBlockingQueue<>(SPARE_CHUNKS);

        /** The first chunk of a batch of unknown size. */
        static final int FIRST_CHUNK = 8 * 1024;

        /** For a batch of unknown size. */
        public Packed() {
            this(16, FIRST_CHUNK);
        }

        /** With a first chunk of {@code firstChunkBytes} (more than {@link #CHUNK} when the caller knows the size). */
        public Packed(int expectedEvents, int firstChunkBytes) {
            out = new Out(Math.max(256, firstChunkBytes));
            chunkEnds = new int[Math.max(1, expectedEvents)];
        }

        /** The events packed into one array sized for them up front (enough when they are ASCII). */
        public static Packed of(List<SecurityEvent> events) {
            long size = 0;
            for (SecurityEvent e : events) {
                size += estimate(e);
            }
            Packed packed = new Packed(events.size(), (int) Math.min(size, Integer.MAX_VALUE - 16));
            for (SecurityEvent e : events) {
                packed.add(e);
            }
            return packed;
        }

        public void add(SecurityEvent e) {
            if (recycled) {
                throw new IllegalStateException("this batch's chunks were recycled");
            }
            if (out.pos > 0) {
                int need = estimate(e);
                if (out.pos + need > out.buf.length) {
                    seal();
                    int size = Math.max(Math.min(CHUNK, out.buf.length * 2), need);
                    byte[] spare = size == CHUNK ? SPARE.poll() : null;
                    out = spare != null ? new Out(spare) : new Out(size);
                    chunkEnds = new int[Math.max(16, chunkEnds.length)];
                }
            }
            write(e, out);
            if (chunkCount == chunkEnds.length) {
                chunkEnds = Arrays.copyOf(chunkEnds, chunkCount * 2);
            }
            chunkEnds[chunkCount++] = out.pos;
            count++;
        }

        private void seal() {
            data.add(out.buf);
            ends.add(chunkEnds);
            counts.add(chunkCount);
            chunkCount = 0;
        }

        /** Events added. */
        public int count() {
            return count;
        }

        /** Encoded bytes of all events (each chunk is filled from its start up to its last event's end). */
        public long bytes() {
            long sum = out.pos;
            for (int c = 0; c < data.size(); c++) {
                sum += counts.get(c) == 0 ? 0 : ends.get(c)[counts.get(c) - 1];
            }
            return sum;
        }

        /**
         * Hands this batch's full-size chunks back for the next batches, once the caller is done with every array
         * {@link #chunkData()} returned (the journal has written them). A fresh 256 KB array is zeroed by the JVM and
         * often allocated outside the thread's buffer: for events of 2 KB (Suricata EVE) that was a tenth of a
         * request thread's CPU; a reused one is neither, and is still in the cache. At most {@link #SPARE_CHUNKS}
         * are kept (8 MB). The batch cannot be used afterwards.
         */
        public void recycle() {
            if (recycled) {
                return;
            }
            recycled = true;
            for (byte[] chunk : data) {
                if (chunk.length == CHUNK) {
                    SPARE.offer(chunk);
                }
            }
            if (out.buf.length == CHUNK) {
                SPARE.offer(out.buf);
            }
            data.clear();
        }

        /** The chunks' arrays, in order; chunk c holds {@code chunkCounts()[c]} events (see {@link #chunkEnds()}). */
        public byte[][] chunkData() {
            if (recycled) {
                throw new IllegalStateException("this batch's chunks were recycled");
            }
            return withCurrent(data, out.buf).toArray(byte[][]::new);
        }

        /** Per chunk: where its event i ends in its array (event i starts where event i - 1 ends, the first at 0). */
        public int[][] chunkEnds() {
            return withCurrent(ends, chunkEnds).toArray(int[][]::new);
        }

        public int[] chunkCounts() {
            return withCurrent(counts, chunkCount).stream().mapToInt(Integer::intValue).toArray();
        }

        private static <T> List<T> withCurrent(List<T> sealed, T current) {
            List<T> all = new ArrayList<>(sealed);
            all.add(current);
            return all;
        }
    }

    /** The encoded size of an ASCII event, a little over: raw plus every name and value with its length bytes. */
    private static int estimate(SecurityEvent e) {
        int n = 48 + e.format().length() + (e.raw() == null ? 0 : e.raw().length() + 3);
        for (String x : e.ecsPairs()) {
            n += x.length() + 3;
        }
        for (String x : e.originalPairs()) {
            n += x.length() + 3;
        }
        return n;
    }

    private static void write(SecurityEvent e, Out out) {
        out.b(VERSION);
        out.uuid(e.tenant() == null ? null : e.tenant().value());
        out.uuid(e.device() == null ? null : e.device().value());
        out.l(e.timestampMillis());
        out.l(e.receivedMillis());
        out.s(e.format());
        out.s(e.raw());
        pairs(e.ecsPairs(), out);
        pairs(e.originalPairs(), out);
    }

    private static void pairs(String[] pairs, Out out) {
        out.varint(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            out.name(pairs[i]);
            out.s(pairs[i + 1]);
        }
    }

    /**
     * Field names as encoded (length prefix included), by identity: names are {@link Ecs} constants or a parser's
     * interned keys, the same few hundred objects in every event, so a name costs a look-up and a copy of a few bytes
     * instead of being encoded again (half of an event's strings are names). Direct-mapped by identity hash; a slot
     * holds an immutable entry, so the races between request threads are harmless (the worst is a miss).
     */
    private static final NameEntry[] NAMES = new NameEntry[1024];

    private record NameEntry(String name, byte[] encoded) {
    }

    /**
     * Whether an encoded event belongs to the company, from the first 18 bytes (version, presence byte, the tenant
     * UUID big-endian) without decoding the rest: for erasing a company's events from the journal.
     */
    public static boolean belongsTo(ByteBuffer encoded, UUID tenant) {
        int p = encoded.position();
        byte version = encoded.remaining() > 0 ? encoded.get(p) : 0;
        return encoded.remaining() >= 18 && (version == VERSION || version == VERSION_1) && encoded.get(p + 1) == 1
                && encoded.getLong(p + 2) == tenant.getMostSignificantBits()
                && encoded.getLong(p + 10) == tenant.getLeastSignificantBits();
    }

    /**
     * The event back from its bytes. The consumer decodes every event of the stream on one thread, so this is built
     * for that: names (and the format) come from a cache of the names seen, as the same canonical String objects
     * (the {@link Ecs} constants, else interned), so no name is allocated and a detector's look-up by constant hits
     * on identity; the fields go straight into the event's arrays, since an encoded event's names are unique and
     * its values non-empty. The event keeps {@code data} as its encoded form ({@link #encode} gives it back), so the
     * caller must not change the array afterwards (the journal and Kafka hand out a fresh array per record).
     */
    public static SecurityEvent decode(byte[] data) {
        SecurityEvent e = read(data);
        e.encoded = data; // the caller hands the array over: it must not change afterwards
        return e;
    }

    private static SecurityEvent read(byte[] data) {
        In in = new In(data);
        byte version = in.b();
        if (version != VERSION && version != VERSION_1) {
            throw new IllegalArgumentException("unknown event encoding version " + version);
        }
        in.numberedNames = version == VERSION;
        UUID tenant = in.uuid();
        UUID device = in.uuid();
        long ts = in.l();
        long received = in.l();
        String format = in.cached(in.length());
        if (format == null) {
            throw new IllegalArgumentException("event record without a format");
        }
        String raw = in.s();
        String[] ecs = in.pairs();
        String[] original = in.pairs();
        return new SecurityEvent(tenant == null ? null : new TenantId(tenant),
                device == null ? null : new DeviceId(device), ts, received, format, raw, ecs, original);
    }

    /** Decoded names by their bytes: direct-mapped, an immutable entry per slot (races cost at most a miss). */
    private static final DecodedName[] DECODED = new DecodedName[1024];

    private record DecodedName(byte[] bytes, String name) {
    }

    /** Per thread: what {@link Out#utf8} needs besides the output buffer, kept between events. */
    private static final ThreadLocal<Utf8Scratch> SCRATCH = ThreadLocal.withInitial(Utf8Scratch::new);

    private static final class Utf8Scratch {
        /** A longer string gets a char array of its own, so a rare huge record does not stay in every thread. */
        private static final int KEEP_CHARS = 64 * 1024;
        /** Unpaired surrogates become '?', as {@code String.getBytes(UTF_8)} does. */
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private char[] chars = new char[1024];

        char[] chars(int n) {
            if (n <= chars.length) {
                return chars;
            }
            if (n > KEEP_CHARS) {
                return new char[n];
            }
            chars = new char[Math.max(n, Math.min(KEEP_CHARS, chars.length * 2))];
            return chars;
        }
    }

    private static final class Out {
        /** From this length on a string goes through getBytes, whose vectorised intrinsics beat a char loop. */
        private static final int LONG = 32;
        private byte[] buf;
        private int pos;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        /** Over a reused array: its old bytes are overwritten from the start, never read past {@code pos}. */
        Out(byte[] reused) {
            buf = reused;
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

        /**
         * Length (+1, 0 = null) then UTF-8. A short string (most values) is written char by char straight into the
         * buffer while it is ASCII; a long one (raw lines, command lines) goes through {@code getBytes}, whose
         * vectorised intrinsics beat any char loop by far, at the price of one short-lived array. Measured per
         * Windows event (bench ingest's stage table): all through a char loop 3.3 µs, all through getChars and a
         * narrowing loop 3.3 µs, this split 2.0 µs (parsing the same event: 6 µs).
         */
        void s(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            int n = s.length();
            if (n >= LONG) {
                utf8(s);
                return;
            }
            ensure(n + 1);
            byte[] b = buf;
            int p = pos + 1; // n + 1 < 128: the length is one varint byte
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    utf8(s);
                    return;
                }
                b[p + i] = (byte) c;
            }
            b[pos] = (byte) (n + 1);
            pos = p + n;
        }

        void name(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            int slot = System.identityHashCode(s) & (NAMES.length - 1);
            NameEntry entry = NAMES[slot];
            if (entry != null && entry.name == s) {
                byte[] encoded = entry.encoded;
                ensure(encoded.length);
                System.arraycopy(encoded, 0, buf, pos, encoded.length);
                pos += encoded.length;
                return;
            }
            int mark = pos;
            int id = FieldNames.id(s);
            if (id >= 0) {
                varint(id << 1 | 1);
            } else {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                varint((bytes.length + 1) << 1);
                ensure(bytes.length);
                System.arraycopy(bytes, 0, buf, pos, bytes.length);
                pos += bytes.length;
            }
            NAMES[slot] = new NameEntry(s, Arrays.copyOfRange(buf, mark, pos));
        }

        /**
         * Length then UTF-8, encoded straight into the buffer: the characters copied into a per-thread array and run
         * through a reused encoder. {@code getBytes} cost a fresh array per long string, and for a string with one
         * character beyond Latin-1 (a Windows event's raw JSON with a curly quote) two, the first three times the
         * string's length: bench ingest's allocation table, request threads, Windows 13.1 KB per event before and
         * 9.8 after, Suricata EVE 7.0 and 6.2, with the stage table's stamp+encode no higher (issue 21's fifth note). The length prefix is written for the
         * all-ASCII case and the bytes moved when the real length needs a longer varint (a non-canonical varint would
         * decode the same, but the bytes would differ from every earlier encoding of the same event).
         */
        private void utf8(String s) {
            int n = s.length();
            Utf8Scratch scratch = SCRATCH.get();
            char[] chars = scratch.chars(n);
            s.getChars(0, n, chars, 0);
            int guess = varintSize(n + 1);
            // Room for the all-ASCII case only, as the batch sized its chunk for (see Packed.add): asking for the worst
            // case (3 bytes a char) grew a reused chunk past its size near its end, and it was no longer reused.
            ensure(guess + n);
            int start = pos + guess;
            int end = start;
            CharBuffer src = CharBuffer.wrap(chars, 0, n);
            CharsetEncoder encoder = scratch.encoder.reset();
            while (true) {
                ByteBuffer dst = ByteBuffer.wrap(buf, end, buf.length - end);
                CoderResult result = encoder.encode(src, dst, true);
                end = dst.position();
                if (result.isUnderflow()) {
                    break;
                }
                if (!result.isOverflow()) {
                    throw new IllegalStateException("UTF-8 encoding stopped: " + result); // errors are replaced
                }
                ensure(end - pos + 3 * src.remaining() + 4); // non-ASCII: at most 3 bytes for each char left
            }
            int len = end - start;
            int size = varintSize(len + 1);
            if (size != guess) {
                ensure(size + len);
                System.arraycopy(buf, start, buf, pos + size, len);
            }
            varint(len + 1);
            pos += len;
        }

        private static int varintSize(int v) {
            return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class In {
        private final byte[] buf;
        private int pos;
        /** Version 2 and later: names are tagged varints (see {@link #VERSION}). */
        boolean numberedNames;

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

        /** Count, then that many name/value pairs; a null or empty value (never encoded) is left out. */
        String[] pairs() {
            int n = varint();
            if (n < 0 || n > buf.length - pos) {
                throw new IllegalArgumentException("truncated event record");
            }
            String[] pairs = new String[n * 2];
            int size = 0;
            for (int i = 0; i < n; i++) {
                String name = name();
                String value = s();
                if (name == null) {
                    throw new IllegalArgumentException("field without a name");
                }
                if (value != null && !value.isEmpty()) {
                    pairs[size++] = name;
                    pairs[size++] = value;
                }
            }
            return size == pairs.length ? pairs : Arrays.copyOf(pairs, size);
        }

        /** A name as its canonical String: by its number, else through {@link #DECODED}. */
        String name() {
            if (!numberedNames) {
                return cached(length());
            }
            int v = varint();
            if (v == 0) {
                return null;
            }
            if ((v & 1) != 0) {
                return FieldNames.name(v >>> 1);
            }
            int len = (v >>> 1) - 1;
            if (len < 0 || (long) pos + len > buf.length) {
                throw new IllegalArgumentException("truncated event record");
            }
            return cached(len);
        }

        /** The {@code len} bytes at the read position as a canonical String (see {@link #DECODED}); -1: null. */
        String cached(int len) {
            if (len < 0) {
                return null;
            }
            int h = len;
            for (int i = pos; i < pos + len; i++) {
                h = 31 * h + buf[i];
            }
            int slot = (h ^ (h >>> 16)) & (DECODED.length - 1);
            DecodedName cached = DECODED[slot];
            if (cached != null && Arrays.equals(cached.bytes, 0, cached.bytes.length, buf, pos, pos + len)) {
                pos += len;
                return cached.name;
            }
            String decoded = new String(buf, pos, len, StandardCharsets.UTF_8);
            String canonical = Ecs.intern(decoded);
            if (canonical == decoded) {
                canonical = decoded.intern();
            }
            DECODED[slot] = new DecodedName(Arrays.copyOfRange(buf, pos, pos + len), canonical);
            pos += len;
            return canonical;
        }

        /** A string's byte length, -1 for null; checked against what is left. */
        int length() {
            int len = varint() - 1;
            if (len < -1 || (long) pos + len > buf.length) {
                throw new IllegalArgumentException("truncated event record");
            }
            return len;
        }

        String s() {
            int len = length();
            if (len < 0) {
                return null;
            }
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
