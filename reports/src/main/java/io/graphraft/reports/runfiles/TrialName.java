package io.graphraft.reports.runfiles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A trial: a benchmark id and its parameters. Every file of a trial is named
 * {@code Class.method-key=value-key=value...} (keys sorted, then any {@link #with added} ones), e.g.
 * {@code WriteLatencyBenchmark.createNode-codec=binary-durability=fsync-engine=baseline-durable-...};
 * {@link #fileName()} writes that name and {@link #parse} reads it back. Values may contain dashes: a
 * new key starts only where a dash is followed by {@code key=}.
 */
public record TrialName(String benchmark, Map<String, String> params) {
    public TrialName {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The trial of {@code benchmark} with {@code params}, keys sorted as in its file name ({@code threads} last). */
    public static TrialName of(String benchmark, Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        String threads = sorted.remove(TrialParameters.THREADS);
        TrialName trial = new TrialName(benchmark, sorted);
        return threads != null ? trial.with(TrialParameters.THREADS, threads) : trial;
    }

    public static TrialName of(BenchmarkId benchmark, Map<String, String> params) {
        return of(benchmark.id(), params);
    }

    /** Parses a file name without its extension. */
    public static TrialName parse(String name) {
        String[] parts = name.split("-(?=[A-Za-z]+=)");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new TrialName(parts[0], params);
    }

    /** The name every file of the trial starts with; characters unsafe in file names become {@code _}. */
    public String fileName() {
        StringBuilder name = new StringBuilder(benchmark);
        params.forEach((key, value) -> name.append('-').append(key).append('=').append(value));
        return name.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
    }

    /** The same trial with one more parameter, named last (e.g. {@code ...-latency=response}). */
    public TrialName with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(params);
        more.remove(key);
        more.put(key, value);
        return new TrialName(benchmark, more);
    }

    public Optional<String> param(String key) {
        return Optional.ofNullable(params.get(key));
    }

    public String param(String key, String fallback) {
        return params.getOrDefault(key, fallback);
    }

    /** True if every given key has the given value here. */
    public boolean matches(Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
    }

    /** A short label for charts and tables from the keys that vary, e.g. {@code ratis 3n fsync}. */
    public String label(String... keys) {
        StringBuilder label = new StringBuilder();
        for (String key : keys) {
            String value = params.get(key);
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (label.length() > 0) {
                label.append(' ');
            }
            label.append(switch (key) {
                case TrialParameters.NODES -> value + "n";
                case TrialParameters.ENGINE, TrialParameters.DURABILITY, TrialParameters.STORE, TrialParameters.CODEC -> value;
                default -> key + "=" + value;
            });
        }
        return label.toString();
    }
}
