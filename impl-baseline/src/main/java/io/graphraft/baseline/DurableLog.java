package io.graphraft.baseline;

import java.io.IOException;
import java.util.List;

/** The write-ahead log of the durable baseline: entries with consecutive indexes, forced to disk on request. */
interface DurableLog extends AutoCloseable {

    /** Appends {@code entries} as indexes {@code firstIndex, firstIndex + 1, ...}; forces them to disk if the log syncs. */
    void append(long firstIndex, List<byte[]> entries) throws IOException;

    /** Calls {@code consumer} with every intact entry after {@code afterIndex}, in order; a torn tail is cut off. */
    void replay(long afterIndex, EntryConsumer consumer) throws IOException;

    /** Entries up to {@code index} are covered by a snapshot and may be dropped. */
    void truncatePrefix(long index) throws IOException;

    long sizeBytes();

    @Override
    void close();

    @FunctionalInterface
    interface EntryConsumer {
        void accept(long index, byte[] entry);
    }
}
