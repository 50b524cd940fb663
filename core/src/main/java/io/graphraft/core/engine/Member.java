package io.graphraft.core.engine;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;

/**
 * One member of a cluster running in this JVM, started by {@link Engine#startMember}. What the
 * harness does to it from outside (crash, restart, pause, cut off) belongs to the topology that runs
 * it; the member only reports its state and answers for its own data.
 */
public interface Member extends AutoCloseable {

    /** The role this member reports now; {@link Role#STOPPED} once it stopped itself (fail-stop) or was closed. */
    Role role();

    /** The member's current term. */
    long term();

    /** The index of the last log entry this member's state machine applied. */
    long lastAppliedIndex();

    /** Answers from this member's own state, without consulting the leader (may be stale). */
    Result localRead(Query query);

    /** Takes a snapshot now and returns when it is on disk. */
    void takeSnapshot();

    /** Bytes of this member's log files on disk. */
    long logSizeBytes();

    /** Bytes of this member's newest snapshot on disk (0 if none). */
    long snapshotSizeBytes();

    /**
     * Stops the member as close to a crash as a JVM can do to part of itself: no leadership
     * hand-over, no final snapshot; its files stay for a restart. Its threads are gone on return.
     */
    @Override
    void close();
}
