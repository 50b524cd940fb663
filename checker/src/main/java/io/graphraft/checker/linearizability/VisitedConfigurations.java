package io.graphraft.checker.linearizability;

/**
 * Lowe's memo of configurations already explored: (linearized set, register value). An open-addressing table
 * keyed by the set's Zobrist hash and the value; equal hashes are confirmed against the exact set, so a hash
 * collision can never prune a branch. Probing compares against the live set and allocates only on insertion.
 */
final class VisitedConfigurations {
    private Configuration[] table = new Configuration[1 << 10];
    private int size;

    /** Adds (set, value); returns false if it was already there. */
    boolean add(LinearizedSet set, int value) {
        long hash = mix(set.hash() ^ (value * 0x9E3779B97F4A7C15L));
        int mask = table.length - 1;
        int slot = (int) hash & mask;
        for (Configuration c = table[slot]; c != null; c = table[slot]) {
            if (c.hash == hash && c.value == value && set.matches(c.set)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = new Configuration(hash, value, set.snapshot());
        if (++size * 2 > table.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        Configuration[] old = table;
        table = new Configuration[old.length * 2];
        int mask = table.length - 1;
        for (Configuration c : old) {
            if (c != null) {
                int slot = (int) c.hash & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = c;
            }
        }
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private record Configuration(long hash, int value, LinearizedSet.Snapshot set) {
    }
}
