package jp.sukedachi.intel.match;

/** Immutable open-addressing map from 128-bit keys (IPv6 addresses, as two longs) to key numbers. */
final class V6Table {
    static final V6Table EMPTY = new V6Table(new long[0], new long[0]);

    private final long[] his;
    private final long[] los;
    private final int[] slots;
    private final int mask;
    private final long[] byNumberHi;
    private final long[] byNumberLo;

    V6Table(long[] hi, long[] lo) {
        int n = hi.length;
        int cap = Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1;
        his = new long[cap];
        los = new long[cap];
        slots = new int[cap];
        mask = cap - 1;
        byNumberHi = hi.clone();
        byNumberLo = lo.clone();
        for (int k = 0; k < n; k++) {
            int i = mix(hi[k], lo[k]) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            his[i] = hi[k];
            los[i] = lo[k];
            slots[i] = k + 1;
        }
    }

    static int mix(long hi, long lo) {
        long x = hi * 0x9E3779B97F4A7C15L ^ lo;
        x *= 0xC2B2AE3D27D4EB4FL;
        return (int) (x ^ (x >>> 31));
    }

    int size() {
        return byNumberHi.length;
    }

    int find(long hi, long lo) {
        if (byNumberHi.length == 0) {
            return -1;
        }
        int i = mix(hi, lo) & mask;
        for (int k; (k = slots[i]) != 0; i = (i + 1) & mask) {
            if (his[i] == hi && los[i] == lo) {
                return k - 1;
            }
        }
        return -1;
    }

    String text(int k) {
        return Addr.v6Text(byNumberHi[k], byNumberLo[k]);
    }

    long heapBytes() {
        return 16L + 2 * (16 + 8L * his.length) + 16 + 4L * slots.length + 2 * (16 + 8L * byNumberHi.length);
    }
}
