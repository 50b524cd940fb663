package io.graphraft.bench.suite;

import io.graphraft.bench.suite.SuiteStep.Timing;
import io.graphraft.reports.runfiles.BenchmarkId;

import java.util.List;

/**
 * The curated suites.
 * <ul>
 *   <li>{@code default}: a representative slice of every question in about 20 minutes on 2 cores. Each
 *       replicated engine's latency and throughput trials share one warm JVM ({@link Timing#warm}): the JIT
 *       compiles the engine once, then every trial warms up briefly and measures in short iterations (ten
 *       for throughput), so errors can meet the bounds the report checks; a figure that misses them is
 *       marked noisy.</li>
 *   <li>{@code full}: the whole matrix (every node count, durability, batch size, writer count, graph
 *       size, election timeout, rate, round trip, topology) at the headline timings; it prints its
 *       estimated duration before it starts (about two hours on 2 cores).</li>
 *   <li>{@code quick}: every benchmark once with tiny sizes, one process-topology and one link-layer
 *       trial included (CI proves with it that each benchmark runs and writes its files).</li>
 * </ul>
 * Why warm JVMs: a Ratis fork spends about half of its first 10 seconds' CPU in the JIT compiler, and its
 * 64-writer throughput climbs for 20 seconds (460 to 5,300 writes/s) before it levels; Copycat and
 * SOFAJRaft level after about 15 seconds. Paid in every fork, that is most of a 20-minute suite.
 */
public final class Suites {
    private Suites() {
    }

    public static final List<String> PROFILES = List.of("default", "full", "quick");

    public static List<SuiteStep> named(String profile) {
        return switch (profile) {
            case "default" -> standard();
            case "full" -> full();
            case "quick" -> quick();
            default -> throw new IllegalArgumentException("unknown profile '" + profile + "'; profiles: " + PROFILES);
        };
    }

    /** The round trips of the across-zones part: the link layer alone, neighbouring zones, distant zones. */
    public static final List<String> ZONE_RTTS_MS = List.of("0", "2", "10");
    /** The round trip the default suite takes across zones: distant zones. */
    public static final String DEFAULT_ZONE_RTT_MS = "10";

    /** Sequential latency of a headline trial in the engine's warm JVM: six 1-second iterations. */
    static final Timing HEADLINE_LATENCY = Timing.warm(4, 1000, 6, 1000);
    /** Throughput of a headline trial: ten 1-second iterations (Student's t at 9 degrees of freedom: 4.8, at 2: 31.6). */
    static final Timing HEADLINE_THROUGHPUT = Timing.warm(4, 1000, 10, 1000);
    /** A replicated engine's figure beside the headline, in its warm JVM. */
    static final Timing BRIEF = Timing.warm(3, 1000, 5, 1000);
    /**
     * A latency trial in a fork of its own (nodes as processes): its node JVMs first run writes until their
     * JIT is done ({@code nodeWarmup=jit}), then a brief warm-up and six 1-second iterations.
     */
    static final Timing FORKED = Timing.timed(1, 2, 1000, 6, 1000);
    /** The baselines warm up in a few seconds. */
    static final Timing BASELINE = Timing.timed(1, 2, 1000, 6, 500);
    /** The state machine alone and the floors: no cluster. */
    static final Timing NO_CLUSTER = Timing.timed(1, 2, 500, 5, 500);

    static List<SuiteStep> standard() {
        String fsync = "durability=fsync";
        return List.of(
                SuiteStep.of(BenchmarkId.APPLY, NO_CLUSTER, "store=heap", "codec=none,binary,json"),
                SuiteStep.of(BenchmarkId.APPLY, NO_CLUSTER, "store=rocksdb", "codec=binary"),
                SuiteStep.of(BenchmarkId.FLOOR_FSYNC, NO_CLUSTER),
                SuiteStep.of(BenchmarkId.FLOOR_LOOPBACK, NO_CLUSTER),
                // nodes=3 steps run the replicated engines (the baselines skip them); nodes=1 steps name the baselines
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, HEADLINE_LATENCY, "nodes=3", fsync),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, BRIEF, "nodes=3", "durability=none"),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, BASELINE, "engine=baseline,baseline-durable", "nodes=1",
                        "durability=fsync,none"),
                SuiteStep.of(BenchmarkId.BATCHING, BRIEF, "nodes=3", fsync, "opsPerEntry=1"),
                SuiteStep.of(BenchmarkId.BATCHING, HEADLINE_THROUGHPUT, "nodes=3", fsync, "opsPerEntry=100"),
                SuiteStep.of(BenchmarkId.BATCHING, BASELINE, "engine=baseline-durable", "nodes=1", fsync, "opsPerEntry=1,100"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, HEADLINE_THROUGHPUT, "nodes=3", fsync, "writers=64"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, BRIEF, "nodes=3", fsync, "writers=64", "clientBatching=auto"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, BASELINE, "engine=baseline-durable", "nodes=1", fsync,
                        "writers=1,64"),
                SuiteStep.of(BenchmarkId.TAKE_SNAPSHOT, Timing.shots(1, 0, 2), "nodes=1", "store=heap", "graphNodes=1000000"),
                SuiteStep.of(BenchmarkId.RESTART, Timing.shots(1, 0, 3), "nodes=1", "store=heap", "graphNodes=1000000"),
                SuiteStep.of(BenchmarkId.CATCH_UP, Timing.shots(1, 0, 2), "nodes=3", "store=heap", "graphNodes=100000"),
                SuiteStep.of(BenchmarkId.COLD_START, Timing.shots(1, 0, 3), "nodes=3", "electionTimeoutMs=default"),
                SuiteStep.of(BenchmarkId.FAILOVER, Timing.shots(1, 0, 5), "nodes=3", "electionTimeoutMs=default"),
                SuiteStep.of(BenchmarkId.OPEN_LOOP, Timing.shots(1, 0, 2), "nodes=3", "ratePerSecond=1000", "seconds=3"),
                // reads: every level an engine serves, one reader on an idle 3-node cluster (full adds 64 readers and writers)
                SuiteStep.of(BenchmarkId.READ_LATENCY, Timing.warm(2, 1000, 4, 1000), "nodes=3",
                        "consistency=LINEARIZABLE,LEASE,LOCAL,FOLLOWER", "query=getNode", "readers=1", "writers=0"),
                // mixed graph traffic at the same rate: YCSB-style b (95/5 read-heavy); full adds a (50/50), c and ingest
                SuiteStep.of(BenchmarkId.OPEN_LOOP, Timing.shots(1, 1, 1), "nodes=3", "workload=b", "ratePerSecond=1000",
                        "seconds=3"),
                // nodes as processes: latency beside the jvm figure, failover after a SIGKILL, a cold JVM's restart
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, FORKED, "nodes=3", fsync, "topology=process"),
                SuiteStep.of(BenchmarkId.FAILOVER, Timing.shots(1, 0, 3), "nodes=3", "electionTimeoutMs=default",
                        "topology=process"),
                SuiteStep.of(BenchmarkId.RESTART, Timing.shots(1, 0, 3), "nodes=1", "store=heap", "graphNodes=1000000",
                        "topology=process"),
                // across zones: distant zones only (full runs the link layer alone and neighbouring zones too)
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, BRIEF, "nodes=3", fsync, "rttMs=" + DEFAULT_ZONE_RTT_MS));
    }

    /** The whole matrix at the headline timings. */
    static List<SuiteStep> full() {
        String fsync = "durability=fsync";
        String rtts = "rttMs=" + String.join(",", ZONE_RTTS_MS);
        Timing shots = Timing.shots(1, 1, 5);
        return List.of(
                SuiteStep.of(BenchmarkId.APPLY, NO_CLUSTER, "store=heap,rocksdb", "codec=none,binary,json"),
                SuiteStep.of(BenchmarkId.FLOOR_FSYNC, NO_CLUSTER),
                SuiteStep.of(BenchmarkId.FLOOR_LOOPBACK, NO_CLUSTER),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, HEADLINE_LATENCY, "nodes=1,3", "durability=fsync,none",
                        "topology=jvm,process"),
                SuiteStep.of(BenchmarkId.BATCHING, HEADLINE_THROUGHPUT, "nodes=1,3", fsync, "opsPerEntry=1,10,100,1000"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, HEADLINE_THROUGHPUT, "nodes=1,3", fsync, "writers=1,8,64",
                        "clientBatching=off,auto"),
                SuiteStep.of(BenchmarkId.TAKE_SNAPSHOT, shots, "nodes=1", "store=heap,rocksdb", "graphNodes=10000,1000000"),
                SuiteStep.of(BenchmarkId.RESTART, shots, "nodes=1", "store=heap,rocksdb", "graphNodes=10000,1000000",
                        "topology=jvm,process"),
                SuiteStep.of(BenchmarkId.CATCH_UP, shots, "nodes=3", "store=heap", "graphNodes=100000,1000000"),
                SuiteStep.of(BenchmarkId.COLD_START, shots, "nodes=3", "electionTimeoutMs=default,300"),
                SuiteStep.of(BenchmarkId.FAILOVER, shots, "nodes=3", "electionTimeoutMs=default,300",
                        "topology=jvm,process"),
                SuiteStep.of(BenchmarkId.STEADY_WRITES, HEADLINE_THROUGHPUT, "nodes=3", "electionTimeoutMs=default,300"),
                SuiteStep.of(BenchmarkId.OPEN_LOOP, Timing.shots(1, 1, 3), "nodes=1,3", "ratePerSecond=250,1000,4000",
                        "seconds=5"),
                SuiteStep.of(BenchmarkId.READ_LATENCY, HEADLINE_THROUGHPUT, "nodes=3",
                        "consistency=LINEARIZABLE,LEASE,LOCAL,FOLLOWER", "query=getNode,neighbors,twoHop", "readers=1,64",
                        "writers=0,64"),
                SuiteStep.of(BenchmarkId.OPEN_LOOP, Timing.shots(1, 1, 3), "nodes=3", "workload=a,b,c,ingest",
                        "ratePerSecond=250,1000,4000", "seconds=5"),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, HEADLINE_LATENCY, "nodes=3", fsync, rtts),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, HEADLINE_THROUGHPUT, "nodes=3", fsync, "writers=64", rtts));
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
                SuiteStep.of(BenchmarkId.BATCHING, brief, "nodes=1", "durability=fsync", "opsPerEntry=100"),
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
                // a workload mix once: 95/5 read/update on a preloaded graph, reads and writes in files of their own
                SuiteStep.of(BenchmarkId.OPEN_LOOP, shot, "nodes=1", "durability=fsync", "ratePerSecond=200",
                        "seconds=1", "workload=b"),
                SuiteStep.of(BenchmarkId.READ_LATENCY, brief, "nodes=3", "consistency=LINEARIZABLE,LOCAL", "query=getNode",
                        "readers=1", "writers=0", "graphNodes=2000"),
                // deployments and client batching, once each: nodes as processes, the link layer, a batching client
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=3", "durability=fsync", "topology=process",
                        "nodeWarmup=none"),
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "nodes=3", "durability=fsync", "rttMs=2"),
                SuiteStep.of(BenchmarkId.CONCURRENT_WRITERS, brief, "nodes=1", "durability=fsync", "writers=8",
                        "clientBatching=auto"));
    }
}
