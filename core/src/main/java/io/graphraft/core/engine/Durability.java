package io.graphraft.core.engine;

/** Whether a write is on stable storage before it is acknowledged. Each engine documents who fsyncs when. */
public enum Durability {
    /** fsync (FileChannel.force or the engine's equivalent) before the write is acknowledged. */
    FSYNC,
    /** Acknowledge once written to the OS page cache (or memory); a power loss may lose acknowledged writes. */
    NONE
}
