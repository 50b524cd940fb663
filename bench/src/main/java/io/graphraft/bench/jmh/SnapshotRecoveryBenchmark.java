package io.graphraft.bench.jmh;

import io.graphraft.bench.load.GraphLoader;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.reports.runfiles.SnapshotFacts;
import org.awaitility.Awaitility;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Family 4 — snapshot recovery, single shots over graph sizes ({@code graphNodes} nodes with two
 * edges each, loaded once per trial, unmeasured):
 * <ul>
 *   <li>{@code takeSnapshot}: the leader writes a snapshot (bytes in the .facts.json);</li>
 *   <li>{@code restartToServing} (nodes=1): a stopped node restarts from snapshot + a log tail of
 *       {@value #TAIL_ENTRIES} entries until it answers a linearizable read (after each shot, unmeasured,
 *       its counts and the tail's last update must be there);</li>
 *   <li>{@code wipedFollowerCatchUp} (nodes=3): a follower whose data was deleted restarts and
 *       catches up with the leader by snapshot install (the log behind the snapshot is compacted).</li>
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = ForkFlags.LARGE_HEAP)
public class SnapshotRecoveryBenchmark {
    static final int EDGES_PER_NODE = 2;
    static final int TAIL_ENTRIES = 1000;
    static final Duration RECOVERY_LIMIT = Duration.ofMinutes(10);

    /** A cluster holding the test graph. */
    @State(Scope.Benchmark)
    public static class LoadedGraph extends ClusterState {
        @Param({"10000"})
        public int graphNodes;

        @Override
        protected void prepare() {
            GraphLoader.load(client, graphNodes, EDGES_PER_NODE);
        }

        @Override
        protected void finish() {
            NodeHandle node = cluster.leader().orElse(cluster.nodes().get(0));
            new SnapshotFacts(graphNodes, (long) graphNodes * EDGES_PER_NODE, node.snapshotSizeBytes(), node.logSizeBytes())
                    .write(RunDirectory.current(), name);
        }

        NodeHandle leader() {
            return cluster.awaitLeader(LEADER_TIMEOUT);
        }
    }

    @State(Scope.Benchmark)
    public static class Snapshotting extends LoadedGraph {
        NodeHandle leader;

        /** One more entry per shot, so every shot writes a new snapshot rather than finding one that covers all. */
        @Setup(Level.Iteration)
        public void advanceAndFindLeader() {
            Checks.applied(client.submit(Command.UpdateNode.of(1, Map.of("shot", System.nanoTime()))).join());
            leader = leader();
        }
    }

    @State(Scope.Benchmark)
    public static class Restarting extends LoadedGraph {
        NodeHandle node;
        Result expectedCount;
        long lastTailNode;

        @Override
        protected void prepare() {
            super.prepare();
            node = cluster.nodes().get(0);
            node.takeSnapshot();
            List<CompletableFuture<Result>> tail = new ArrayList<>();
            for (int i = 0; i < TAIL_ENTRIES; i++) {
                lastTailNode = 1 + i % graphNodes;
                tail.add(client.submit(Command.UpdateNode.of(lastTailNode, Map.of("tail", (long) i))));
            }
            tail.forEach(f -> Checks.applied(f.join()));
            expectedCount = read(new Query.Count());
        }

        @Setup(Level.Iteration)
        public void crash() {
            node.stop();
        }

        /**
         * Outside the measurement: the restarted node has the snapshot (the counts) and the whole log
         * tail (the tail's last update, which the log orders after every other entry).
         */
        @TearDown(Level.Iteration)
        public void checkNothingLost() {
            Result count = read(new Query.Count());
            Result last = read(new Query.GetNode(lastTailNode));
            boolean tailReplayed = last instanceof Result.NodeFound found
                    && Long.valueOf(TAIL_ENTRIES - 1).equals(found.node().properties().get("tail"));
            if (!count.equals(expectedCount) || !tailReplayed) {
                throw new IllegalStateException("restarted node lost state: " + count + " (expected " + expectedCount
                        + "), last tail entry " + last);
            }
        }

        private Result read(Query query) {
            return Awaitility.await("a linearizable read").atMost(RECOVERY_LIMIT).ignoreExceptions()
                    .until(() -> client.read(query, ReadConsistency.LINEARIZABLE).join(), r -> !r.isError());
        }
    }

    /** Its cluster snapshots often and keeps few entries behind a snapshot (see the trial's Workload). */
    @State(Scope.Benchmark)
    public static class CatchingUp extends LoadedGraph {
        NodeHandle follower;
        long leaderIndex;

        @Setup(Level.Iteration)
        public void wipeAFollower() {
            NodeHandle leader = leader();
            follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            follower.stop();
            follower.wipe();
            Checks.applied(client.submit(Command.CreateNode.of("after-wipe", Map.of())).join());
            for (NodeHandle node : cluster.nodes()) {
                if (node.isRunning()) {
                    node.takeSnapshot();
                }
            }
            leaderIndex = leader.lastAppliedIndex();
        }
    }

    @Benchmark
    public long takeSnapshot(Snapshotting state) {
        state.leader.takeSnapshot();
        return state.leader.snapshotSizeBytes();
    }

    @Benchmark
    public Result restartToServing(Restarting state) {
        state.node.restart();
        state.cluster.awaitLeader(RECOVERY_LIMIT);
        return Awaitility.await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(1)).ignoreExceptions()
                .until(() -> state.client.read(new Query.Count(), ReadConsistency.LINEARIZABLE).join(), r -> !r.isError());
    }

    @Benchmark
    public long wipedFollowerCatchUp(CatchingUp state) {
        state.follower.restart();
        Awaitility.await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(1)).ignoreExceptions()
                .until(() -> state.follower.lastAppliedIndex() >= state.leaderIndex);
        return state.follower.lastAppliedIndex();
    }
}
