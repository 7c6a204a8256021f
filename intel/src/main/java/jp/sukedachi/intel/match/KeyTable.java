package jp.sukedachi.intel.match;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of byte-string keys: all key bytes concatenated in one arena, an offset per key,
 * and an open-addressing table of key numbers (linear probing, load ≤ 0.5). No object per key: a
 * 20-character domain costs its 20 bytes + 4 (offset) + ~8–16 (slots), against ~70 for a String.
 *
 * <p>The hash is polynomial and computed from the last byte backwards, so that a caller walking a
 * domain name right to left gets the hash of every suffix ({@code com}, {@code example.com},
 * {@code a.example.com}) in one pass: suffix matching is O(length of the name).
 */
final class KeyTable {
    static final KeyTable EMPTY = build(List.of());

    private final byte[] arena;
    /** Key k is {@code arena[offsets[k], offsets[k + 1])}. */
    private final int[] offsets;
    /** Key number + 1; 0 = empty. */
    private final int[] slots;
    private final int mask;

    private KeyTable(byte[] arena, int[] offsets, int[] slots) {
        this.arena = arena;
        this.offsets = offsets;
        this.slots = slots;
        this.mask = slots.length - 1;
    }

    /** Keys must be distinct; key k gets number k. */
    static KeyTable build(List<byte[]> keys) {
        long total = 0;
        for (byte[] k : keys) {
            total += k.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many key bytes: " + total);
        }
        byte[] arena = new byte[(int) total];
        int[] offsets = new int[keys.size() + 1];
        int pos = 0;
        for (int k = 0; k < keys.size(); k++) {
            byte[] key = keys.get(k);
            offsets[k] = pos;
            System.arraycopy(key, 0, arena, pos, key.length);
            pos += key.length;
        }
        offsets[keys.size()] = pos;
        int cap = Integer.highestOneBit(Math.max(2, keys.size() * 2 - 1)) << 1;
        int[] slots = new int[cap];
        KeyTable t = new KeyTable(arena, offsets, slots);
        for (int k = 0; k < keys.size(); k++) {
            byte[] key = keys.get(k);
            int i = mix(hashBytes(key, 0, key.length)) & t.mask;
            while (slots[i] != 0) {
                i = (i + 1) & t.mask;
            }
            slots[i] = k + 1;
        }
        return t;
    }

    int size() {
        return offsets.length - 1;
    }

    boolean isEmpty() {
        return offsets.length == 1;
    }

    /** Step of the backwards polynomial hash: {@code h' = c * pow + h}, {@code pow' = pow * 31}. */
    static int hashBytes(byte[] b, int from, int to) {
        int h = 0;
        int pow = 1;
        for (int j = to - 1; j >= from; j--) {
            h += (b[j] & 0xFF) * pow;
            pow *= 31;
        }
        return h;
    }

    static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Key number of exactly these bytes, or -1. */
    int find(byte[] b) {
        if (isEmpty()) {
            return -1;
        }
        int i = mix(hashBytes(b, 0, b.length)) & mask;
        for (int k; (k = slots[i]) != 0; i = (i + 1) & mask) {
            k--;
            int off = offsets[k];
            if (offsets[k + 1] - off == b.length && Arrays.equals(arena, off, off + b.length, b, 0, b.length)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Key number of the ASCII text {@code s[from,to)} lower-cased, given its backwards hash (over the
     * lower-cased chars), or -1. The caller guarantees the range is ASCII.
     */
    int findLower(CharSequence s, int from, int to, int hash) {
        int i = mix(hash) & mask;
        int len = to - from;
        for (int k; (k = slots[i]) != 0; i = (i + 1) & mask) {
            k--;
            int off = offsets[k];
            if (offsets[k + 1] - off == len && equalsLower(off, s, from, len)) {
                return k;
            }
        }
        return -1;
    }

    private boolean equalsLower(int off, CharSequence s, int from, int len) {
        for (int j = 0; j < len; j++) {
            if (arena[off + j] != lower(s.charAt(from + j))) {
                return false;
            }
        }
        return true;
    }

    /** Key number of the bytes that the hex text {@code s} spells (either case), or -1; s must be valid hex. */
    int findHex(CharSequence s, int hash) {
        int i = mix(hash) & mask;
        int len = s.length() / 2;
        for (int k; (k = slots[i]) != 0; i = (i + 1) & mask) {
            k--;
            int off = offsets[k];
            if (offsets[k + 1] - off == len && equalsHex(off, s, len)) {
                return k;
            }
        }
        return -1;
    }

    private boolean equalsHex(int off, CharSequence s, int len) {
        for (int j = 0; j < len; j++) {
            int b = (Character.digit(s.charAt(2 * j), 16) << 4) | Character.digit(s.charAt(2 * j + 1), 16);
            if ((arena[off + j] & 0xFF) != b) {
                return false;
            }
        }
        return true;
    }

    /** Backwards hash of the bytes the hex text spells; check {@link #hexValid} first. */
    static int hashHex(CharSequence s) {
        int h = 0;
        int pow = 1;
        for (int j = s.length() - 2; j >= 0; j -= 2) {
            int b = (Character.digit(s.charAt(j), 16) << 4) | Character.digit(s.charAt(j + 1), 16);
            h += b * pow;
            pow *= 31;
        }
        return h;
    }

    static boolean hexValid(CharSequence s, int bytes) {
        if (s.length() != bytes * 2) {
            return false;
        }
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    String text(int k) {
        return new String(arena, offsets[k], offsets[k + 1] - offsets[k], StandardCharsets.UTF_8);
    }

    String hex(int k) {
        StringBuilder out = new StringBuilder((offsets[k + 1] - offsets[k]) * 2);
        for (int j = offsets[k]; j < offsets[k + 1]; j++) {
            out.append(Character.forDigit((arena[j] >>> 4) & 0xF, 16)).append(Character.forDigit(arena[j] & 0xF, 16));
        }
        return out.toString();
    }

    long heapBytes() {
        return 16L + arena.length + 16 + 4L * offsets.length + 16 + 4L * slots.length + 24;
    }
}
