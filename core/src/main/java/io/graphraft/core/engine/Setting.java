package io.graphraft.core.engine;

/** The optional settings of a {@link ClusterSpec}; an engine declares which it honours. */
public enum Setting {
    ELECTION_TIMEOUT("electionTimeout"),
    HEARTBEAT_INTERVAL("heartbeatInterval"),
    SNAPSHOT_THRESHOLD("snapshotThreshold"),
    TRAILING_LOGS("trailingLogs"),
    APPEND_BATCH_MAX_ENTRIES("appendBatchMaxEntries");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    /** The name used in messages, JMH parameters and env.json. */
    public String key() {
        return key;
    }
}
