package io.graphraft.bench.suite;

import io.graphraft.bench.jmh.ClusterState;
import io.graphraft.reports.runfiles.BenchmarkId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark method of a suite with the parameter values to run it at (every combination) and
 * the JMH iteration settings for it. Parameters not listed keep the benchmark's defaults; a step
 * without an {@code engine} parameter that has one runs every available engine.
 */
public record SuiteStep(BenchmarkId benchmark, Map<String, List<String>> params, Timing timing) {

    /**
     * JMH iteration settings; null fields keep the benchmark's annotations. A trial {@code inWarmJvm}
     * runs without a fork of its own, in one JVM that its engine's other such trials share ({@link WarmJvm}):
     * the JIT compiles the engine's code once, not once per trial.
     */
    public record Timing(Integer forks, Integer warmupIterations, Integer warmupMillis,
                         Integer iterations, Integer iterationMillis, boolean inWarmJvm) {
        public static final Timing ANNOTATED = new Timing(null, null, null, null, null, false);

        public static Timing timed(int forks, int warmups, int warmupMillis, int iterations, int iterationMillis) {
            return new Timing(forks, warmups, warmupMillis, iterations, iterationMillis, false);
        }

        public static Timing shots(int forks, int warmups, int iterations) {
            return new Timing(forks, warmups, null, iterations, null, false);
        }

        /** Timed iterations in the engine's shared warm JVM (no fork of its own). */
        public static Timing warm(int warmups, int warmupMillis, int iterations, int iterationMillis) {
            return new Timing(0, warmups, warmupMillis, iterations, iterationMillis, true);
        }
    }

    public static SuiteStep of(BenchmarkId benchmark, Timing timing, String... keyValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String keyValue : keyValues) {
            int eq = keyValue.indexOf('=');
            params.put(keyValue.substring(0, eq), List.of(keyValue.substring(eq + 1).split(",")));
        }
        return new SuiteStep(benchmark, params, timing);
    }

    /** The fully qualified JMH benchmark, e.g. {@code io.graphraft.bench.jmh.WriteLatencyBenchmark.createNode}. */
    public String qualifiedName() {
        return ClusterState.class.getPackageName() + "." + benchmark.id();
    }
}
