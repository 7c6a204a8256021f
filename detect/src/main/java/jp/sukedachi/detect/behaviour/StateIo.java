package jp.sukedachi.detect.behaviour;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import jp.sukedachi.detect.DetectorState;

/** The small pieces the behaviour detectors' states are written with: unsigned varints, optional strings, ids. */
final class StateIo {
    private StateIo() {
    }

    /** Reads one company's part back. */
    @FunctionalInterface
    interface CompanyReader<C> {
        C read(DataInputStream in) throws IOException;
    }

    /**
     * The frame both behaviour states share: magic, version, the next sweep, then each company (by id, in order)
     * and its part. Built by copying the parts into one array of the exact size: a detector that keeps the parts
     * of unchanged companies pays one copy per snapshot, not a re-encoding.
     */
    static <C> byte[] write(int magic, int version, long nextSweep, Map<UUID, C> companies,
            Function<C, byte[]> part) {
        List<byte[]> parts = new ArrayList<>(companies.size());
        int size = 4 + 4 + 8 + 4;
        for (C c : companies.values()) {
            byte[] b = part.apply(c);
            parts.add(b);
            size = Math.addExact(size, 16 + b.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size); // big-endian, as DataOutputStream and DetectorState read it
        out.putInt(magic).putInt(version).putLong(nextSweep).putInt(companies.size());
        int i = 0;
        for (UUID id : companies.keySet()) {
            out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).put(parts.get(i++));
        }
        return out.array();
    }

    /**
     * Reads what {@link #write} wrote into {@code into}; returns the next sweep.
     *
     * @throws IllegalArgumentException when it is another detector's state, of another version or damaged
     */
    static <C> long read(byte[] state, String what, int magic, int version, Map<UUID, C> into,
            CompanyReader<C> reader) {
        return DetectorState.read(state, what, magic, version, in -> {
            long sweep = in.readLong();
            int n = DetectorState.count(in);
            for (int i = 0; i < n; i++) {
                UUID id = readUuid(in);
                if (into.put(id, reader.read(in)) != null) {
                    throw new IOException("company " + id + " twice");
                }
            }
            return sweep;
        });
    }

    /** What the body writes, as bytes (a part of a state kept while it does not change). */
    static byte[] bytes(DetectorState.Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** A non-negative long in 7-bit groups (times as deltas stay one to four bytes). */
    static void writeVarLong(DataOutputStream out, long v) throws IOException {
        if (v < 0) {
            throw new IOException("negative varint " + v);
        }
        while ((v & ~0x7fL) != 0) {
            out.writeByte((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint too long");
    }

    static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeUuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    /** A count no larger than {@code max}. */
    static int count(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
