package io.graphraft.bench.jmh;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Result;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Family 2a — batching gains: one writer sends Batch commands of {@code opsPerEntry} CreateNodes,
 * one log entry each. The secondary result "ops" is graph operations per second; the report divides
 * it by the same engine's {@code opsPerEntry=1} throughput for the gain. Entry latency goes to the
 * HdrHistogram logs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class BatchingBenchmark {

    @State(Scope.Benchmark)
    public static class Entries {
        @Param({"1", "10", "100", "1000"})
        public int opsPerEntry;

        Command entry;

        @Setup(Level.Trial)
        public void build() {
            List<Command> commands = new ArrayList<>(opsPerEntry);
            for (int i = 0; i < opsPerEntry; i++) {
                commands.add(Command.CreateNode.of("Person", Map.of("name", "Alice", "i", (long) i)));
            }
            entry = opsPerEntry == 1 ? commands.get(0) : new Command.Batch(commands);
        }
    }

    @Benchmark
    public Result writeEntry(ClusterState state, Entries entries, OperationCounter counter) {
        long start = System.nanoTime();
        Result result = state.client.submit(entries.entry).join();
        state.latency.record(System.nanoTime() - start);
        counter.ops += entries.opsPerEntry;
        return Checks.applied(result);
    }
}
