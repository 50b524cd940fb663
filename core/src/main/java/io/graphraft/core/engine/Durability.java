package io.graphraft.core.engine;

import java.util.Arrays;
import java.util.Locale;

/** Whether a write is on stable storage before it is acknowledged. Each engine documents who fsyncs when. */
public enum Durability {
    /** fsync (FileChannel.force or the engine's equivalent) before the write is acknowledged. */
    FSYNC,
    /** Acknowledge once written to the OS page cache (or memory); a power loss may lose acknowledged writes. */
    NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "fsync" or "none" (any case); an unknown name fails listing the known ones. */
    public static Durability parse(String name) {
        for (Durability durability : values()) {
            if (durability.name().equalsIgnoreCase(name)) {
                return durability;
            }
        }
        throw new IllegalArgumentException("unknown durability '" + name + "'; known: "
                + Arrays.stream(values()).map(Durability::label).toList());
    }
}
