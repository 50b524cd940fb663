package io.graphraft.bench.suite;

import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.Map;

/**
 * What a trial will take, before it runs: per fork, the JVM and cluster start, the graph it loads,
 * then its warm-up and measurement (timed iterations, or shots of a benchmark-specific cost). The
 * constants come from suite runs on a 2-core machine (each run's env.json lists every trial's
 * seconds); the estimate is for planning a run, not a measurement.
 */
public final class SuiteEstimate {
    /** JVM start, JMH set-up and an in-JVM cluster start. */
    static final double FORK_SECONDS = 4;
    /** A trial without a fork (forks=0, the quick suite): the cluster start alone. */
    static final double IN_JVM_SECONDS = 0.8;
    /** Each member started as its own JVM (topology=process). */
    static final double NODE_PROCESS_SECONDS = 2;
    /** Graph nodes loaded through the client per second, during set-up (1M-node trials took 11-17 s an engine, load included). */
    static final double LOADED_NODES_PER_SECOND = 200_000;
    /** A latency trial's node JVMs (topology=process) running writes until their JIT is done (46 to 58 s measured, the latency criterion adds some). */
    static final double NODE_JIT_WARMUP_SECONDS = 60;
    /** JMH's own work between iterations. */
    static final double ITERATION_OVERHEAD_SECONDS = 0.1;

    private SuiteEstimate() {
    }

    /** Seconds the combination of the step is expected to take. */
    public static double seconds(SuiteStep step, Map<String, String> combination) {
        SuiteStep.Timing timing = step.timing();
        int forks = orDefault(timing.forks(), 1);
        int warmups = orDefault(timing.warmupIterations(), 1);
        int iterations = orDefault(timing.iterations(), 1);
        double running;
        if (timing.iterationMillis() != null) {
            running = (warmups * orDefault(timing.warmupMillis(), timing.iterationMillis()) + iterations * timing.iterationMillis())
                    / 1000.0;
        } else {
            running = (warmups + iterations) * shotSeconds(step.benchmark(), combination);
        }
        running += (warmups + iterations) * ITERATION_OVERHEAD_SECONDS;
        if (forks == 0) {
            return setUpSeconds(IN_JVM_SECONDS, step.benchmark(), combination) + running;
        }
        return forks * (setUpSeconds(FORK_SECONDS, step.benchmark(), combination) + running);
    }

    private static double setUpSeconds(double start, BenchmarkId benchmark, Map<String, String> combination) {
        double seconds = start;
        if ("process".equals(combination.get(TrialParameters.TOPOLOGY))) {
            seconds += NODE_PROCESS_SECONDS * nodes(benchmark, combination);
            if (benchmark == BenchmarkId.WRITE_LATENCY && !"none".equals(combination.get(TrialParameters.NODE_WARMUP))) {
                seconds += NODE_JIT_WARMUP_SECONDS;
            }
        }
        return seconds + graphNodes(combination) / LOADED_NODES_PER_SECOND;
    }

    /** One shot of a benchmark that is measured a shot at a time (restart, election, open loop ...). */
    private static double shotSeconds(BenchmarkId benchmark, Map<String, String> combination) {
        double graph = graphNodes(combination) / LOADED_NODES_PER_SECOND;
        return switch (benchmark) {
            case TAKE_SNAPSHOT -> 1 + graph / 10;
            case RESTART -> 1 + graph / 4 + ("process".equals(combination.get(TrialParameters.TOPOLOGY)) ? 2 : 0);
            case CATCH_UP -> 2 + graph / 4;
            case COLD_START -> 1;
            case FAILOVER -> 1.5;
            case OPEN_LOOP -> 1 + Double.parseDouble(combination.getOrDefault("seconds", "5"));
            default -> 2;
        };
    }

    private static int nodes(BenchmarkId benchmark, Map<String, String> combination) {
        String nodes = combination.get(TrialParameters.NODES);
        if (nodes != null) {
            return Integer.parseInt(nodes);
        }
        return switch (benchmark) {
            case COLD_START, FAILOVER, STEADY_WRITES -> 3;
            default -> Integer.parseInt(TrialParameters.DEFAULT_NODES);
        };
    }

    private static double graphNodes(Map<String, String> combination) {
        String graphNodes = combination.get(TrialParameters.GRAPH_NODES);
        return graphNodes == null ? 0 : Double.parseDouble(graphNodes);
    }

    private static int orDefault(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
