package io.graphraft.bench.suite;

import io.graphraft.bench.suite.SuiteStep.Timing;
import io.graphraft.reports.runfiles.BenchmarkId;

import java.util.ArrayList;
import java.util.List;

/**
 * The curated suites. {@code default} answers the six questions for every available engine in
 * about 20 minutes on 2 cores, then runs {@link #processTopology() nodes as processes}, the
 * {@link #acrossZones() across-zones} part and {@link #clientBatching() client batching} (about 10
 * minutes more); {@code quick} runs every benchmark once with tiny sizes, one process-topology and one
 * link-layer trial included (CI proves with it that each benchmark runs and writes its files).
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

    /** The round trips of the across-zones part: the link layer alone, neighbouring zones, distant zones. */
    public static final List<String> ZONE_RTTS_MS = List.of("0", "2", "10");

    static List<SuiteStep> standard() {
        List<SuiteStep> steps = new ArrayList<>(inOneJvm());
        steps.addAll(processTopology());
        steps.addAll(acrossZones());
        steps.addAll(clientBatching());
        return List.copyOf(steps);
    }

    /**
     * Nodes as processes, for the replicated engines that can (the others skip with their reason): 3-node
     * fsync write latency beside the jvm figure, failover after a SIGKILL, and a cold JVM restarting
     * from a 1M-node snapshot. Shorter than their jvm counterparts (fewer warm-ups and shots) to fit.
     */
    static List<SuiteStep> processTopology() {
        return List.of(
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, Timing.timed(1, 3, 2000, 3, 2000), "nodes=3",
                        "durability=fsync", "topology=process"),
                SuiteStep.of(BenchmarkId.FAILOVER, Timing.shots(1, 1, 3), "nodes=3", "electionTimeoutMs=default",
                        "topology=process"),
                SuiteStep.of(BenchmarkId.RESTART, Timing.shots(1, 1, 2), "nodes=1", "store=heap",
                        "graphNodes=1000000", "topology=process"));
    }

    /**
     * Across zones: 3-node fsync sequential latency and 64-writer throughput with {@link #ZONE_RTTS_MS}
     * between the members, every trial through the link layer (rttMs=0 measures the layer itself).
     */
    static List<SuiteStep> acrossZones() {
        Timing brief = Timing.timed(1, 2, 1000, 2, 1500);
        String rtts = "rttMs=" + String.join(",", ZONE_RTTS_MS);
        return List.of(
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=3", "durability=fsync", rtts),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, brief, "nodes=3", "durability=fsync", "writers=64", rtts));
    }

    /** Writers sharing one auto-batching client, beside the plain writers of the main suite (writers=1 and 64). */
    static List<SuiteStep> clientBatching() {
        return List.of(SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, Timing.timed(1, 2, 1500, 2, 2000), "nodes=3",
                "durability=fsync", "writers=1,64", "clientBatching=auto"));
    }

    private static List<SuiteStep> inOneJvm() {
        // Warm-ups are long because of the JIT (see ForkFlags.COMPILER_THREADS): a Ratis 3-node sequential p50
        // was still well above its steady value after the 2 s of warm-up this suite once used. To stay within
        // 20 minutes, snapshots are taken at the largest size only (restarts cover the size curve).
        Timing latency = Timing.timed(1, 5, 3000, 3, 2000);
        Timing throughput = Timing.timed(1, 3, 3000, 3, 2000);
        Timing shots = Timing.shots(1, 1, 2);
        return List.of(
                SuiteStep.of(BenchmarkId.APPLY, Timing.timed(1, 2, 1000, 5, 1000), "store=heap", "codec=none,binary,json"),
                SuiteStep.of(BenchmarkId.APPLY, Timing.timed(1, 2, 1000, 5, 1000), "store=rocksdb", "codec=binary"),
                SuiteStep.of(BenchmarkId.FLOOR_FSYNC, Timing.timed(1, 1, 1000, 3, 2000)),
                SuiteStep.of(BenchmarkId.FLOOR_LOOPBACK, Timing.timed(1, 1, 1000, 3, 2000)),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, latency, "nodes=1,3", "durability=fsync,none"),
                SuiteStep.of(BenchmarkId.BATCHING, throughput, "nodes=3", "durability=fsync",
                        "opsPerEntry=1,10,100,1000"),
                // the replicated engines' gains are measured at 3 nodes; 1 node only for the floor
                SuiteStep.of(BenchmarkId.BATCHING, throughput, "engine=baseline-durable", "nodes=1",
                        "durability=fsync", "opsPerEntry=1,100"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, throughput, "nodes=3", "durability=fsync",
                        "writers=1,8,64"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, throughput, "engine=baseline-durable", "nodes=1",
                        "durability=fsync", "writers=1,64"),
                SuiteStep.of(BenchmarkId.TAKE_SNAPSHOT, shots, "nodes=1", "store=heap",
                        "graphNodes=1000000"),
                SuiteStep.of(BenchmarkId.RESTART, shots, "nodes=1", "store=heap",
                        "graphNodes=10000,1000000"),
                SuiteStep.of(BenchmarkId.RESTART, shots, "nodes=1", "store=rocksdb",
                        "graphNodes=100000"),
                SuiteStep.of(BenchmarkId.CATCH_UP, shots, "nodes=3", "store=heap",
                        "graphNodes=1000000"),
                SuiteStep.of(BenchmarkId.COLD_START, Timing.shots(1, 1, 5), "nodes=3",
                        "electionTimeoutMs=default,300"),
                SuiteStep.of(BenchmarkId.FAILOVER, Timing.shots(1, 1, 5), "nodes=3",
                        "electionTimeoutMs=default,300"),
                SuiteStep.of(BenchmarkId.STEADY_WRITES, Timing.timed(1, 1, 2000, 2, 3000), "nodes=3",
                        "electionTimeoutMs=default,300"),
                SuiteStep.of(BenchmarkId.OPEN_LOOP, Timing.shots(1, 2, 1), "nodes=3",
                        "ratePerSecond=250,1000", "seconds=3"));
    }

    static List<SuiteStep> quick() {
        Timing brief = Timing.timed(0, 1, 200, 2, 300);
        Timing shot = Timing.shots(0, 0, 1);
        return List.of(
                SuiteStep.of(BenchmarkId.APPLY, Timing.timed(0, 1, 200, 1, 300), "store=heap,rocksdb", "codec=binary"),
                SuiteStep.of(BenchmarkId.FLOOR_FSYNC, brief),
                SuiteStep.of(BenchmarkId.FLOOR_LOOPBACK, brief),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=1", "durability=fsync,none"),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=3", "durability=fsync"),
                SuiteStep.of(BenchmarkId.BATCHING, brief, "nodes=1", "durability=fsync", "opsPerEntry=1,100"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, brief, "nodes=1", "durability=fsync", "writers=8"),
                SuiteStep.of(BenchmarkId.TAKE_SNAPSHOT, shot, "nodes=1", "durability=none", "graphNodes=2000"),
                SuiteStep.of(BenchmarkId.RESTART, shot, "nodes=1", "graphNodes=2000"),
                SuiteStep.of(BenchmarkId.CATCH_UP, shot, "nodes=3", "graphNodes=2000"),
                SuiteStep.of(BenchmarkId.COLD_START, shot, "nodes=3", "electionTimeoutMs=default"),
                SuiteStep.of(BenchmarkId.FAILOVER, shot, "nodes=3", "electionTimeoutMs=default"),
                SuiteStep.of(BenchmarkId.STEADY_WRITES, Timing.timed(0, 0, 0, 1, 1000), "nodes=3",
                        "electionTimeoutMs=default"),
                SuiteStep.of(BenchmarkId.OPEN_LOOP, shot, "nodes=1", "durability=fsync", "ratePerSecond=200",
                        "seconds=1"),
                SuiteStep.of(BenchmarkId.READ_LATENCY, brief, "nodes=3", "consistency=LINEARIZABLE,LOCAL", "query=getNode",
                        "readers=1", "writers=0", "graphNodes=2000"),
                // deployments and client batching, once each: nodes as processes, the link layer, a batching client
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=3", "durability=fsync", "topology=process"),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=3", "durability=fsync", "rttMs=2"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, brief, "nodes=1", "durability=fsync", "writers=8",
                        "clientBatching=auto"));
    }
}
