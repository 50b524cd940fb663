package io.graphraft.bench;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.util.Directories;
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

    @Option(names = "--durability", defaultValue = "fsync", description = "fsync or none (default ${DEFAULT-VALUE})")
    String durability;

    @Option(names = "--store", defaultValue = "heap", description = "heap or rocksdb (default ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--codec", defaultValue = "binary", description = "binary or json (default ${DEFAULT-VALUE})")
    String codec;

    @Option(names = "--options", defaultValue = "", description = "engine options key=value;key=value (e.g. rpc=grpc)")
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
        ClusterSpec.Builder spec;
        Path data = DataDirectories.fresh("load");
        try {
            spec = ClusterState.spec(data, nodes, durability, codec, store, options);
        } catch (IllegalArgumentException e) {
            Directories.deleteRecursively(data);
            throw e;
        }
        Path run = RunDirectory.create(runsDirectory);
        System.setProperty(RunDirectory.PROPERTY, run.toString());
        Map<String, Object> parameters = new LinkedHashMap<>(spec.build().describe());
        parameters.put("engine", engine);
        parameters.put("command", "load");
        parameters.put("slaP99Ms", slaP99Millis);
        parameters.put("secondsPerRate", seconds);
        List<Map<String, Object>> steps = new ArrayList<>();
        parameters.put("steps", steps);
        System.out.println("Probing the environment (fsync and loopback floors) ...");
        Map<String, Object> env = EnvironmentReport.collect(parameters);
        EnvironmentReport.write(run, env);

        try (Cluster cluster = Clusters.start(Engines.byName(engine), spec.build())) {
            cluster.awaitLeader(ClusterState.LEADER_TIMEOUT);
            ClientPool clients = new ClientPool(cluster, ClientPool.MAX_CLIENTS);
            OpenLoopDriver driver = new OpenLoopDriver(() -> clients.submitNext(WriteLatencyBenchmark.CREATE_NODE));
            driver.run(Math.min(startRate, 100), Duration.ofSeconds(2), maxInFlight, Duration.ofSeconds(1), p -> { });
            for (double rate : rateSteps()) {
                System.out.printf("rate %.0f ops/s for %d s%n", rate, seconds);
                OpenLoopDriver.Outcome outcome = driver.run(rate, Duration.ofSeconds(seconds), maxInFlight,
                        Duration.ofSeconds(1), LoadCommand::printProgress);
                String name = "load-engine=" + engine + "-nodes=" + nodes + "-durability=" + durability
                        + "-rate=" + Math.round(rate);
                Map<String, Object> facts = OpenLoopFiles.write(name, outcome);
                steps.add(facts);
                System.out.printf("  => achieved %.0f ops/s; response p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms;"
                                + " service p50 %.2f ms, p99 %.2f ms%s%n",
                        outcome.achievedPerSecond(), ms(facts, "responseP50Micros"), ms(facts, "responseP99Micros"),
                        ms(facts, "responseP999Micros"), ms(facts, "serviceP50Micros"), ms(facts, "serviceP99Micros"),
                        outcome.saturated() ? " (saturated)" : "");
                EnvironmentReport.write(run, env);
                if (outcome.saturated() || ms(facts, "responseP99Micros") > slaP99Millis
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

    private static double ms(Map<String, Object> facts, String key) {
        return ((Number) facts.get(key)).doubleValue() / 1000.0;
    }

    private static void printProgress(OpenLoopDriver.Progress p) {
        System.out.printf("  t=%4.1fs sent=%d done=%d failed=%d in-flight=%d p50=%.2fms p99=%.2fms%n",
                p.elapsedSeconds(), p.sent(), p.completed(), p.failed(), p.inFlight(),
                OpenLoopFiles.micros(p.intervalResponse(), 50) / 1000, OpenLoopFiles.micros(p.intervalResponse(), 99) / 1000);
    }
}
