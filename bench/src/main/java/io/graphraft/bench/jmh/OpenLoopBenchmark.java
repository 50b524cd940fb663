package io.graphraft.bench.jmh;

import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.load.GraphLoader;
import io.graphraft.bench.load.MixedRequests;
import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.bench.load.WorkloadMix;
import io.graphraft.bench.run.OpenLoopFiles;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Family 6 — open-loop latency at a fixed rate: requests start on a schedule whatever the answers
 * do, so the response time (from the intended start) is free of coordinated omission; service time
 * is recorded beside it. Requests go round-robin over {@value ClientPool#MAX_CLIENTS} clients. Each shot is one {@code seconds}-long run at {@code ratePerSecond}; the
 * distributions land in {@code ...-latency=response.hgrm} and {@code ...-latency=service.hgrm} (and .hlog). For the throughput–latency
 * curve use the {@code load} command, which sweeps rates until p99 passes an SLA.
 * <p>
 * {@code workload} names a {@link WorkloadMix} preset: the default sends only CreateNode as always; a
 * mix preloads its graph (unmeasured) and its reads and writes land in files of their own
 * ({@code ...-operation=read|write-latency=...}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(1)
public class OpenLoopBenchmark {
    /** Outstanding requests beyond which a rate counts as saturated (the engine's queues would only grow). */
    static final int MAX_IN_FLIGHT = 2_000;

    @State(Scope.Benchmark)
    public static class Load extends ClusterState {
        @Param({"500"})
        public double ratePerSecond;

        @Param({"5"})
        public int seconds;

        /** A {@link WorkloadMix} preset: {@code writes} (CreateNode only), {@code a}, {@code b}, {@code c}, {@code ingest}. */
        @Param({TrialParameters.DEFAULT_WORKLOAD})
        public String workload;

        boolean measurement;
        ClientPool clients;
        WorkloadMix mix;

        @Override
        protected void prepare() {
            mix = WorkloadMix.named(workload);
            if (mix.preloads()) {
                GraphLoader.load(cluster.client(), mix.graphNodes(), mix.edgesPerNode());
            }
            clients = clientPool(ClientPool.MAX_CLIENTS);
        }

        @Override
        protected void finish() {
            clients.close();
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams iteration) {
            measurement = iteration.getType() == IterationType.MEASUREMENT;
        }
    }

    @Benchmark
    public OpenLoopDriver.Outcome openLoop(Load state) {
        OpenLoopDriver.Outcome outcome = new OpenLoopDriver(new MixedRequests(state.mix, state.clients))
                .run(state.ratePerSecond, Duration.ofSeconds(state.seconds), MAX_IN_FLIGHT, Duration.ofSeconds(1),
                        progress -> { });
        if (state.measurement) {
            OpenLoopFiles.write(state.name, outcome);
        }
        return outcome;
    }

}
