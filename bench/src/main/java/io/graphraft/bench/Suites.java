package io.graphraft.bench;

import io.graphraft.bench.SuiteStep.Timing;

import java.util.List;

/**
 * The curated suites. {@code default} answers the six questions for every available engine in
 * about 20 minutes on 2 cores; {@code quick} runs every benchmark once with tiny sizes (CI proves
 * with it that each benchmark runs and writes its files).
 */
public final class Suites {
    private Suites() {
    }

    public static List<SuiteStep> named(String profile) {
        return switch (profile) {
            case "default" -> standard();
            case "quick" -> quick();
            default -> throw new IllegalArgumentException("unknown profile '" + profile + "'; profiles: [default, quick]");
        };
    }

    static List<SuiteStep> standard() {
        // Warm-ups are long because of the JIT (see Jvm.COMPILER_THREADS): a Ratis 3-node sequential p50
        // was 2.4 ms after the 2 s this suite once used and a steady 1.3-1.4 ms after 15 s. To stay within
        // 20 minutes, snapshots are taken at the largest size only (restarts cover the size curve).
        Timing latency = Timing.timed(1, 5, 3000, 3, 2000);
        Timing throughput = Timing.timed(1, 3, 3000, 3, 2000);
        Timing shots = Timing.shots(1, 1, 2);
        return List.of(
                SuiteStep.of("ApplyBenchmark.apply", Timing.timed(1, 2, 1000, 5, 1000), "store=heap", "codec=none,binary,json"),
                SuiteStep.of("ApplyBenchmark.apply", Timing.timed(1, 2, 1000, 5, 1000), "store=rocksdb", "codec=binary"),
                SuiteStep.of("FloorBenchmark.fsync", Timing.timed(1, 1, 1000, 3, 2000)),
                SuiteStep.of("FloorBenchmark.loopbackRoundTrip", Timing.timed(1, 1, 1000, 3, 2000)),
                SuiteStep.of("WriteLatencyBenchmark.createNode", latency, "nodes=1,3", "durability=fsync,none"),
                SuiteStep.of("BatchingBenchmark.writeEntry", throughput, "nodes=3", "durability=fsync",
                        "opsPerEntry=1,10,100,1000"),
                // the replicated engines' gains are measured at 3 nodes; 1 node only for the floor
                SuiteStep.of("BatchingBenchmark.writeEntry", throughput, "engine=baseline-durable", "nodes=1",
                        "durability=fsync", "opsPerEntry=1,100"),
                SuiteStep.of("ConcurrentWritersBenchmark.completedWrite", throughput, "nodes=3", "durability=fsync",
                        "writers=1,8,64"),
                SuiteStep.of("ConcurrentWritersBenchmark.completedWrite", throughput, "engine=baseline-durable", "nodes=1",
                        "durability=fsync", "writers=1,64"),
                SuiteStep.of("SnapshotRecoveryBenchmark.takeSnapshot", shots, "nodes=1", "store=heap",
                        "graphNodes=1000000"),
                SuiteStep.of("SnapshotRecoveryBenchmark.restartToServing", shots, "nodes=1", "store=heap",
                        "graphNodes=10000,1000000"),
                SuiteStep.of("SnapshotRecoveryBenchmark.restartToServing", shots, "nodes=1", "store=rocksdb",
                        "graphNodes=100000"),
                SuiteStep.of("SnapshotRecoveryBenchmark.wipedFollowerCatchUp", shots, "nodes=3", "store=heap",
                        "graphNodes=1000000"),
                SuiteStep.of("ElectionBenchmark.coldStartToLeader", Timing.shots(1, 1, 5), "nodes=3",
                        "electionTimeoutMs=default,300"),
                SuiteStep.of("ElectionBenchmark.leaderCrashToFirstWrite", Timing.shots(1, 1, 5), "nodes=3",
                        "electionTimeoutMs=default,300"),
                SuiteStep.of("ElectionBenchmark.steadyWrites", Timing.timed(1, 1, 2000, 2, 3000), "nodes=3",
                        "electionTimeoutMs=default,300"),
                SuiteStep.of("OpenLoopBenchmark.openLoop", Timing.shots(1, 2, 1), "nodes=3",
                        "ratePerSecond=250,1000", "seconds=3"));
    }

    static List<SuiteStep> quick() {
        Timing brief = Timing.timed(0, 1, 200, 2, 300);
        Timing shot = Timing.shots(0, 0, 1);
        return List.of(
                SuiteStep.of("ApplyBenchmark.apply", Timing.timed(0, 1, 200, 1, 300), "store=heap,rocksdb", "codec=binary"),
                SuiteStep.of("FloorBenchmark.fsync", brief),
                SuiteStep.of("FloorBenchmark.loopbackRoundTrip", brief),
                SuiteStep.of("WriteLatencyBenchmark.createNode", brief, "nodes=1", "durability=fsync,none"),
                SuiteStep.of("WriteLatencyBenchmark.createNode", brief, "nodes=3", "durability=fsync"),
                SuiteStep.of("BatchingBenchmark.writeEntry", brief, "nodes=1", "durability=fsync", "opsPerEntry=1,100"),
                SuiteStep.of("ConcurrentWritersBenchmark.completedWrite", brief, "nodes=1", "durability=fsync", "writers=8"),
                SuiteStep.of("SnapshotRecoveryBenchmark.takeSnapshot", shot, "nodes=1", "durability=none", "graphNodes=2000"),
                SuiteStep.of("SnapshotRecoveryBenchmark.restartToServing", shot, "nodes=1", "graphNodes=2000"),
                SuiteStep.of("SnapshotRecoveryBenchmark.wipedFollowerCatchUp", shot, "nodes=3", "graphNodes=2000"),
                SuiteStep.of("ElectionBenchmark.coldStartToLeader", shot, "nodes=3", "electionTimeoutMs=default"),
                SuiteStep.of("ElectionBenchmark.leaderCrashToFirstWrite", shot, "nodes=3", "electionTimeoutMs=default"),
                SuiteStep.of("ElectionBenchmark.steadyWrites", Timing.timed(0, 0, 0, 1, 1000), "nodes=3",
                        "electionTimeoutMs=default"),
                SuiteStep.of("OpenLoopBenchmark.openLoop", shot, "nodes=1", "durability=fsync", "ratePerSecond=200",
                        "seconds=1"));
    }
}
