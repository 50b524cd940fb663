package io.graphraft.core.store;

import java.util.Arrays;

/** A node's edge ids in one direction: a sorted, growable long array (ids mostly arrive ascending). */
final class EdgeIds {
    private long[] ids = new long[2];
    private int size;

    void add(long id) {
        int at = size == 0 || ids[size - 1] < id ? size : insertionPoint(id);
        if (at < size && ids[at] == id) {
            return;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        System.arraycopy(ids, at, ids, at + 1, size - at);
        ids[at] = id;
        size++;
    }

    void remove(long id) {
        int at = Arrays.binarySearch(ids, 0, size, id);
        if (at >= 0) {
            System.arraycopy(ids, at + 1, ids, at, size - at - 1);
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    private int insertionPoint(long id) {
        int found = Arrays.binarySearch(ids, 0, size, id);
        return found >= 0 ? found : -found - 1;
    }
}
