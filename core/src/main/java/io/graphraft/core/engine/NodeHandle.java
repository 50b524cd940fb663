package io.graphraft.core.engine;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;

/** One node of a cluster, for inspection and for fault injection. */
public interface NodeHandle {

    /** Stable id within the cluster, e.g. {@code n0}. */
    String id();

    /** The role this node reports now; {@link Role#STOPPED} while stopped, {@link Role#PAUSED} while paused. */
    Role role();

    /** The node's current term (0 while stopped or paused). */
    long term();

    /** Running and able to answer: neither stopped nor paused. */
    boolean isRunning();

    /** The index of the last log entry this node's state machine applied. */
    long lastAppliedIndex();

    /**
     * Answers from this node's own state, without consulting the leader (may be stale).
     *
     * @throws EngineUnavailableException if the node is stopped
     */
    Result localRead(Query query);

    /**
     * Stops the node as a crash would: no hand-over, no final snapshot; its files stay. In a process
     * topology that is SIGKILL; in one JVM it is the engine's closest in-process equivalent.
     */
    void stop();

    /** Starts a stopped node again from its own directory (in a process topology: a fresh, cold JVM). */
    void restart();

    /**
     * Freezes the running node (SIGSTOP): it keeps its sockets, files and state but does nothing until
     * {@link #resume()}d, like a long GC pause or a stalled VM.
     *
     * @throws UnsupportedOperationException where the topology cannot freeze a node, see {@link Cluster#pauseUnsupported()}
     */
    void pause();

    /** Undoes {@link #pause()} (SIGCONT). */
    void resume();

    /** Deletes a stopped node's files, so that {@link #restart()} starts it empty and it must catch up. */
    void wipe();

    /** Cuts the node off from its peers (both directions, through the link layer) while it keeps running. */
    void isolate();

    /** Undoes {@link #isolate()}. */
    void heal();

    /** Takes a snapshot now and returns when it is on disk. */
    void takeSnapshot();

    /** Bytes of this node's log files on disk. */
    long logSizeBytes();

    /** Bytes of this node's newest snapshot on disk (0 if none). */
    long snapshotSizeBytes();
}
