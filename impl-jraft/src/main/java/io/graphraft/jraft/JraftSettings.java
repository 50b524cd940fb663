package io.graphraft.jraft;

import com.alipay.sofa.jraft.option.ApplyTaskMode;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.UnsupportedSettingException;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@link ClusterSpec} → jraft {@link NodeOptions}/{@link RaftOptions} mapping. {@link JraftEngine}'s
 * javadoc states it; this class is its single implementation.
 */
final class JraftSettings {
    /** Engine option: {@code RaftOptions.applyBatch}, most tasks the leader moves from its apply queue into one log append. */
    static final String APPLY_BATCH_OPTION = "applyBatch";
    /** Engine option: {@code RaftOptions.disruptorBufferSize}, slots of each of jraft's queues (a power of 2). */
    static final String DISRUPTOR_BUFFER_OPTION = "disruptorBufferSize";
    /** Engine option: {@code RaftOptions.replicatorPipeline}, whether the leader sends appends before earlier ones are answered. */
    static final String PIPELINE_OPTION = "replicatorPipeline";

    /** jraft's defaults, for the derived values below when the spec leaves them unset. */
    static final int JRAFT_ELECTION_TIMEOUT_MS = new NodeOptions().getElectionTimeoutMs();
    static final int JRAFT_DISRUPTOR_BUFFER = new RaftOptions().getDisruptorBufferSize();
    /** How often a member checks whether {@code snapshotThreshold} entries were applied since its last snapshot. */
    static final int SNAPSHOT_CHECK_INTERVAL_SECONDS = 1;
    /** A linearizable read that got no answer from one member within this (at least) is tried on the next one. */
    static final Duration MIN_READ_ATTEMPT = Duration.ofSeconds(1);

    private final ClusterSpec spec;
    private final Integer applyBatch;
    private final int disruptorBufferSize;
    private final Boolean replicatorPipeline;

    /** @throws UnsupportedSettingException naming a setting or option whose value jraft cannot take */
    JraftSettings(ClusterSpec spec) {
        this.spec = spec;
        this.applyBatch = spec.option(APPLY_BATCH_OPTION).map(v -> positiveInt(APPLY_BATCH_OPTION, v)).orElse(null);
        this.disruptorBufferSize = spec.option(DISRUPTOR_BUFFER_OPTION)
                .map(v -> powerOfTwo(DISRUPTOR_BUFFER_OPTION, v)).orElse(JRAFT_DISRUPTOR_BUFFER);
        this.replicatorPipeline = spec.option(PIPELINE_OPTION).map(v -> bool(PIPELINE_OPTION, v)).orElse(null);
        spec.snapshotThreshold().ifPresent(n -> {
            if (n > Integer.MAX_VALUE) {
                throw new UnsupportedSettingException("engine 'jraft' takes a snapshotThreshold of at most "
                        + Integer.MAX_VALUE + " entries (NodeOptions.snapshotLogIndexMargin is an int), was " + n);
            }
        });
        spec.electionTimeout().ifPresent(t -> {
            if (t.toMillis() < 1 || t.toMillis() > Integer.MAX_VALUE / 2) {
                throw new UnsupportedSettingException("engine 'jraft' takes an electionTimeout of 1 ms to "
                        + Integer.MAX_VALUE / 2 + " ms, was " + t.toMillis() + " ms");
            }
        });
        spec.heartbeatInterval().ifPresent(h -> {
            if (h.toMillis() >= electionTimeoutMillis()) {
                throw new UnsupportedSettingException("engine 'jraft' needs a heartbeatInterval shorter than its election"
                        + " timeout (" + electionTimeoutMillis() + " ms), was " + h.toMillis() + " ms");
            }
        });
    }

    ClusterSpec spec() {
        return spec;
    }

    Duration requestTimeout() {
        return spec.requestTimeout();
    }

    int electionTimeoutMillis() {
        return spec.electionTimeout().map(t -> (int) t.toMillis()).orElse(JRAFT_ELECTION_TIMEOUT_MS);
    }

    /** Writes and linearizable reads one member admits at once: half of a disruptor ring, so none of jraft's queues overflows. */
    int requestsInFlightPerMember() {
        return disruptorBufferSize / 2;
    }

    /** How long a linearizable read waits for one member before the client asks the next. */
    Duration readAttemptTimeout() {
        Duration twoElections = Duration.ofMillis(2L * electionTimeoutMillis());
        return twoElections.compareTo(MIN_READ_ATTEMPT) < 0 ? MIN_READ_ATTEMPT : twoElections;
    }

    /** Sets everything the spec decides on {@code options} (and its RaftOptions). */
    void applyTo(NodeOptions options) {
        RaftOptions raft = options.getRaftOptions();
        boolean fsync = spec.durability() == Durability.FSYNC;
        raft.setSync(fsync);
        raft.setSyncMeta(fsync);

        int election = electionTimeoutMillis();
        options.setElectionTimeoutMs(election);
        raft.setMaxElectionDelayMs(election);
        spec.heartbeatInterval().ifPresent(h -> raft.setElectionHeartbeatFactor(
                (int) Math.max(1, election / Math.max(1, h.toMillis()))));

        Optional<Long> threshold = spec.snapshotThreshold();
        if (threshold.isPresent()) {
            long entries = threshold.get();
            options.setSnapshotIntervalSecs(entries > 0 ? SNAPSHOT_CHECK_INTERVAL_SECONDS : 0);
            options.setSnapshotLogIndexMargin((int) entries);
        }
        spec.appendBatchMaxEntries().ifPresent(raft::setMaxEntriesSize);

        options.setApplyTaskMode(ApplyTaskMode.NonBlocking);
        raft.setDisruptorBufferSize(disruptorBufferSize);
        if (applyBatch != null) {
            raft.setApplyBatch(applyBatch);
        }
        if (replicatorPipeline != null) {
            raft.setReplicatorPipeline(replicatorPipeline);
        }
    }

    private static int positiveInt(String option, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UnsupportedSettingException("engine 'jraft' option '" + option
                + "' must be a whole number of 1 or more, was '" + value + "'");
    }

    private static int powerOfTwo(String option, String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 2 || Integer.bitCount(parsed) != 1) {
            throw new UnsupportedSettingException("engine 'jraft' option '" + option
                    + "' must be a power of 2 (jraft's disruptor rings require it), was '" + value + "'");
        }
        return parsed;
    }

    private static boolean bool(String option, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UnsupportedSettingException("engine 'jraft' option '" + option
                    + "' must be true or false, was '" + value + "'");
        };
    }
}
