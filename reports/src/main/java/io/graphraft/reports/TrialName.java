package io.graphraft.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The name the harness gives every file of a trial: {@code Class.method-key=value-key=value...}
 * (keys sorted), e.g. {@code WriteLatencyBenchmark.createNode-engine=baseline-durable-nodes=1}.
 * Values may contain dashes; a new key starts only where a dash is followed by {@code key=}.
 */
public record TrialName(String benchmark, Map<String, String> params) {
    public TrialName {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static TrialName parse(String name) {
        String[] parts = name.split("-(?=[A-Za-z]+=)");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new TrialName(parts[0], params);
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
                case "nodes" -> value + "n";
                case "engine", "durability", "store", "codec" -> value;
                default -> key + "=" + value;
            });
        }
        return label.toString();
    }
}
