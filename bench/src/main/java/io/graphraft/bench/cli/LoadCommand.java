package io.graphraft.bench.cli;

import io.graphraft.bench.jmh.ClusterState;
import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.load.GraphLoader;
import io.graphraft.bench.load.MixedRequests;
import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.bench.load.WorkloadMix;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.bench.run.EnvironmentReport;
import io.graphraft.bench.run.OpenLoopFiles;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.TrialParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code load}: the throughput–latency curve of one engine. Open-loop runs at rising rates, a line
 * per second while each runs, until p99 response time passes the SLA (or the engine cannot keep up).
 * With {@code --workload} a {@link WorkloadMix} preset is sent instead of CreateNode alone: its graph is
 * preloaded, and a rate is within the SLA only if the p99 of its reads and the p99 of its writes both are.
 */
@Command(name = "load", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"Open-loop rate sweep for one engine: response time (from each request's intended start,",
                "free of coordinated omission) and service time per rate, until p99 passes --sla-p99-ms."})
public final class LoadCommand implements Callable<Integer> {
    /**
     * The warm-up's rate: enough requests for the JIT to compile the engine's paths in seconds (a Ratis
     * cluster's first tens of seconds are slower than its steady state).
     */
    static final int WARMUP_RATE = 1000;

    @Option(names = "--engine", required = true, converter = EngineName.class,
            completionCandidates = EngineName.Known.class, description = "engine name: ${COMPLETION-CANDIDATES}")
    String engine;

    @Option(names = "--nodes", defaultValue = "3", description = "cluster size (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--durability", defaultValue = TrialParameters.DEFAULT_DURABILITY, description = "fsync or none (default ${DEFAULT-VALUE})")
    String durability;

    @Option(names = "--store", defaultValue = TrialParameters.DEFAULT_STORE, description = "heap or rocksdb (default ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--codec", defaultValue = TrialParameters.DEFAULT_CODEC, description = "binary or json (default ${DEFAULT-VALUE})")
    String codec;

    @Option(names = "--options", defaultValue = TrialParameters.DEFAULT_OPTIONS, description = "engine options key=value;key=value (e.g. rpc=grpc)")
    String options;

    @Option(names = "--topology", defaultValue = TrialParameters.DEFAULT_TOPOLOGY, description = "jvm or process (default ${DEFAULT-VALUE})")
    String topology;

    @Option(names = "--rtt-ms", defaultValue = TrialParameters.DEFAULT_RTT_MS, description = "round trip between members through the link layer, ms; none: direct (default ${DEFAULT-VALUE})")
    String rttMs;

    @Option(names = "--client-batching", defaultValue = TrialParameters.DEFAULT_CLIENT_BATCHING, description = "off or auto (default ${DEFAULT-VALUE})")
    String clientBatching;

    @Option(names = "--workload", defaultValue = TrialParameters.DEFAULT_WORKLOAD, description = "workload mix preset:"
            + " writes (CreateNode only), a (50/50 update/read), b (95/5 read/update), c (read-only), ingest (create-heavy),"
            + " or a .json file of a mix (default ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--rates", split = ",", description = "explicit rates in ops/s, e.g. 250,500,1000")
    List<Double> rates;

    @Option(names = "--start-rate", defaultValue = "250", description = "first rate when --rates is not given (default ${DEFAULT-VALUE})")
    double startRate;

    @Option(names = "--factor", defaultValue = "2", description = "rate multiplier between steps (default ${DEFAULT-VALUE})")
    double factor;

    @Option(names = "--max-rate", defaultValue = "200000", description = "highest rate tried (default ${DEFAULT-VALUE})")
    double maxRate;

    @Option(names = "--seconds", defaultValue = "5", description = "seconds per rate (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--sla-p99-ms", defaultValue = "50", description = "stop once p99 response time exceeds this (default ${DEFAULT-VALUE})")
    double slaP99Millis;

    @Option(names = "--max-in-flight", defaultValue = "2000", description = "outstanding requests beyond which a rate counts as saturated (default ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--warmup-seconds", defaultValue = "20",
            description = "seconds of load at " + WARMUP_RATE + " ops/s before the sweep, not recorded: the JIT"
                    + " compiles the engine first (default ${DEFAULT-VALUE}; 0 for none)")
    int warmupSeconds;

    @Option(names = "--runs-dir", defaultValue = "reports/runs", description = "where run folders are created (default ${DEFAULT-VALUE})")
    Path runsDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkRates();
        Trial trial = runnableTrial();
        Path run = RunDirectory.create(runsDirectory);
        List<OpenLoopFacts> steps = new ArrayList<>();
        try {
            sweep(trial, run, steps);
        } catch (RuntimeException e) {
            if (steps.isEmpty()) {
                Directories.deleteRecursively(run); // it failed before measuring anything
            }
            throw e;
        }
        System.out.println("Results: " + run);
        return 0;
    }

    /** The numbers of the sweep, checked before anything is probed or started. */
    private void checkRates() {
        if (rates != null) {
            for (double rate : rates) {
                require(rate > 0 && Double.isFinite(rate), "--rates must be positive rates in ops/s, was " + rate);
            }
        }
        require(startRate > 0 && Double.isFinite(startRate), "--start-rate must be a positive rate in ops/s, was " + startRate);
        require(factor > 1 && Double.isFinite(factor), "--factor must be above 1 for the rate to rise, was " + factor);
        require(maxRate >= startRate && Double.isFinite(maxRate),
                "--max-rate must be at least --start-rate (" + startRate + "), was " + maxRate);
        require(seconds >= 1, "--seconds must be at least 1, was " + seconds);
        require(slaP99Millis > 0 && Double.isFinite(slaP99Millis), "--sla-p99-ms must be a positive time, was " + slaP99Millis);
        require(maxInFlight >= 1, "--max-in-flight must be at least 1, was " + maxInFlight);
        require(warmupSeconds >= 0, "--warmup-seconds must be 0 or more, was " + warmupSeconds);
        try {
            WorkloadMix.named(workload);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--workload: " + e.getMessage(), e);
        }
    }

    private void require(boolean valid, String message) {
        if (!valid) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** The trial of these options: a value the trial model refuses, or a setting the engine cannot run, is a usage error. */
    private Trial runnableTrial() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(TrialParameters.ENGINE, engine);
        params.put(TrialParameters.NODES, String.valueOf(nodes));
        params.put(TrialParameters.DURABILITY, durability);
        params.put(TrialParameters.CODEC, codec);
        params.put(TrialParameters.STORE, store);
        params.put(TrialParameters.OPTIONS, options);
        params.put(TrialParameters.TOPOLOGY, topology);
        params.put(TrialParameters.RTT_MS, rttMs);
        params.put(TrialParameters.CLIENT_BATCHING, clientBatching);
        params.put(TrialParameters.WORKLOAD, workload);
        try {
            Trial trial = Trial.of(BenchmarkId.LOAD, params);
            trial.requireRunnable();
            return trial;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void sweep(Trial trial, Path run, List<OpenLoopFacts> steps) {
        System.setProperty(RunDirectory.PROPERTY, run.toString());
        Map<String, Object> parameters = new LinkedHashMap<>(trial.clusterParams());
        parameters.put("command", "load");
        parameters.put("slaP99Ms", slaP99Millis);
        parameters.put("secondsPerRate", seconds);
        parameters.put(TrialParameters.WORKLOAD, workload);
        parameters.put("steps", steps);
        System.out.println("Probing the environment (fsync and loopback floors) ...");
        RunEnvironment env = EnvironmentReport.collect(parameters);
        env.write(run);

        Path data = DataDirectories.fresh("load");
        try (Cluster cluster = trial.startCluster(data);
             ClientPool clients = new ClientPool(cluster, ClientPool.MAX_CLIENTS, trial.clientBatching())) {
            cluster.awaitLeader(ClusterState.LEADER_TIMEOUT);
            WorkloadMix mix = WorkloadMix.named(workload);
            if (mix.preloads()) {
                System.out.printf("Preloading %d nodes, %d edges each ...%n", mix.graphNodes(), mix.edgesPerNode());
                ClusterState.awaitServing(cluster);
                long started = System.nanoTime();
                GraphLoader.load(cluster.client(), mix.graphNodes(), mix.edgesPerNode());
                System.out.printf("  preloaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
            OpenLoopDriver driver = new OpenLoopDriver(new MixedRequests(mix, clients));
            OpenLoopFacts best = null;
            if (warmupSeconds > 0) {
                System.out.printf("Warming up: %d s at %d ops/s (not recorded) ...%n", warmupSeconds, WARMUP_RATE);
                driver.run(WARMUP_RATE, Duration.ofSeconds(warmupSeconds), maxInFlight, Duration.ofSeconds(1), p -> { });
            }
            for (double rate : rateSteps()) {
                System.out.printf("rate %.0f ops/s for %d s%n", rate, seconds);
                OpenLoopDriver.Outcome outcome = driver.run(rate, Duration.ofSeconds(seconds), maxInFlight,
                        Duration.ofSeconds(1), LoadCommand::printProgress);
                OpenLoopFacts facts = OpenLoopFiles.write(trial.name().with(TrialParameters.RATE,
                        String.valueOf(Math.round(rate))), outcome);
                steps.add(facts);
                System.out.printf("  => achieved %.0f ops/s; response p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms;"
                                + " service p50 %.2f ms, p99 %.2f ms%s%n",
                        outcome.achievedPerSecond(), facts.responseP50Micros() / 1000, facts.responseP99Micros() / 1000,
                        facts.responseP999Micros() / 1000, facts.serviceP50Micros() / 1000, facts.serviceP99Micros() / 1000,
                        outcome.saturated() ? " (saturated)" : "");
                outcome.byKind().forEach((kind, of) -> System.out.printf("     %s: achieved %.0f ops/s, response p99 %.2f ms%n",
                        OpenLoopFiles.operation(kind) + "s", outcome.achievedPerSecond(kind),
                        OpenLoopFiles.micros(of.response(), 99) / 1000));
                env.write(run);
                if (outcome.saturated() || !withinSla(outcome) || outcome.failed() > outcome.sent() / 100) {
                    System.out.println("  stop: p99 " + (outcome.byKind().size() > 1 ? "of reads or writes " : "")
                            + "above the SLA of " + slaP99Millis + " ms, saturated or failing");
                    break;
                }
                best = facts;
            }
            System.out.println(best == null ? "No rate within the SLA of " + slaP99Millis + " ms"
                    : String.format("Highest rate within the SLA of %s ms: %.0f ops/s (achieved %d ops/s)", slaP99Millis,
                    best.targetPerSecond(), best.achievedPerSecond()));
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** True if the p99 response time of every kind of request the run sent (reads, writes) is within the SLA. */
    boolean withinSla(OpenLoopDriver.Outcome outcome) {
        return outcome.byKind().values().stream()
                .allMatch(kind -> OpenLoopFiles.micros(kind.response(), 99) / 1000 <= slaP99Millis);
    }

    private List<Double> rateSteps() {
        if (rates != null && !rates.isEmpty()) {
            return rates;
        }
        List<Double> steps = new ArrayList<>();
        for (double rate = startRate; rate <= maxRate; rate *= factor) {
            steps.add(rate);
        }
        return steps;
    }

    private static void printProgress(OpenLoopDriver.Progress p) {
        System.out.printf("  t=%4.1fs sent=%d done=%d failed=%d in-flight=%d p50=%.2fms p99=%.2fms%n",
                p.elapsedSeconds(), p.sent(), p.completed(), p.failed(), p.inFlight(),
                OpenLoopFiles.micros(p.intervalResponse(), 50) / 1000, OpenLoopFiles.micros(p.intervalResponse(), 99) / 1000);
    }
}
