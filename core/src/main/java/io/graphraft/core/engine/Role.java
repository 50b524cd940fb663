package io.graphraft.core.engine;

/** A node's Raft role as its engine reports it. */
public enum Role {
    LEADER, FOLLOWER, CANDIDATE,
    /** Stopped (crashed) or not started. */
    STOPPED
}
