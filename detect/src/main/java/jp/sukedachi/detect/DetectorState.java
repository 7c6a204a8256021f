package jp.sukedachi.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The frame of a stateful detector's {@link Detector#snapshot()}: a magic number naming the detector, the version
 * of its format, then its own data; reading refuses another detector's state, an unknown version, data cut short
 * and bytes after the end, with an {@link IllegalArgumentException} that says which.
 */
public final class DetectorState {
    private DetectorState() {
    }

    /** Writes a detector's own data. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a detector's own data back. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static byte[] write(int magic, int version, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(version);
            body.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * @param what names the state in the messages ("Sigma state")
     * @throws IllegalArgumentException when the state is not this detector's, of another version, or damaged
     */
    public static <T> T read(byte[] state, String what, int magic, int version, Reader<T> body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (state.length < 8 || in.readInt() != magic) {
                throw new IllegalArgumentException(what + ": not this detector's state");
            }
            int v = in.readInt();
            if (v != version) {
                throw new IllegalArgumentException(what + ": format version " + v + " is unknown (this version reads "
                        + version + ")");
            }
            T t = body.read(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes after the end");
            }
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": damaged (" + e.getMessage() + ")", e);
        }
    }

    /** A count that cannot be negative. */
    public static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
