package io.graphraft.reports;

import io.graphraft.reports.runfiles.RunEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether two runs come from different machines, by what env.json says: CPU model, core count, kernel,
 * the data directory's filesystem, and the fsync and loopback floor probes (more than
 * {@link #FLOOR_TOLERANCE} apart is a different machine, or the same one changed under the run).
 */
public record MachineDifference(List<String> differences) {
    /** Floor probes further apart than this share of the first are a different machine. */
    public static final double FLOOR_TOLERANCE = 0.20;

    public static MachineDifference between(RunEnvironment a, RunEnvironment b) {
        List<String> differences = new ArrayList<>();
        fact(differences, "CPU model", a.cpu().model(), b.cpu().model());
        fact(differences, "cores", a.cpu().count(), b.cpu().count());
        fact(differences, "kernel", a.os().kernel(), b.os().kernel());
        fact(differences, "filesystem", a.dataDirectory().filesystem(), b.dataDirectory().filesystem());
        floor(differences, "fsync floor p50", a.floor().fsyncP50Micros(), b.floor().fsyncP50Micros());
        floor(differences, "loopback RTT p50", a.floor().loopbackRttP50Micros(), b.floor().loopbackRttP50Micros());
        return new MachineDifference(List.copyOf(differences));
    }

    public boolean sameMachine() {
        return differences.isEmpty();
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
