package io.graphraft.network;

import org.HdrHistogram.Recorder;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One directed link {@code from -> to}: its current conditions, the transmitter clock its bandwidth
 * cap is shared through, and the connection directions currently carrying its bytes (whether
 * {@code from} or {@code to} opened the connection), which are told when the conditions change.
 */
final class Link {
    private final int from;
    private final int to;
    private volatile LinkConditions conditions = LinkConditions.NONE;
    /** When the transmitter is free again (System.nanoTime), for the bandwidth cap. */
    private final AtomicLong transmitterFreeAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong bytesDelivered = new AtomicLong();
    private final Set<LinkDirection> directions = ConcurrentHashMap.newKeySet();
    private final Recorder releaseLateness;

    Link(int from, int to, Recorder releaseLateness) {
        this.from = from;
        this.to = to;
        this.releaseLateness = releaseLateness;
    }

    LinkConditions conditions() {
        return conditions;
    }

    void setConditions(LinkConditions next) {
        conditions = next;
        for (LinkDirection direction : directions) {
            direction.conditionsChanged();
        }
    }

    /**
     * Puts {@code bytes} on the transmitter at {@code now} and returns when their last byte has been
     * sent at the capped rate: after everything queued before them on this link, by any connection.
     */
    long transmit(long now, int bytes, long bytesPerSecond) {
        if (bytesPerSecond == 0) {
            return now;
        }
        long duration = (long) (bytes * 1e9 / bytesPerSecond);
        while (true) {
            long freeAt = transmitterFreeAt.get();
            long start = Math.max(freeAt, now);
            if (transmitterFreeAt.compareAndSet(freeAt, start + duration)) {
                return start + duration;
            }
        }
    }

    /** {@code bytes} were handed to the destination socket {@code lateNanos} after their release time. */
    void delivered(int bytes, long lateNanos) {
        bytesDelivered.addAndGet(bytes);
        releaseLateness.recordValue(Math.max(0, lateNanos));
    }

    long bytesDelivered() {
        return bytesDelivered.get();
    }

    void attach(LinkDirection direction) {
        directions.add(direction);
    }

    void detach(LinkDirection direction) {
        directions.remove(direction);
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    @Override
    public String toString() {
        return "link " + from + "->" + to + " " + conditions;
    }
}
