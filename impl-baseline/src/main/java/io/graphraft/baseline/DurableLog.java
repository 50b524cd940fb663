package io.graphraft.baseline;

import java.io.IOException;
import java.util.List;

/** The write-ahead log of the durable baseline: entries with consecutive indexes, forced to disk on request. */
interface DurableLog extends AutoCloseable {
    /** The largest entry either log appends; replay treats a longer record as damage, so append refuses it. */
    int MAX_ENTRY_BYTES = 256 << 20;

    /**
     * Appends {@code entries} as indexes {@code firstIndex, firstIndex + 1, ...}; forces them to disk if
     * the log syncs. An entry over {@link #MAX_ENTRY_BYTES} fails with IllegalArgumentException before anything is written.
     */
    void append(long firstIndex, List<byte[]> entries) throws IOException;

    /**
     * Calls {@code consumer} with every entry after {@code afterIndex}, in order. A torn tail (a write
     * the crash cut short, never acknowledged) is cut off; any other damage fails with
     * {@link LogCorruptException} and changes nothing.
     */
    void replay(long afterIndex, EntryConsumer consumer) throws IOException;

    /** Entries up to {@code index} are covered by a snapshot and may be dropped. */
    void truncatePrefix(long index) throws IOException;

    long sizeBytes();

    @Override
    void close();

    @FunctionalInterface
    interface EntryConsumer {
        void accept(long index, byte[] entry) throws IOException;
    }
}
