package io.graphraft.bench.load;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws keys 1..n as a {@link WorkloadMix.KeyChoice} says: uniformly, or zipfian by rank (key 1 the
 * hottest) with commons-math's rejection-inversion sampler. Deterministic for a seeded generator;
 * not thread-safe (the open-loop driver draws from its one sending thread).
 */
public final class KeyChooser {
    private final int keys;
    private final RandomGenerator random;
    private final ZipfDistribution zipf;

    public KeyChooser(WorkloadMix.KeyChoice choice, int keys, RandomGenerator random) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, was " + keys);
        }
        this.keys = keys;
        this.random = random;
        this.zipf = choice.zipfian() ? new ZipfDistribution(random, keys, choice.exponent()) : null;
    }

    /** The next key, 1..keys. */
    public long next() {
        return zipf != null ? zipf.sample() : 1 + random.nextInt(keys);
    }
}
