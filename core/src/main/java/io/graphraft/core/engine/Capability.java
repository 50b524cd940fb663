package io.graphraft.core.engine;

/** What an engine can do; what it cannot is declared as a gap with a reason. */
public enum Capability {
    /** More than one node: election, replication, failover. */
    REPLICATION,
    /** A stopped node restarted from its own directory keeps every acknowledged write. */
    DURABLE_RESTART,
    /** A snapshot can be taken when asked. */
    SNAPSHOT_ON_DEMAND,
    /**
     * A node can be cut off from its peers and healed: the engine sends its peer traffic to the routes
     * it is given ({@link MemberConfig#route}), so the link layer can delay and cut it.
     */
    ISOLATION,
    /** Reads that reflect every write acknowledged before them ({@link ReadConsistency#LINEARIZABLE}). */
    LINEARIZABLE_READ,
    /** Leader reads under a lease, without a round to the followers ({@link ReadConsistency#LEASE}). */
    LEASE_READ,
    /** Reads served by a follower from its own state ({@link ReadConsistency#FOLLOWER}). */
    FOLLOWER_READ,
    /** A follower that lost its data catches up by receiving a snapshot once the log was compacted. */
    SNAPSHOT_INSTALL,
    /** Members can run as separate processes (topology=process): clients reach them over a network protocol. */
    PROCESS_TOPOLOGY,
    /** {@code tls=on}: peer and client traffic encrypted with TLS, with the cluster's keys ({@link ClusterTls}). */
    TLS
}
