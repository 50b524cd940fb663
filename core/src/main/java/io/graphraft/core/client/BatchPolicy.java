package io.graphraft.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link BatchingGraphClient} coalesces writes into log entries.
 *
 * @param maxCommands commands in one entry at most
 * @param maxBytes    encoded bytes of the commands in one entry at most (a command larger than this
 *                    alone is sent as its own entry)
 * @param linger      how long the oldest queued command may wait for more to join it while a batch
 *                    could leave; zero is classic group commit: what is queued leaves as soon as an
 *                    in-flight slot is free
 * @param maxInFlight entries sent and not yet answered at most; commands queue behind them and leave
 *                    together as the next entry
 */
public record BatchPolicy(int maxCommands, int maxBytes, Duration linger, int maxInFlight) {

    /**
     * The {@code clientBatching=auto} policy: up to 128 commands or 256 KiB an entry, no linger (a lone
     * writer's command leaves at once, as itself), two entries in flight. One entry in flight leaves the
     * engine idle while its answer travels back and its callers are answered; a second one is appended
     * and replicated meanwhile (double buffering), which every engine's log pipelines or groups into the
     * same fsync. More in flight splits the waiting writers into smaller entries without more overlap.
     */
    public static BatchPolicy auto() {
        return new BatchPolicy(128, 256 * 1024, Duration.ZERO, 2);
    }

    public BatchPolicy {
        if (maxCommands < 1) {
            throw new IllegalArgumentException("batch policy maxCommands must be at least 1 (was " + maxCommands + ")");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("batch policy maxBytes must be at least 1 (was " + maxBytes + ")");
        }
        Objects.requireNonNull(linger, "batch policy linger must not be null");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("batch policy linger must not be negative (was " + linger + ")");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("batch policy maxInFlight must be at least 1 (was " + maxInFlight + ")");
        }
    }

    public BatchPolicy withMaxCommands(int value) {
        return new BatchPolicy(value, maxBytes, linger, maxInFlight);
    }

    public BatchPolicy withMaxBytes(int value) {
        return new BatchPolicy(maxCommands, value, linger, maxInFlight);
    }

    public BatchPolicy withLinger(Duration value) {
        return new BatchPolicy(maxCommands, maxBytes, value, maxInFlight);
    }

    public BatchPolicy withMaxInFlight(int value) {
        return new BatchPolicy(maxCommands, maxBytes, linger, value);
    }
}
