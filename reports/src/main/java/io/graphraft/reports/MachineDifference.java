package io.graphraft.reports;

import io.graphraft.reports.runfiles.RunEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether two runs come from different machines, by what env.json says. The hardware facts decide:
 * CPU model, core count, kernel and the data directory's filesystem. The fsync and loopback floor
 * probes decide only where neither run names its CPU model: on one machine a probe moves by more
 * than {@link #FLOOR_TOLERANCE} from run to run (a 2-vCPU VM's fsync p50 read 79 and 103 µs in two
 * runs back to back), so a moved floor on identical hardware is reported as a moved floor, not as
 * another machine.
 *
 * @param hardware the hardware facts that differ, each named with both values
 * @param floors the floor probes further apart than the tolerance, each named with both values
 * @param hardwareKnown whether both runs name their CPU model
 */
public record MachineDifference(List<String> hardware, List<String> floors, boolean hardwareKnown) {
    /** Floor probes further apart than this share of the first have moved. */
    public static final double FLOOR_TOLERANCE = 0.20;

    public MachineDifference {
        hardware = List.copyOf(hardware);
        floors = List.copyOf(floors);
    }

    public static MachineDifference between(RunEnvironment a, RunEnvironment b) {
        List<String> hardware = new ArrayList<>();
        fact(hardware, "CPU model", a.cpu().model(), b.cpu().model());
        fact(hardware, "cores", a.cpu().count(), b.cpu().count());
        fact(hardware, "kernel", a.os().kernel(), b.os().kernel());
        fact(hardware, "filesystem", a.dataDirectory().filesystem(), b.dataDirectory().filesystem());
        List<String> floors = new ArrayList<>();
        floor(floors, "fsync floor p50", a.floor().fsyncP50Micros(), b.floor().fsyncP50Micros());
        floor(floors, "loopback RTT p50", a.floor().loopbackRttP50Micros(), b.floor().loopbackRttP50Micros());
        return new MachineDifference(hardware, floors, a.cpu().model() != null && b.cpu().model() != null);
    }

    public boolean sameMachine() {
        return hardware.isEmpty() && (hardwareKnown || floors.isEmpty());
    }

    /** True when the runs come from one machine whose floor moved between them. */
    public boolean floorMoved() {
        return sameMachine() && !floors.isEmpty();
    }

    /** Everything that differs: hardware facts first, then floors. */
    public List<String> differences() {
        List<String> all = new ArrayList<>(hardware);
        all.addAll(floors);
        return List.copyOf(all);
    }

    private static void fact(List<String> out, String name, Object a, Object b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            out.add(name + " " + a + " vs " + b);
        }
    }

    private static void floor(List<String> out, String name, Double a, Double b) {
        if (a != null && b != null && moved(a, b)) {
            out.add(String.format(Locale.ROOT, "%s %s vs %s", name, Format.micros(a), Format.micros(b)));
        }
    }

    /** True when probe {@code b} of a floor is more than {@link #FLOOR_TOLERANCE} away from probe {@code a}. */
    public static boolean moved(double a, double b) {
        return Math.abs(b - a) > FLOOR_TOLERANCE * Math.abs(a);
    }
}
