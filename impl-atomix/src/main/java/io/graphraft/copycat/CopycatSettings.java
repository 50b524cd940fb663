package io.graphraft.copycat;

import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.storage.Storage;
import io.atomix.copycat.server.storage.StorageLevel;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Setting;
import io.graphraft.core.engine.UnsupportedSettingException;

import java.io.File;
import java.time.Duration;

/** How a {@link ClusterSpec} maps onto Copycat's server and storage configuration (see {@link CopycatEngine}). */
record CopycatSettings(Duration electionTimeout, Duration heartbeatInterval, Duration sessionTimeout,
                       int maxEntriesPerSegment, boolean flushOnCommit) {

    /** Copycat's own defaults, kept when the spec says nothing. */
    static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(750);
    /**
     * A lone server's election timeout when the spec sets none. Copycat makes a lone server wait
     * out a random 1-2 election timeouts after every start before it elects itself (no other server
     * can lead or vote), which at 750 ms was most of a restart; SOFAJRaft elects a lone node at once.
     * At 150 ms the wait was still 175-300 ms of a 1M-node restart, at 50 ms it is 55-100 ms.
     */
    static final Duration LONE_SERVER_ELECTION_TIMEOUT = Duration.ofMillis(50);
    static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(250);
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(5);
    /** Copycat's default, which is also its maximum, entries per log segment. */
    static final int MAX_ENTRIES_PER_SEGMENT = 1024 * 1024;

    static CopycatSettings of(ClusterSpec spec) {
        Duration defaultElection = spec.nodes() == 1 ? LONE_SERVER_ELECTION_TIMEOUT : DEFAULT_ELECTION_TIMEOUT;
        Duration election = spec.electionTimeout().orElseGet(() -> spec.heartbeatInterval()
                .map(heartbeat -> max(defaultElection, heartbeat.multipliedBy(3)))
                .orElse(defaultElection));
        Duration heartbeat = spec.heartbeatInterval()
                .orElseGet(() -> min(DEFAULT_HEARTBEAT_INTERVAL, election.dividedBy(3)));
        // Copycat requires sessions to outlive an election; a session must survive a failover.
        Duration session = max(DEFAULT_SESSION_TIMEOUT, election.multipliedBy(4));
        return new CopycatSettings(election, heartbeat, session, entriesPerSegment(spec), spec.durability() == Durability.FSYNC);
    }

    private static int entriesPerSegment(ClusterSpec spec) {
        long threshold = spec.snapshotThreshold().orElse(0L);
        if (threshold > MAX_ENTRIES_PER_SEGMENT) {
            throw new UnsupportedSettingException("engine 'copycat' does not support " + Setting.SNAPSHOT_THRESHOLD.key()
                    + "=" + threshold + ": it maps to Copycat's entries per log segment, at most " + MAX_ENTRIES_PER_SEGMENT);
        }
        return threshold == 0 ? MAX_ENTRIES_PER_SEGMENT : (int) threshold;
    }

    Storage storage(File directory) {
        return Storage.builder()
                .withDirectory(directory)
                .withStorageLevel(StorageLevel.DISK)
                .withFlushOnCommit(flushOnCommit)
                .withMaxEntriesPerSegment(maxEntriesPerSegment)
                .build();
    }

    /** Copycat checks each timeout against the others as it is set, so the order matters. */
    CopycatServer.Builder applyTimeouts(CopycatServer.Builder builder) {
        if (heartbeatInterval.compareTo(DEFAULT_ELECTION_TIMEOUT) < 0) {
            builder.withHeartbeatInterval(heartbeatInterval).withElectionTimeout(electionTimeout);
        } else {
            builder.withElectionTimeout(electionTimeout).withHeartbeatInterval(heartbeatInterval);
        }
        return builder.withSessionTimeout(sessionTimeout);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
