package io.graphraft.bench.jmh;

import io.graphraft.reports.runfiles.SecondaryResults;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * CPU the benchmark JVM and its child processes burned per iteration: {@code ·cpu.cores} (CPU time ÷
 * wall time, so 2.0 is both cores of this machine busy) and {@code ·cpu.perOp} (CPU time ÷ operations).
 * In {@code topology=jvm} every node and client runs inside the fork; in {@code topology=process} the
 * nodes are the fork's child JVMs, whose CPU time ({@link ProcessHandle.Info#totalCpuDuration()}, user +
 * system from {@code /proc/<pid>/stat} on Linux, in clock ticks) is added. Either way a write's CPU cost
 * includes all replicas' work, and a throughput that stops growing while cores read near the machine's
 * count is CPU-bound, not waiting on disk or network. A child that exits during an iteration (a node
 * killed by a failover shot, or by the trial's teardown, which JMH runs inside the last iteration) is
 * counted up to its end ({@link DescendantCpu}). Per operation follows JMH's own convention (as its gc profiler's
 * {@code .norm}): operations are benchmark invocations. benchmarks.jar adds it to every run, the
 * suite's and plain JMH ones.
 */
public final class ProcessCpuProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;
    private long wallAtStart;
    private DescendantCpu descendantsAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per iteration: cores busy and CPU per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        descendantsAtStart = DescendantCpu.now();
        cpuAtStart = os.getProcessCpuTime();
        wallAtStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long wall = System.nanoTime() - wallAtStart;
        long own = os.getProcessCpuTime();
        List<Result> results = new ArrayList<>();
        if (cpuAtStart < 0 || own < 0 || wall <= 0) {
            return results; // the platform does not report process CPU time
        }
        long cpu = own - cpuAtStart + DescendantCpu.now().since(descendantsAtStart);
        results.add(new ScalarResult(SecondaryResults.CPU_CORES, (double) cpu / wall, "cores", AggregationPolicy.AVG));
        long ops = result.getMetadata().getAllOps();
        if (ops > 0) {
            results.add(new ScalarResult(SecondaryResults.CPU_PER_OP, cpu / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
        }
        return results;
    }

    /**
     * CPU the processes (or threads) in {@code end} burned since {@code start}, by id: one born since counts
     * from zero, one that ended is left out.
     */
    static long cpuSince(Map<Long, Long> start, Map<Long, Long> end) {
        long sum = 0;
        for (Map.Entry<Long, Long> each : end.entrySet()) {
            sum += Math.max(0, each.getValue() - start.getOrDefault(each.getKey(), 0L));
        }
        return sum;
    }
}
