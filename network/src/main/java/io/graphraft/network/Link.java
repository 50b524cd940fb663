package io.graphraft.network;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Recorder;

import java.io.ByteArrayOutputStream;
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
    /** A copy of the delivered bytes, up to {@link #recordingLimit}, while recording (tests of what crosses the wire). */
    private volatile ByteArrayOutputStream recording;
    private volatile int recordingLimit;

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

    /** {@code bytes} (not yet consumed) are handed to the destination socket {@code lateNanos} after their release time. */
    void delivered(ByteBuf bytes, long lateNanos) {
        bytesDelivered.addAndGet(bytes.readableBytes());
        releaseLateness.recordValue(Math.max(0, lateNanos));
        ByteArrayOutputStream copy = recording;
        if (copy != null) {
            synchronized (copy) {
                int room = recordingLimit - copy.size();
                if (room > 0) {
                    byte[] chunk = new byte[Math.min(room, bytes.readableBytes())];
                    bytes.getBytes(bytes.readerIndex(), chunk);
                    copy.writeBytes(chunk);
                }
            }
        }
    }

    void record(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a recording needs room for at least one byte, was " + maxBytes);
        }
        recordingLimit = maxBytes;
        recording = new ByteArrayOutputStream();
    }

    byte[] recorded() {
        ByteArrayOutputStream copy = recording;
        if (copy == null) {
            return new byte[0];
        }
        synchronized (copy) {
            return copy.toByteArray();
        }
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
