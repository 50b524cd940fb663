package io.graphraft.bench.load;

/**
 * When each request of an open-loop run is meant to start: {@code start + i / rate}, fixed before
 * the run and independent of how fast the system answers. Latency is measured from these times,
 * so a stall delays the clock of every request behind it (no coordinated omission).
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond) {
    public OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
    }

    /** Intended start of request {@code i} (0-based), in System.nanoTime() terms. */
    public long intendedStart(long i) {
        return startNanos + (long) (i * 1e9 / ratePerSecond);
    }

    /** How many requests start before {@code startNanos + durationNanos}. */
    public long requestsWithin(long durationNanos) {
        return (long) Math.ceil(durationNanos * ratePerSecond / 1e9);
    }
}
