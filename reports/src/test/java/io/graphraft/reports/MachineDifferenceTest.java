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
    void eachHardwareFactThatDiffersIsNamedAndMakesAnotherMachine() {
        RunEnvironment a = env("AMD EPYC", 2, "6.18", "ext4", 137, 55);
        MachineDifference cpu = MachineDifference.between(a, env("Intel Xeon", 2, "6.18", "ext4", 137, 55));
        assertThat(cpu.differences()).containsExactly("CPU model AMD EPYC vs Intel Xeon");
        assertThat(cpu.sameMachine()).isFalse();
        assertThat(MachineDifference.between(a, env("AMD EPYC", 4, "6.1", "xfs", 137, 55)).differences())
                .containsExactly("cores 2 vs 4", "kernel 6.18 vs 6.1", "filesystem ext4 vs xfs");
    }

    /** Two runs back to back on one VM read fsync p50 79 and 103 µs: the same machine, its floor moved. */
    @Test
    void aFloorThatMovedOnTheSameHardwareIsAMovedFloorNotAnotherMachine() {
        RunEnvironment a = env("Intel Xeon", 2, "6.18", "ext4", 79, 10);
        MachineDifference fsync = MachineDifference.between(a, env("Intel Xeon", 2, "6.18", "ext4", 103, 10));
        assertThat(fsync.sameMachine()).isTrue();
        assertThat(fsync.floorMoved()).isTrue();
        assertThat(fsync.floors()).containsExactly("fsync floor p50 79 µs vs 103 µs");
        MachineDifference rtt = MachineDifference.between(a, env("Intel Xeon", 2, "6.18", "ext4", 79, 14));
        assertThat(rtt.floors()).containsExactly("loopback RTT p50 10 µs vs 14 µs");
        assertThat(MachineDifference.between(a, env("Intel Xeon", 2, "6.18", "ext4", 85, 11)).floorMoved()).isFalse();
    }

    @Test
    void whereNeitherRunNamesItsHardwareAMovedFloorIsAnotherMachine() {
        RunEnvironment a = env(null, 2, null, null, 137, 55);
        MachineDifference moved = MachineDifference.between(a, env(null, 2, null, null, 197, 55));
        assertThat(moved.sameMachine()).isFalse();
        assertThat(moved.differences()).containsExactly("fsync floor p50 137 µs vs 197 µs");
        assertThat(MachineDifference.between(a, env(null, 2, null, null, 140, 55)).sameMachine()).isTrue();
    }

    @Test
    void whatOneSideDoesNotKnowIsNotADifference() {
        RunEnvironment a = env("AMD EPYC", 2, "6.18", "ext4", 137, 55);
        assertThat(MachineDifference.between(a, RunEnvironment.unknown()).sameMachine()).isTrue();
    }
}
