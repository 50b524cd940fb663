package io.graphraft.bench.jmh;

import io.graphraft.bench.load.WriteCommands;
import io.graphraft.cluster.Topology;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.reports.runfiles.TrialParameters;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Family 1 — write latency: one writer, sequential CreateNode, each waiting for its answer (closed
 * loop). JMH samples the time; every operation also goes into the HdrHistogram .hgrm/.hlog. With
 * {@code durability=fsync} vs {@code none} this is also family 3's "what fsync costs" per engine.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class WriteLatencyBenchmark {

    /**
     * Past this many nodes the next iteration starts on an empty cluster. Only an engine that writes
     * in memory gets there (the in-memory baseline makes millions of nodes a second); without it that
     * engine's sequential latency measured the garbage collector of an ever larger heap.
     */
    static final long MAX_GRAPH_NODES = 1_000_000;

    /** Longest warm-up of node JVMs before their JIT is done ({@link WarmUntilCompiled}). */
    static final Duration NODE_JIT_DEADLINE = Duration.ofSeconds(90);

    @State(Scope.Benchmark)
    public static class BoundedGraph extends ClusterState {
        /** {@code jit}: cold node JVMs ({@code topology=process}) run writes until their JIT is done, then JMH's warm-up follows. */
        @Param({TrialParameters.DEFAULT_NODE_WARMUP})
        public String nodeWarmup;

        @Override
        protected void prepare() {
            if (trial.topology() == Topology.PROCESS && trial.warmNodesUntilCompiled()) {
                WarmUntilCompiled.Outcome warm = WarmUntilCompiled.run(
                        () -> Checks.applied(client.submit(WriteCommands.CREATE_NODE).join()), NODE_JIT_DEADLINE);
                System.out.println(warm.describe());
            }
        }

        @Setup(Level.Iteration)
        public void keepGraphBounded() {
            Result counts = client.read(new Query.Count(), ReadConsistency.LINEARIZABLE).join();
            if (counts instanceof Result.Counts c && c.nodes() > MAX_GRAPH_NODES) {
                replaceByEmptyCluster();
            }
        }
    }

    @Benchmark
    public Result createNode(BoundedGraph state) {
        long start = System.nanoTime();
        Result result = state.client.submit(WriteCommands.CREATE_NODE).join();
        state.latency.record(System.nanoTime() - start);
        return Checks.applied(result);
    }
}
