package jp.sukedachi.intel.match;

/**
 * IPv6 CIDR blocks over 128-bit addresses (two longs), the same forest layout as {@link V4Ranges}:
 * sorted by (first address, prefix length), parent links, binary search then climb.
 */
final class V6Ranges {
    static final V6Ranges EMPTY = new V6Ranges(new long[0], new long[0], new int[0]);

    /** Sign-flipped halves so signed comparison is unsigned order. */
    private final long[] firstHi;
    private final long[] firstLo;
    private final long[] lastHi;
    private final long[] lastLo;
    private final byte[] prefix;
    private final int[] parent;

    /** Blocks must be distinct, host bits cleared, and sorted by {@link #compare} of (hi, lo, prefix). */
    V6Ranges(long[] hi, long[] lo, int[] prefixes) {
        int n = hi.length;
        firstHi = new long[n];
        firstLo = new long[n];
        lastHi = new long[n];
        lastLo = new long[n];
        prefix = new byte[n];
        parent = new int[n];
        int[] stack = new int[130];
        int depth = 0;
        for (int k = 0; k < n; k++) {
            int p = prefixes[k];
            long maskHi = p >= 64 ? 0 : (p == 0 ? -1L : (-1L >>> p));
            long maskLo = p >= 128 ? 0 : (p <= 64 ? -1L : (-1L >>> (p - 64)));
            firstHi[k] = hi[k] ^ Long.MIN_VALUE;
            firstLo[k] = lo[k] ^ Long.MIN_VALUE;
            lastHi[k] = (hi[k] | maskHi) ^ Long.MIN_VALUE;
            lastLo[k] = (lo[k] | maskLo) ^ Long.MIN_VALUE;
            prefix[k] = (byte) p;
            while (depth > 0 && less(lastHi[stack[depth - 1]], lastLo[stack[depth - 1]], firstHi[k], firstLo[k])) {
                depth--;
            }
            parent[k] = depth == 0 ? -1 : stack[depth - 1];
            stack[depth++] = k;
        }
    }

    /** Order for the constructor: unsigned address, then prefix length. */
    static int compare(long hiA, long loA, int pA, long hiB, long loB, int pB) {
        int c = Long.compareUnsigned(hiA, hiB);
        if (c == 0) {
            c = Long.compareUnsigned(loA, loB);
        }
        return c != 0 ? c : Integer.compare(pA, pB);
    }

    private static boolean less(long aHi, long aLo, long bHi, long bLo) {
        return aHi < bHi || (aHi == bHi && aLo < bLo);
    }

    int size() {
        return prefix.length;
    }

    int deepest(long hi, long lo) {
        long xHi = hi ^ Long.MIN_VALUE;
        long xLo = lo ^ Long.MIN_VALUE;
        int a = 0;
        int b = prefix.length - 1;
        int r = -1;
        while (a <= b) {
            int mid = (a + b) >>> 1;
            if (!less(xHi, xLo, firstHi[mid], firstLo[mid])) {
                r = mid;
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        while (r >= 0 && less(lastHi[r], lastLo[r], xHi, xLo)) {
            r = parent[r];
        }
        return r;
    }

    int parent(int k) {
        return parent[k];
    }

    String text(int k) {
        return Addr.v6Text(firstHi[k] ^ Long.MIN_VALUE, firstLo[k] ^ Long.MIN_VALUE) + "/" + prefix[k];
    }

    long heapBytes() {
        return 16L + 4 * (16 + 8L * prefix.length) + 16 + 4L * prefix.length + 16 + prefix.length;
    }
}
