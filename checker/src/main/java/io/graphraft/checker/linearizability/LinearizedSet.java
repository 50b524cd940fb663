package io.graphraft.checker.linearizability;

import java.util.SplittableRandom;

/**
 * The set of operations linearized so far, as a bitset with an incrementally kept Zobrist hash. Its canonical
 * compact form ({@link #snapshot}) keeps only what differs from "all operations below some point, none above":
 * the count of leading all-ones words, the highest non-zero word, and the words in between that are not all ones.
 * A search that linearizes roughly in invocation order therefore stores a few words per configuration, not n/64.
 */
final class LinearizedSet {
    private static final long[] NO_WORDS = new long[0];
    private final long[] words;
    private final long[] zobrist;
    private long hash;
    private int fullWords;
    private int highWordBound = -1;

    LinearizedSet(int size) {
        words = new long[(size + 63) >>> 6];
        zobrist = new long[size];
        SplittableRandom random = new SplittableRandom(0x5EED_0F_5E7L);
        for (int i = 0; i < size; i++) {
            zobrist[i] = random.nextLong();
        }
    }

    void add(int op) {
        int w = op >>> 6;
        words[w] |= 1L << op;
        hash ^= zobrist[op];
        if (w > highWordBound) {
            highWordBound = w;
        }
        while (fullWords < words.length && words[fullWords] == -1L) {
            fullWords++;
        }
    }

    void remove(int op) {
        int w = op >>> 6;
        words[w] &= ~(1L << op);
        hash ^= zobrist[op];
        if (w < fullWords) {
            fullWords = w;
        }
    }

    long hash() {
        return hash;
    }

    /** The canonical compact form of the current set. */
    Snapshot snapshot() {
        int high = highWord();
        int partial = 0;
        for (int w = fullWords; w <= high; w++) {
            if (words[w] != -1L) {
                partial++;
            }
        }
        long[] sparse = partial == 0 ? NO_WORDS : new long[partial * 2];
        int i = 0;
        for (int w = fullWords; w <= high; w++) {
            if (words[w] != -1L) {
                sparse[i++] = w;
                sparse[i++] = words[w];
            }
        }
        return new Snapshot(fullWords, high, sparse);
    }

    boolean matches(Snapshot snapshot) {
        int high = highWord();
        if (snapshot.fullWords != fullWords || snapshot.highWord != high) {
            return false;
        }
        int i = 0;
        long[] sparse = snapshot.sparse;
        for (int w = fullWords; w <= high; w++) {
            if (words[w] != -1L) {
                if (i >= sparse.length || sparse[i] != w || sparse[i + 1] != words[w]) {
                    return false;
                }
                i += 2;
            }
        }
        return i == sparse.length;
    }

    /** The highest word with a bit set, or {@code fullWords - 1} if none beyond the full ones. */
    private int highWord() {
        while (highWordBound >= fullWords && words[highWordBound] == 0) {
            highWordBound--;
        }
        return Math.max(highWordBound, fullWords - 1);
    }

    /** An immutable copy of a set's canonical form: sparse holds (word index, word) pairs. */
    record Snapshot(int fullWords, int highWord, long[] sparse) {
    }
}
