package io.graphraft.checker.run;

import java.util.Arrays;
import java.util.Locale;

/** The faults the nemesis injects, one per round. */
public enum FaultKind {
    /** Crash nodes (SIGKILL in a process topology), then restart them from their directories. */
    KILL,
    /** Freeze a node (SIGSTOP), then let it run again (SIGCONT). Needs a topology that can pause a node. */
    PAUSE,
    /** Split the nodes into a random minority and the majority, then heal. */
    PARTITION,
    /** Cut the leader off from every other node, then heal. */
    ISOLATE_LEADER,
    /** Cut one direction of a node's links (all outgoing or all incoming), then heal. */
    ASYMMETRIC,
    /** One node reaches two sides that do not reach each other, then heal. */
    BRIDGE;

    /** The name on the command line and in reports: {@code kill}, {@code isolate-leader}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this fault cuts links, and so needs a link layer between the nodes. */
    public boolean cutsLinks() {
        return this != KILL && this != PAUSE;
    }

    /** The fewest nodes this fault makes sense on. */
    public int minimumNodes() {
        return switch (this) {
            case KILL, PAUSE -> 1;
            case PARTITION, ISOLATE_LEADER, ASYMMETRIC -> 2;
            case BRIDGE -> 3;
        };
    }

    /** @throws IllegalArgumentException listing the fault names if {@code value} names none */
    public static FaultKind parse(String value) {
        for (FaultKind kind : values()) {
            if (kind.label().equals(value.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + value + "'; faults: "
                + Arrays.stream(values()).map(FaultKind::label).toList());
    }
}
