package io.graphraft.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one proxied connection: bytes read from {@code source} are held until their
 * release time under the {@link Link}'s conditions, then written to {@code target}. Both channels of a
 * connection live on one event loop, so everything here runs on that thread (condition changes hop
 * onto it).
 *
 * <p>Back-pressure is the only flow control: reading from the source stops while the link is cut,
 * while the target cannot take more, or while too many bytes are held. The sender's socket buffers
 * then fill as they would on a dead or slow link; nothing is dropped, nothing reordered.
 */
final class LinkDirection {
    /** Held bytes; {@code bytes == null} marks the source's end of stream, delivered in order as a close. */
    private record Segment(ByteBuf bytes, long releaseAt) {
    }

    private final Link link;
    private final Channel source;
    private final Channel target;
    private final long maxHeldBytes;
    private final SplittableRandom random;
    private final ArrayDeque<Segment> held = new ArrayDeque<>();
    private long heldBytes;
    private long lastReleaseAt = Long.MIN_VALUE;
    private ScheduledFuture<?> releaseTimer;
    private boolean closed;

    LinkDirection(Link link, Channel source, Channel target, long maxHeldBytes, SplittableRandom random) {
        this.link = link;
        this.source = source;
        this.target = target;
        this.maxHeldBytes = maxHeldBytes;
        this.random = random;
    }

    void start() {
        link.attach(this);
        updateReading();
    }

    /** Called from any thread: the link was cut, healed or re-timed. */
    void conditionsChanged() {
        source.eventLoop().execute(() -> {
            releaseDue();
            updateReading();
        });
    }

    void received(ByteBuf bytes) {
        if (closed) {
            bytes.release();
            return;
        }
        hold(bytes, bytes.readableBytes());
        if (heldBytes >= maxHeldBytes) {
            updateReading(); // stops the read loop now rather than after the burst
        }
    }

    /** The source's read burst is over: send what is due, time the rest. */
    void readComplete() {
        releaseDue();
        updateReading();
    }

    void sourceEnded() {
        if (!closed) {
            hold(null, 0);
            releaseDue();
        }
    }

    void targetWritabilityChanged() {
        updateReading();
    }

    /** The target is gone: whatever is held can never be delivered. */
    void targetClosed() {
        if (closed) {
            return;
        }
        closed = true;
        link.detach(this);
        cancelTimer();
        for (Segment segment : held) {
            if (segment.bytes() != null) {
                segment.bytes().release();
            }
        }
        held.clear();
        heldBytes = 0;
        // the source is closed by the other direction's end of stream, which obeys that direction's link
    }

    private void hold(ByteBuf bytes, int size) {
        LinkConditions conditions = link.conditions();
        long now = System.nanoTime();
        long transmitted = size == 0 ? now : link.transmit(now, size, conditions.bytesPerSecond());
        long releaseAt = Math.max(lastReleaseAt, transmitted + delay(conditions));
        lastReleaseAt = releaseAt;
        held.add(new Segment(bytes, releaseAt));
        heldBytes += size;
    }

    private long delay(LinkConditions conditions) {
        long jitter = conditions.jitterNanos();
        if (jitter == 0) {
            return conditions.delayNanos();
        }
        return Math.max(0, conditions.delayNanos() + random.nextLong(-jitter, jitter + 1));
    }

    private void releaseDue() {
        if (closed) {
            return;
        }
        if (link.conditions().cut()) {
            cancelTimer(); // held until heal
            return;
        }
        long now = System.nanoTime();
        boolean written = false;
        Segment head;
        while ((head = held.peek()) != null && head.releaseAt() - now <= 0) {
            held.poll();
            if (head.bytes() == null) {
                target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                targetClosed();
                return;
            }
            int size = head.bytes().readableBytes();
            heldBytes -= size;
            link.delivered(head.bytes(), now - head.releaseAt());
            target.write(head.bytes(), target.voidPromise());
            written = true;
        }
        if (written) {
            target.flush();
        }
        armTimer(now);
    }

    /** One timer at a time, for the head: release times only grow, so the head is always the earliest. */
    private void armTimer(long now) {
        Segment head = held.peek();
        if (head == null || releaseTimer != null) {
            return;
        }
        releaseTimer = source.eventLoop().schedule(() -> {
            releaseTimer = null;
            releaseDue();
            updateReading();
        }, head.releaseAt() - now, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (releaseTimer != null) {
            releaseTimer.cancel(false);
            releaseTimer = null;
        }
    }

    private void updateReading() {
        boolean read = !closed && !link.conditions().cut() && target.isWritable() && heldBytes < maxHeldBytes;
        if (source.config().isAutoRead() != read) {
            source.config().setAutoRead(read);
        }
    }
}
