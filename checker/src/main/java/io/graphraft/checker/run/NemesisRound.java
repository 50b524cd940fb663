package io.graphraft.checker.run;

import java.time.Duration;
import java.util.Objects;

/**
 * One round of the nemesis: {@code fault} strikes at {@code start} after the workload began and is healed
 * {@code hold} later; the rest of the round lets the cluster recover under load.
 */
public record NemesisRound(int number, Duration start, Duration hold, Fault fault) {
    public NemesisRound {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(fault, "fault");
    }

    public Duration healAt() {
        return start.plus(hold);
    }
}
