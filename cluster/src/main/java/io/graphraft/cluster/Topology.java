package io.graphraft.cluster;

import java.util.Arrays;
import java.util.Locale;

/** Where the members of a cluster run. */
public enum Topology {
    /** Every member and client in this JVM: fast to start; a crash is an in-JVM stop. */
    JVM,
    /** One JVM per member, started from this JVM's classpath; a crash is SIGKILL, a restart a cold JVM. */
    PROCESS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException listing the topologies if {@code value} names none */
    public static Topology parse(String value) {
        for (Topology topology : values()) {
            if (topology.label().equals(value)) {
                return topology;
            }
        }
        throw new IllegalArgumentException("unknown topology '" + value + "'; topologies: "
                + Arrays.stream(values()).map(Topology::label).toList());
    }
}
