package io.graphraft.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.SpreadSummary;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark × parameter set from JMH's JSON: the primary score with its error, and secondary results;
 * for a sample-time benchmark also JMH's per-iteration histograms as percentiles ({@link #sampleSpread}).
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, Metric primary,
                        Map<String, Metric> secondary, int forks, Optional<SpreadSummary.TrialSpread> sampleSpread) {
    /** A figure is "noisy" when JMH's 99.9% error exceeds this share of the score (issue 14's bound). */
    public static final double NOISY_ERROR_SHARE = 0.20;

    /**
     * A score with JMH's error (half-width of the 99.9% interval), the per-iteration minimum and maximum,
     * and the per-iteration values of each fork.
     */
    public record Metric(double score, double error, String unit, double min, double max, List<List<Double>> forks) {
        /** {@code 1234 ± 56}, with {@code (noisy)} after it when the error exceeds {@link #NOISY_ERROR_SHARE} of the score. */
        public String withError(String format) {
            if (Double.isNaN(error) || error == 0) {
                return String.format(Locale.ROOT, format, score);
            }
            return String.format(Locale.ROOT, format + " ± " + format, score, error) + (noisy() ? " " + Noise.MARK : "");
        }

        /** True when JMH's 99.9% error is larger than {@link #NOISY_ERROR_SHARE} of the score. */
        public boolean noisy() {
            return !Double.isNaN(error) && Math.abs(error) > NOISY_ERROR_SHARE * Math.abs(score);
        }

        /** True when more is better (a rate), false for times. */
        public boolean higherIsBetter() {
            return unit.contains("/s") || unit.contains("/ms") || unit.contains("/us") || unit.contains("/min");
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
        JsonNode primary = node.path("primaryMetric");
        return new JmhResult(benchmark, node.path("mode").asText(), params, metric(primary),
                secondary, node.path("forks").asInt(), sampleSpread(primary));
    }

    private static Metric metric(JsonNode node) {
        List<List<Double>> forks = new ArrayList<>();
        node.path("rawData").forEach(fork -> {
            List<Double> iterations = new ArrayList<>();
            fork.forEach(value -> iterations.add(value.asDouble()));
            forks.add(iterations);
        });
        double min = forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Metric(node.path("score").asDouble(), node.path("scoreError").asDouble(Double.NaN),
                node.path("scoreUnit").asText(), min, max, forks);
    }

    /**
     * JMH's sample-time histograms ({@code rawDataHistogram}: per fork, per iteration, [value, count] pairs
     * in the score unit) as percentiles in µs per iteration.
     */
    private static Optional<SpreadSummary.TrialSpread> sampleSpread(JsonNode primary) {
        JsonNode histograms = primary.path("rawDataHistogram");
        double toMicros = switch (primary.path("scoreUnit").asText()) {
            case "s/op" -> 1_000_000;
            case "ms/op" -> 1000;
            case "us/op" -> 1;
            case "ns/op" -> 0.001;
            default -> Double.NaN;
        };
        if (!histograms.isArray() || histograms.isEmpty() || Double.isNaN(toMicros)) {
            return Optional.empty();
        }
        List<List<SpreadSummary.Iteration>> forks = new ArrayList<>();
        for (JsonNode fork : histograms) {
            List<SpreadSummary.Iteration> iterations = new ArrayList<>();
            for (JsonNode iteration : fork) {
                List<double[]> bins = new ArrayList<>();
                iteration.forEach(bin -> bins.add(new double[] {bin.path(0).asDouble(), bin.path(1).asDouble()}));
                bins.sort((x, y) -> Double.compare(x[0], y[0]));
                long count = Math.round(bins.stream().mapToDouble(b -> b[1]).sum());
                Map<String, Double> micros = new LinkedHashMap<>();
                for (double p : SpreadSummary.PERCENTILES) {
                    micros.put(SpreadSummary.key(p), valueAt(bins, count, p) * toMicros);
                }
                iterations.add(new SpreadSummary.Iteration(count, micros));
            }
            forks.add(iterations);
        }
        return Optional.of(new SpreadSummary.TrialSpread(SpreadSummary.FROM_JMH_SAMPLES, forks));
    }

    /** The smallest value with at least {@code percentile} % of the samples at or below it. */
    private static double valueAt(List<double[]> sortedBins, long count, double percentile) {
        double wanted = Math.max(1, Math.ceil(count * percentile / 100.0));
        double seen = 0;
        for (double[] bin : sortedBins) {
            seen += bin[1];
            if (seen >= wanted) {
                return bin[0];
            }
        }
        return sortedBins.isEmpty() ? Double.NaN : sortedBins.get(sortedBins.size() - 1)[0];
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
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(TrialParameters.valueIn(params, e.getKey())));
    }
}
