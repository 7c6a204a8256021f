package jp.sukedachi.intel.match;

/**
 * Immutable open-addressing map from int keys (IPv4 addresses) to key numbers, no boxing: two int
 * arrays, linear probing, load ≤ 0.5. Key k of the input gets number k; keys must be distinct.
 */
final class IntTable {
    static final IntTable EMPTY = new IntTable(new int[0]);

    private final int[] keys;
    /** Key number + 1; 0 = empty slot. */
    private final int[] slots;
    private final int mask;
    private final int size;
    private final int[] byNumber;

    IntTable(int[] distinctKeys) {
        this.size = distinctKeys.length;
        this.byNumber = distinctKeys.clone();
        int cap = Integer.highestOneBit(Math.max(2, size * 2 - 1)) << 1;
        keys = new int[cap];
        slots = new int[cap];
        mask = cap - 1;
        for (int k = 0; k < size; k++) {
            int i = mix(distinctKeys[k]) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = distinctKeys[k];
            slots[i] = k + 1;
        }
    }

    static int mix(int x) {
        x *= 0x9E3779B9;
        return x ^ (x >>> 15);
    }

    int size() {
        return size;
    }

    int find(int key) {
        if (size == 0) {
            return -1;
        }
        int i = mix(key) & mask;
        for (int k; (k = slots[i]) != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return k - 1;
            }
        }
        return -1;
    }

    int key(int k) {
        return byNumber[k];
    }

    long heapBytes() {
        return 16L + 2 * (16 + 4L * keys.length) + 16 + 4L * byNumber.length;
    }
}
