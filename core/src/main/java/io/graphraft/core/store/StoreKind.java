package io.graphraft.core.store;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The store backends. */
public enum StoreKind {
    /** Encoded records in paged arrays on the heap; snapshot = those records, copied into and split from parallel blocks. */
    HEAP,
    /** RocksDB through JNI; snapshot = a RocksDB checkpoint (hard links beside a snapshot directory, streamed otherwise). */
    ROCKSDB;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Opens an empty store. {@code directory} is where a disk-backed store keeps its files (it
     * is created, and cleared of an earlier store's files); the heap store ignores it.
     */
    public GraphStore open(Path directory) {
        return switch (this) {
            case HEAP -> new HeapGraphStore();
            case ROCKSDB -> RocksDbGraphStore.openEmpty(directory);
        };
    }

    /** Parses "heap" or "rocksdb" (any case); an unknown name fails listing the known ones. */
    public static StoreKind parse(String name) {
        for (StoreKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown store '" + name + "'; known stores: "
                + Arrays.stream(values()).map(StoreKind::label).toList());
    }
}
