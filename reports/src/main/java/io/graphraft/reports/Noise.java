package io.graphraft.reports;

/**
 * When a printed figure is too uncertain to read plain (issue 14's bounds): a throughput whose JMH 99.9%
 * error exceeds {@link JmhResult#NOISY_ERROR_SHARE} of its score, or a latency percentile whose range
 * over the measured iterations exceeds {@link #LATENCY_RANGE_SHARE} of its value. Such figures carry
 * {@link #MARK} beside the number.
 */
public final class Noise {
    public static final String MARK = "(noisy)";
    public static final double LATENCY_RANGE_SHARE = 0.10;

    private Noise() {
    }

    /** True when the iteration range {@code [low, high]} is wider than {@link #LATENCY_RANGE_SHARE} of {@code value}. */
    public static boolean latencyNoisy(double[] range, double value) {
        return value > 0 && range[1] - range[0] > LATENCY_RANGE_SHARE * value;
    }

    /** The percentile's range over iterations ({@link Format#microsRange}), marked when noisy. */
    public static String latencyRange(LatencyDistribution latency, double percentile) {
        double[] range = latency.percentileRangeMicros(percentile);
        return Format.microsRange(range) + (latencyNoisy(range, latency.percentileMicros(percentile)) ? " " + MARK : "");
    }
}
