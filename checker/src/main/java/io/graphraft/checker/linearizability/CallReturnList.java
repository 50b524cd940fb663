package io.graphraft.checker.linearizability;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Wing and Gong's list of call and return entries in time order, as a doubly linked list over int arrays.
 * Linearizing an operation lifts its two entries out; backtracking puts them back (dancing links: a lifted entry
 * keeps its own links, and lifts are undone in reverse order). At equal times calls come before returns, so
 * operations that touch in time count as concurrent: the permissive reading, which never invents an anomaly.
 */
final class CallReturnList {
    static final int END = -1;

    private final int head;
    private final int[] next;
    private final int[] prev;
    private final int[] operationAt;
    private final boolean[] callAt;
    private final int[] callEntry;
    private final int[] returnEntry;

    CallReturnList(KeyHistory history) {
        int n = history.size();
        Integer[] order = new Integer[2 * n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // code c: operation c/2, its call when c is even, its return when odd
        Arrays.sort(order, Comparator.<Integer>comparingLong(c -> (c & 1) == 0 ? history.invoke[c >> 1] : history.complete[c >> 1])
                .thenComparingInt(c -> c & 1)
                .thenComparingInt(c -> c));
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        operationAt = new int[2 * n];
        callAt = new boolean[2 * n];
        callEntry = new int[n];
        returnEntry = new int[n];
        int previous = head;
        for (int entry = 0; entry < order.length; entry++) {
            int code = order[entry];
            operationAt[entry] = code >> 1;
            callAt[entry] = (code & 1) == 0;
            if (callAt[entry]) {
                callEntry[code >> 1] = entry;
            } else {
                returnEntry[code >> 1] = entry;
            }
            next[previous] = entry;
            prev[entry] = previous;
            previous = entry;
        }
        next[previous] = END;
    }

    int first() {
        return next[head];
    }

    int next(int entry) {
        return next[entry];
    }

    boolean isCall(int entry) {
        return callAt[entry];
    }

    int operation(int entry) {
        return operationAt[entry];
    }

    int callOf(int operation) {
        return callEntry[operation];
    }

    void lift(int operation) {
        unlink(callEntry[operation]);
        unlink(returnEntry[operation]);
    }

    void unlift(int operation) {
        relink(returnEntry[operation]);
        relink(callEntry[operation]);
    }

    private void unlink(int entry) {
        next[prev[entry]] = next[entry];
        if (next[entry] != END) {
            prev[next[entry]] = prev[entry];
        }
    }

    private void relink(int entry) {
        next[prev[entry]] = entry;
        if (next[entry] != END) {
            prev[next[entry]] = entry;
        }
    }
}
