package io.graphraft.reports.runfiles;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every benchmark a run can hold, by the id its files and results carry: {@code Class.method} of the
 * JMH benchmark (the last two parts of JMH's name), or {@code load} for the load command's steps.
 */
public enum BenchmarkId {
    APPLY("ApplyBenchmark.apply"),
    FLOOR_FSYNC("FloorBenchmark.fsync"),
    FLOOR_LOOPBACK("FloorBenchmark.loopbackRoundTrip"),
    WRITE_LATENCY("WriteLatencyBenchmark.createNode"),
    BATCHING("BatchingBenchmark.writeEntry"),
    CONCURRENT_WRITERS("ConcurrentWritersBenchmark.completedWrite"),
    TAKE_SNAPSHOT("SnapshotRecoveryBenchmark.takeSnapshot"),
    RESTART("SnapshotRecoveryBenchmark.restartToServing"),
    CATCH_UP("SnapshotRecoveryBenchmark.wipedFollowerCatchUp"),
    COLD_START("ElectionBenchmark.coldStartToLeader"),
    FAILOVER("ElectionBenchmark.leaderCrashToFirstWrite"),
    STEADY_WRITES("ElectionBenchmark.steadyWrites"),
    OPEN_LOOP("OpenLoopBenchmark.openLoop"),
    READ_LATENCY("ReadLatencyBenchmark.completedRead"),
    /** A step of the {@code load} command's rate sweep (no JMH). */
    LOAD("load");

    private final String id;

    BenchmarkId(String id) {
        this.id = id;
    }

    /** {@code Class.method}, e.g. {@code WriteLatencyBenchmark.createNode}. */
    public String id() {
        return id;
    }

    /** The method alone, e.g. {@code createNode}. */
    public String method() {
        return id.substring(id.indexOf('.') + 1);
    }

    /** True for a JMH benchmark (everything but {@link #LOAD}). */
    public boolean jmh() {
        return this != LOAD;
    }

    /** The id of a JMH benchmark from its full name ({@code package.Class.method}). */
    public static String fromJmhName(String fullName) {
        return fullName.substring(fullName.lastIndexOf('.', fullName.lastIndexOf('.') - 1) + 1);
    }

    public static Optional<BenchmarkId> of(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
