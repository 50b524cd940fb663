package io.graphraft.network;

import java.time.Duration;

/**
 * What one directed link does to the bytes crossing it: a one-way delay with jitter, a bandwidth
 * cap, and whether it is cut. Immutable; a {@link LinkLayer} swaps a link's conditions at run time.
 *
 * <p>Each chunk of bytes the proxy reads is released at {@code max(previous release, transmitted +
 * delay + u)} where {@code u} is uniform in {@code [-jitter, +jitter]} and {@code transmitted} is when
 * the link's transmitter (shared by every connection on the link) has finished sending it at the
 * capped rate. The {@code max} keeps a connection's bytes in order, so jitter never reorders them;
 * a delay below the jitter is clipped at zero.
 *
 * @param delayNanos     one-way propagation delay
 * @param jitterNanos    half-width of the uniform spread around the delay
 * @param bytesPerSecond bandwidth cap of the directed link, 0 for none
 * @param cut            whether nothing crosses the link (the sender is back-pressured, nothing is lost)
 */
public record LinkConditions(long delayNanos, long jitterNanos, long bytesPerSecond, boolean cut) {
    /** Loopback as it is: no delay, no cap, not cut. */
    public static final LinkConditions NONE = new LinkConditions(0, 0, 0, false);

    public LinkConditions {
        requireNotNegative("delay", delayNanos);
        requireNotNegative("jitter", jitterNanos);
        requireNotNegative("bandwidth (bytes per second)", bytesPerSecond);
    }

    public LinkConditions withDelay(Duration delay, Duration jitter) {
        return new LinkConditions(nanos("delay", delay), nanos("jitter", jitter), bytesPerSecond, cut);
    }

    public LinkConditions withBandwidth(long bytesPerSecond) {
        return new LinkConditions(delayNanos, jitterNanos, bytesPerSecond, cut);
    }

    public LinkConditions withCut(boolean cut) {
        return new LinkConditions(delayNanos, jitterNanos, bytesPerSecond, cut);
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    public Duration jitter() {
        return Duration.ofNanos(jitterNanos);
    }

    private static long nanos(String what, Duration duration) {
        if (duration == null) {
            throw new IllegalArgumentException(what + " must not be null (use Duration.ZERO for none)");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + duration);
        }
        return duration.toNanos();
    }

    private static void requireNotNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }
}
