package io.graphraft.core.store;

import java.util.Arrays;

/**
 * A node's edge ids in one direction, kept as one sorted long array whose slot 0 holds the count:
 * one object per node and direction (a node with two edges is a single {@code long[3]}). Ids mostly
 * arrive ascending. Operations that grow or shrink the array return the array to keep from then on.
 */
final class EdgeIds {
    private EdgeIds() {
    }

    /** {@code ids} (null for none) with {@code id} added. */
    static long[] add(long[] ids, long id) {
        if (ids == null) {
            return new long[] {1, id, 0};
        }
        int size = (int) ids[0];
        int at = size == 0 || ids[size] < id ? size + 1 : insertionPoint(ids, size, id);
        if (at <= size && ids[at] == id) {
            return ids;
        }
        long[] result = size + 1 == ids.length ? Arrays.copyOf(ids, 1 + size * 2) : ids;
        System.arraycopy(result, at, result, at + 1, size + 1 - at);
        result[at] = id;
        result[0] = size + 1;
        return result;
    }

    /** {@code ids} without {@code id}: null once none is left. */
    static long[] remove(long[] ids, long id) {
        int size = (int) ids[0];
        int at = Arrays.binarySearch(ids, 1, size + 1, id);
        if (at < 0) {
            return ids;
        }
        if (size == 1) {
            return null;
        }
        System.arraycopy(ids, at + 1, ids, at, size - at);
        ids[0] = size - 1;
        return ids;
    }

    /** The ids, ascending, in an array of their own. */
    static long[] toArray(long[] ids) {
        return ids == null ? new long[0] : Arrays.copyOfRange(ids, 1, 1 + (int) ids[0]);
    }

    private static int insertionPoint(long[] ids, int size, long id) {
        int found = Arrays.binarySearch(ids, 1, size + 1, id);
        return found >= 0 ? found : -found - 1;
    }
}
