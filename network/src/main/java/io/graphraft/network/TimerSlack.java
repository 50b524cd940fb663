package io.graphraft.network;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux lets a sleeping thread's timers fire up to its timer slack late (50 µs by default) so that
 * wake-ups can be batched. The link layer's release timers want none (network/README.md shows what
 * the default slack does to a 0.5 ms round trip). A thread may set its own
 * slack through {@code /proc/<tid>/timerslack_ns}; where that file is missing (not Linux) or not
 * writable, the default stays and the slack read back says so.
 */
final class TimerSlack {
    private static final Logger LOG = LoggerFactory.getLogger(TimerSlack.class);
    static final long UNKNOWN = -1;

    private TimerSlack() {
    }

    /** Sets a 1 ns timer slack on every thread of {@code group}; returns the slack now in force (or {@link #UNKNOWN}). */
    static long minimize(EventLoopGroup group) {
        long slack = UNKNOWN;
        for (EventExecutor loop : group) {
            slack = loop.submit(TimerSlack::minimizeOnThisThread).syncUninterruptibly().getNow();
        }
        return slack;
    }

    private static long minimizeOnThisThread() {
        try {
            Path file = Path.of("/proc", Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString(),
                    "timerslack_ns");
            Files.writeString(file, "1");
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            LOG.info("cannot lower the link layer's timer slack ({}); delays may come a timer slack late", e.toString());
            return UNKNOWN;
        }
    }
}
