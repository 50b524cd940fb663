package io.graphraft.bench.jmh;

import io.graphraft.cluster.Clusters;
import io.graphraft.bench.load.WriteCommands;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.TrialParameters;
import org.awaitility.Awaitility;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Family 5 — election and failover, with the engine's default timeouts or a tuned one
 * ({@code electionTimeoutMs}; a number also sets a heartbeat of a sixth of it, see {@link Trial}):
 * <ul>
 *   <li>{@code coldStartToLeader}: start a cluster until it has a leader (single shot);</li>
 *   <li>{@code leaderCrashToFirstWrite}: crash the leader (its shutdown runs beside the clock), then
 *       write until a write succeeds while another node leads (single shot; the crashed node rejoins
 *       between shots, unmeasured);</li>
 *   <li>{@code steadyWrites}: sequential writes whose secondary result "leaderChanges" is the number
 *       of terms that began during the measured iterations (summed over them): spurious elections,
 *       since nothing failed.</li>
 * </ul>
 */
@Fork(1)
public class ElectionBenchmark {
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** No cluster yet: each shot starts one. */
    @State(Scope.Benchmark)
    public static class ColdStart {
        /** No default: see {@link ClusterState#engine}. */
        @Param({})
        public String engine;

        @Param({"3"})
        public int nodes;

        @Param({TrialParameters.ENGINE_DEFAULT, "300"})
        public String electionTimeoutMs;

        Trial trial;
        ClusterSpec spec;
        Cluster cluster;
        Path directory;

        @Setup(Level.Trial)
        public void check(BenchmarkParams params) {
            trial = JmhTrials.trial(params);
            trial.requireRunnable();
        }

        @Setup(Level.Iteration)
        public void prepare() {
            directory = DataDirectories.fresh("election");
            spec = trial.spec(directory).build();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
            Directories.deleteRecursively(directory);
        }
    }

    /** A running cluster whose leader each shot crashes (its requests time out early: see the trial's Workload). */
    @State(Scope.Benchmark)
    public static class Failover extends ClusterState {
        @Param({TrialParameters.ENGINE_DEFAULT, "300"})
        public String electionTimeoutMs;

        NodeHandle leader;
        CompletableFuture<Void> crashing;

        @Setup(Level.Iteration)
        public void healAndFindLeader() {
            cluster.nodes().stream().filter(n -> !n.isRunning()).forEach(NodeHandle::restart);
            Awaitility.await().atMost(LIMIT).ignoreExceptions()
                    .until(() -> client.submit(WriteCommands.CREATE_NODE).join() instanceof Result.Applied);
            leader = cluster.awaitLeader(LIMIT);
        }

        /** The crashed node's shutdown may outlast the failover; it must be over before the next shot. */
        @TearDown(Level.Iteration)
        public void awaitCrashed() {
            if (crashing != null) {
                crashing.join();
                crashing = null;
            }
        }
    }

    /** Elections seen while writing: the highest term minus the term at the start of the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class LeaderChanges {
        public long leaderChanges;
        private long startTerm;
        private Cluster cluster;

        @Setup(Level.Iteration)
        public void markTerm(Steady steady) {
            cluster = steady.cluster;
            startTerm = highestTerm();
            leaderChanges = 0;
        }

        void observe() {
            leaderChanges = highestTerm() - startTerm;
        }

        private long highestTerm() {
            return cluster.nodes().stream().mapToLong(NodeHandle::term).max().orElse(0);
        }
    }

    @State(Scope.Benchmark)
    public static class Steady extends ClusterState {
        @Param({TrialParameters.ENGINE_DEFAULT, "300"})
        public String electionTimeoutMs;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public NodeHandle coldStartToLeader(ColdStart state) {
        state.cluster = Clusters.start(state.trial.engine(), state.spec);
        return state.cluster.awaitLeader(LIMIT);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public Result leaderCrashToFirstWrite(Failover state) {
        NodeHandle crashed = state.leader;
        // The clock runs from the crash, not from the end of the engine's shutdown, which can take longer.
        state.crashing = CompletableFuture.runAsync(crashed::stop);
        return Awaitility.await().atMost(LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .ignoreExceptions()
                .until(() -> {
                    Result result = state.client.submit(Command.CreateNode.of("after-crash", Map.of())).join();
                    boolean newLeader = state.cluster.leader().filter(n -> n != crashed).isPresent();
                    return result instanceof Result.Applied && newLeader ? result : null;
                }, Objects::nonNull);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1, time = 3)
    @Measurement(iterations = 3, time = 10)
    public Result steadyWrites(Steady state, LeaderChanges changes) {
        long start = System.nanoTime();
        Result result = state.client.submit(WriteCommands.CREATE_NODE).join();
        state.latency.record(System.nanoTime() - start);
        changes.observe();
        return Checks.applied(result);
    }
}
