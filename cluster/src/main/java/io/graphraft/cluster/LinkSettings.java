package io.graphraft.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * The conditions every link of a cluster's link layer starts with.
 *
 * @param rtt            round-trip time between any two members (half of it each way)
 * @param jitter         each way, at most this much more or less than half the round trip
 * @param bytesPerSecond each directed link's bandwidth (0: uncapped)
 */
public record LinkSettings(Duration rtt, Duration jitter, long bytesPerSecond) {
    public static final LinkSettings NONE = new LinkSettings(Duration.ZERO, Duration.ZERO, 0);

    public LinkSettings {
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(jitter, "jitter");
        if (rtt.isNegative() || jitter.isNegative() || bytesPerSecond < 0) {
            throw new IllegalArgumentException("link settings must not be negative: rtt " + rtt + ", jitter " + jitter
                    + ", bytesPerSecond " + bytesPerSecond);
        }
    }

    /** Links with this round-trip time, no jitter, no cap. */
    public static LinkSettings rtt(Duration rtt) {
        return new LinkSettings(rtt, Duration.ZERO, 0);
    }
}
