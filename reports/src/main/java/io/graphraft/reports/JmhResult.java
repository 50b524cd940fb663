package io.graphraft.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.graphraft.reports.runfiles.BenchmarkId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One benchmark × parameter set from JMH's JSON: the primary score with its error, and secondary results. */
public record JmhResult(String benchmark, String mode, Map<String, String> params, Metric primary,
                        Map<String, Metric> secondary, int forks) {

    /** A score with JMH's error (half-width of the 99.9% interval) and the per-iteration minimum and maximum. */
    public record Metric(double score, double error, String unit, double min, double max) {
        public String withError(String format) {
            if (Double.isNaN(error) || error == 0) {
                return String.format(Locale.ROOT, format, score);
            }
            return String.format(Locale.ROOT, format + " ± " + format, score, error);
        }
    }

    static JmhResult from(JsonNode node) {
        String benchmark = BenchmarkId.fromJmhName(node.path("benchmark").asText());
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            secondary.put(e.getKey(), metric(e.getValue()));
        }
        return new JmhResult(benchmark, node.path("mode").asText(), params, metric(node.path("primaryMetric")),
                secondary, node.path("forks").asInt());
    }

    private static Metric metric(JsonNode node) {
        List<Double> raw = new ArrayList<>();
        node.path("rawData").forEach(fork -> fork.forEach(value -> raw.add(value.asDouble())));
        double min = raw.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = raw.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Metric(node.path("score").asDouble(), node.path("scoreError").asDouble(Double.NaN),
                node.path("scoreUnit").asText(), min, max);
    }

    /** True for a result of {@code benchmark}. */
    public boolean is(BenchmarkId benchmark) {
        return benchmark.id().equals(this.benchmark);
    }

    public Optional<Metric> secondary(String name) {
        return Optional.ofNullable(secondary.get(name));
    }

    public String param(String key, String fallback) {
        return params.getOrDefault(key, fallback);
    }

    public boolean matches(Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
    }
}
