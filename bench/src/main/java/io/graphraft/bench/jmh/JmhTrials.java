package io.graphraft.bench.jmh;

import io.graphraft.bench.trial.Trial;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.LinkedHashMap;
import java.util.Map;

/** A running JMH benchmark's identity as the run folder knows it: its {@link BenchmarkId}, parameters and trial. */
final class JmhTrials {
    private JmhTrials() {
    }

    static BenchmarkId benchmark(BenchmarkParams jmh) {
        String id = BenchmarkId.fromJmhName(jmh.getBenchmark());
        return BenchmarkId.of(id).orElseThrow(() -> new IllegalStateException(
                "benchmark " + id + " has no BenchmarkId: add it to the run-folder format"));
    }

    /** Every JMH parameter, and the worker threads when more than one. */
    static Map<String, String> params(BenchmarkParams jmh) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : jmh.getParamsKeys()) {
            params.put(key, jmh.getParam(key));
        }
        if (jmh.getThreads() > 1) {
            params.put(TrialParameters.THREADS, String.valueOf(jmh.getThreads()));
        }
        return params;
    }

    static TrialName name(BenchmarkParams jmh) {
        return TrialName.of(benchmark(jmh), params(jmh));
    }

    static Trial trial(BenchmarkParams jmh) {
        return Trial.of(benchmark(jmh), params(jmh));
    }
}
