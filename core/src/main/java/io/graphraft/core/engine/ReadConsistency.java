package io.graphraft.core.engine;

import java.util.Optional;

/**
 * How fresh a read must be, and who serves it. An engine that cannot serve a level declares the
 * {@link #capability() capability} it needs as a gap with its reason.
 */
public enum ReadConsistency {
    /** Served by the leader (the member the client takes for it) from its own state: may be stale after a leader change. */
    LOCAL,
    /** Served by a follower from its own state: may lag the leader, never shows a write that was not committed. */
    FOLLOWER,
    /**
     * Served by the leader while its lease holds (no round to the followers): linearizable as long as clocks
     * drift less than the lease allows; a leader whose lease expired refuses or redirects the read.
     */
    LEASE,
    /** Reflects every write acknowledged before the read began (read index or a log round). */
    LINEARIZABLE;

    /** The capability an engine needs to serve this level, if not every engine can. */
    public Optional<Capability> capability() {
        return switch (this) {
            case LOCAL -> Optional.empty();
            case FOLLOWER -> Optional.of(Capability.FOLLOWER_READ);
            case LEASE -> Optional.of(Capability.LEASE_READ);
            case LINEARIZABLE -> Optional.of(Capability.LINEARIZABLE_READ);
        };
    }
}
