package io.graphraft.core.engine;

/** How fresh a read must be. */
public enum ReadConsistency {
    /** Served by one replica from its own state; may be stale (the seed's GetNode). */
    LOCAL,
    /** Reflects every write acknowledged before the read began (read index or a log round). */
    LINEARIZABLE
}
