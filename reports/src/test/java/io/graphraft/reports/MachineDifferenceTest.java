package io.graphraft.reports;

import io.graphraft.reports.runfiles.RunEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineDifferenceTest {
    private static RunEnvironment env(String model, int cores, String kernel, String fs, double fsync, double rtt) {
        return new RunEnvironment(null, null, null, new RunEnvironment.Os("Linux", kernel, "amd64"),
                new RunEnvironment.Cpu(cores, model), new RunEnvironment.DataDirectory("/tmp", fs, null),
                new RunEnvironment.Floor(100, 200, fsync, fsync * 3, null, 64, 2000, rtt, rtt * 3, null), null, null, null,
                null);
    }

    @Test
    void theSameFactsAndFloorsWithinTheToleranceAreOneMachine() {
        RunEnvironment a = env("AMD EPYC", 2, "6.18", "ext4", 137, 55);
        assertThat(MachineDifference.between(a, env("AMD EPYC", 2, "6.18", "ext4", 150, 50)).sameMachine()).isTrue();
    }

    @Test
    void eachFactThatDiffersIsNamed() {
        RunEnvironment a = env("AMD EPYC", 2, "6.18", "ext4", 137, 55);
        assertThat(MachineDifference.between(a, env("Intel Xeon", 2, "6.18", "ext4", 137, 55)).differences())
                .containsExactly("CPU model AMD EPYC vs Intel Xeon");
        assertThat(MachineDifference.between(a, env("AMD EPYC", 4, "6.1", "xfs", 137, 55)).differences())
                .containsExactly("cores 2 vs 4", "kernel 6.18 vs 6.1", "filesystem ext4 vs xfs");
        assertThat(MachineDifference.between(a, env("AMD EPYC", 2, "6.18", "ext4", 197, 55)).differences())
                .containsExactly("fsync floor p50 137 µs vs 197 µs");
        assertThat(MachineDifference.between(a, env("AMD EPYC", 2, "6.18", "ext4", 137, 80)).differences())
                .containsExactly("loopback RTT p50 55 µs vs 80 µs");
    }

    @Test
    void whatOneSideDoesNotKnowIsNotADifference() {
        RunEnvironment a = env("AMD EPYC", 2, "6.18", "ext4", 137, 55);
        assertThat(MachineDifference.between(a, RunEnvironment.unknown()).sameMachine()).isTrue();
    }
}
