package jp.sukedachi.intel.match;

import java.util.Arrays;

/**
 * IPv4 CIDR blocks, immutable. Two CIDR blocks are either disjoint or nested, so the blocks form a
 * forest; they are sorted by (first address, prefix length) and each knows its nearest enclosing
 * block ({@code parent}). A lookup binary-searches the last block starting at or before the address,
 * climbs parents until one contains the address ({@link #deepest}); that block and all its ancestors
 * are exactly the blocks containing the address (every covering block is kept, not only the most
 * specific). O(log n + nesting depth).
 */
final class V4Ranges {
    static final V4Ranges EMPTY = new V4Ranges(new long[0]);

    /** Sign-flipped first/last addresses so signed int comparison is unsigned address order. */
    private final int[] first;
    private final int[] last;
    private final byte[] prefix;
    private final int[] parent;

    /**
     * @param blocks distinct blocks, each {@code (address << 8) | prefix} with host bits cleared; block
     *               number k is the position in sorted order — use {@link #sorted} to get that order
     */
    V4Ranges(long[] blocks) {
        int n = blocks.length;
        first = new int[n];
        last = new int[n];
        prefix = new byte[n];
        parent = new int[n];
        int[] stack = new int[34];
        int depth = 0;
        for (int k = 0; k < n; k++) {
            int addr = (int) (blocks[k] >>> 8);
            int p = (int) (blocks[k] & 0xFF);
            int hostMask = p == 0 ? -1 : (p == 32 ? 0 : (-1 >>> p));
            first[k] = addr ^ Integer.MIN_VALUE;
            last[k] = (addr | hostMask) ^ Integer.MIN_VALUE;
            prefix[k] = (byte) p;
            while (depth > 0 && last[stack[depth - 1]] < first[k]) {
                depth--;
            }
            parent[k] = depth == 0 ? -1 : stack[depth - 1];
            stack[depth++] = k;
        }
    }

    /** Sorts encoded blocks into the order the constructor expects (first address, then prefix). */
    static long[] sorted(long[] blocks) {
        long[] copy = blocks.clone(); // the encoding is non-negative: natural order is (address, prefix)
        Arrays.sort(copy);
        return copy;
    }

    static long encode(int addr, int prefix) {
        return ((addr & 0xFFFFFFFFL) << 8) | prefix;
    }

    int size() {
        return first.length;
    }

    /** The most specific block containing ip, or -1; then {@link #parent} walks the rest. */
    int deepest(int ip) {
        int x = ip ^ Integer.MIN_VALUE;
        int lo = 0;
        int hi = first.length - 1;
        int r = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (first[mid] <= x) {
                r = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        while (r >= 0 && last[r] < x) {
            r = parent[r];
        }
        return r;
    }

    int parent(int k) {
        return parent[k];
    }

    String text(int k) {
        return Addr.v4Text(first[k] ^ Integer.MIN_VALUE) + "/" + prefix[k];
    }

    long heapBytes() {
        return 16L + 3 * (16 + 4L * first.length) + 16 + prefix.length;
    }
}
