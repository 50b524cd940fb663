package io.graphraft.bench.cli;

import io.graphraft.cluster.Clusters;
import io.graphraft.bench.jmh.ClusterState;
import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.bench.load.WriteCommands;
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
import picocli.CommandLine.Option;

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
 */
@Command(name = "load", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"Open-loop rate sweep for one engine: response time (from each request's intended start,",
                "free of coordinated omission) and service time per rate, until p99 passes --sla-p99-ms."})
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--engine", required = true, description = "engine name (${COMPLETION-CANDIDATES} or any on the classpath)")
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

    @Option(names = "--runs-dir", defaultValue = "reports/runs", description = "where run folders are created (default ${DEFAULT-VALUE})")
    Path runsDirectory;

    @Override
    public Integer call() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(TrialParameters.ENGINE, engine);
        params.put(TrialParameters.NODES, String.valueOf(nodes));
        params.put(TrialParameters.DURABILITY, durability);
        params.put(TrialParameters.CODEC, codec);
        params.put(TrialParameters.STORE, store);
        params.put(TrialParameters.OPTIONS, options);
        Trial trial = Trial.of(BenchmarkId.LOAD, params);
        trial.requireRunnable();
        Path run = RunDirectory.create(runsDirectory);
        System.setProperty(RunDirectory.PROPERTY, run.toString());
        Map<String, Object> parameters = new LinkedHashMap<>(trial.clusterParams());
        parameters.put("command", "load");
        parameters.put("slaP99Ms", slaP99Millis);
        parameters.put("secondsPerRate", seconds);
        List<OpenLoopFacts> steps = new ArrayList<>();
        parameters.put("steps", steps);
        System.out.println("Probing the environment (fsync and loopback floors) ...");
        RunEnvironment env = EnvironmentReport.collect(parameters);
        env.write(run);

        Path data = DataDirectories.fresh("load");
        try (Cluster cluster = Clusters.start(trial.engine(), trial.spec(data).build())) {
            cluster.awaitLeader(ClusterState.LEADER_TIMEOUT);
            ClientPool clients = new ClientPool(cluster, ClientPool.MAX_CLIENTS);
            OpenLoopDriver driver = new OpenLoopDriver(() -> clients.submitNext(WriteCommands.CREATE_NODE));
            driver.run(Math.min(startRate, 100), Duration.ofSeconds(2), maxInFlight, Duration.ofSeconds(1), p -> { });
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
                env.write(run);
                if (outcome.saturated() || facts.responseP99Micros() / 1000 > slaP99Millis
                        || outcome.failed() > outcome.sent() / 100) {
                    System.out.println("  stop: p99 above the SLA of " + slaP99Millis + " ms, saturated or failing");
                    break;
                }
            }
        } finally {
            Directories.deleteRecursively(data);
        }
        System.out.println("Results: " + run);
        return 0;
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
