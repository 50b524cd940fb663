package io.graphraft.bench.trial;

import io.graphraft.bench.load.GraphLoader;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.reports.runfiles.BenchmarkId;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a benchmark needs from its engine and cluster beyond its parameters: capabilities, a node
 * count, and settings of its own. Declared here for every benchmark (the switch in {@link #of} must
 * name each {@link BenchmarkId}), so the suite can skip a trial with the engine's reason before
 * anything starts, and a plain JMH run fails its setup with the same reason.
 */
public record Workload(String benchmark, Set<Capability> capabilities, NodeRule nodes,
                       BiFunction<Engine, ClusterSpec.Builder, ClusterSpec.Builder> tuning) {

    /** A failover trial's requests give up soon, so a write to the crashed leader is retried elsewhere quickly. */
    static final Duration FAILOVER_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** Entries kept behind a snapshot in catch-up trials: few, so a wiped follower can only catch up by install. */
    static final long CATCH_UP_TRAILING_LOGS = 10;

    /** A rule on the node count, with the message when it is broken. */
    enum NodeRule {
        ANY, ONE, REPLICATED;

        Optional<String> violation(String benchmark, int nodes) {
            return switch (this) {
                case ANY -> Optional.empty();
                case ONE -> nodes == 1 ? Optional.empty()
                        : Optional.of(benchmark + " measures one node's recovery: run it with nodes=1 (was " + nodes + ")");
                case REPLICATED -> nodes >= 3 ? Optional.empty()
                        : Optional.of(benchmark + " needs a replicated cluster: run it with nodes=3 (was " + nodes + ")");
            };
        }
    }

    public static Workload of(BenchmarkId benchmark) {
        Workload any = new Workload(benchmark.method(), Set.of(), NodeRule.ANY, (engine, spec) -> spec);
        return switch (benchmark) {
            case APPLY, FLOOR_FSYNC, FLOOR_LOOPBACK, WRITE_LATENCY, BATCHING, CONCURRENT_WRITERS, OPEN_LOOP, LOAD -> any;
            // the level's own capability comes from the trial's consistency parameter (see unmet)
            case READ_LATENCY -> any;
            case TAKE_SNAPSHOT -> any.needing(Capability.SNAPSHOT_ON_DEMAND);
            case RESTART -> any.needing(Capability.SNAPSHOT_ON_DEMAND, Capability.DURABLE_RESTART).on(NodeRule.ONE);
            case CATCH_UP -> any.needing(Capability.REPLICATION, Capability.SNAPSHOT_INSTALL).on(NodeRule.REPLICATED)
                    .tunedBy(Workload::compactingLog);
            case COLD_START, STEADY_WRITES -> any.needing(Capability.REPLICATION);
            case FAILOVER -> any.needing(Capability.REPLICATION).on(NodeRule.REPLICATED)
                    .tunedBy((engine, spec) -> spec.requestTimeout(FAILOVER_REQUEST_TIMEOUT));
        };
    }

    /**
     * Why {@code engine} cannot run this workload on {@code nodes} nodes reading at {@code level} (if the trial
     * reads at one), or empty.
     */
    Optional<String> unmet(Engine engine, int nodes, Optional<ReadConsistency> level) {
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        needed.addAll(capabilities);
        level.flatMap(ReadConsistency::capability).ifPresent(needed::add);
        for (Capability capability : needed) {
            Optional<String> gap = engine.capabilities().gap(capability);
            if (gap.isPresent()) {
                return Optional.of("engine '" + engine.name() + "' lacks " + capability + ": " + gap.get());
            }
        }
        if (level.equals(Optional.of(ReadConsistency.FOLLOWER)) && nodes < 2) {
            return Optional.of(benchmark + " reads at FOLLOWER from a follower: run it with nodes=3 (was " + nodes + ")");
        }
        return this.nodes.violation(benchmark, nodes);
    }

    /** A snapshot every loader batch and few entries kept behind it, where the engine keeps any (else it has no trailingLogs). */
    private static ClusterSpec.Builder compactingLog(Engine engine, ClusterSpec.Builder spec) {
        ClusterSpec.Builder compacting = spec.snapshotThreshold(GraphLoader.BATCH);
        ClusterSpec.Builder trailing = compacting.build().toBuilder().trailingLogs(CATCH_UP_TRAILING_LOGS);
        return engine.unsupported(trailing.build()).isEmpty() ? trailing : compacting;
    }

    private Workload needing(Capability... needed) {
        Set<Capability> all = EnumSet.noneOf(Capability.class);
        all.addAll(capabilities);
        all.addAll(Set.of(needed));
        return new Workload(benchmark, all, nodes, tuning);
    }

    private Workload on(NodeRule rule) {
        return new Workload(benchmark, capabilities, rule, tuning);
    }

    private Workload tunedBy(BiFunction<Engine, ClusterSpec.Builder, ClusterSpec.Builder> more) {
        return new Workload(benchmark, capabilities, nodes, more);
    }
}
