package io.graphraft.core.engine;

/** A node's Raft role as its engine reports it. */
public enum Role {
    LEADER, FOLLOWER, CANDIDATE,
    /** Frozen (SIGSTOP): it keeps its state but does nothing until resumed. */
    PAUSED,
    /** Stopped (crashed) or not started. */
    STOPPED
}
