package io.graphraft.reports.runfiles;

import java.util.Map;
import java.util.Set;

/**
 * The names of the trial parameters that reach a run folder (JMH {@code @Param} fields and the load
 * command's options, named alike) and the harness's defaults for the common ones. JMH states use
 * these constants as their {@code @Param} defaults; reports treat a parameter at its default as
 * unremarkable.
 */
public final class TrialParameters {
    public static final String ENGINE = "engine";
    public static final String NODES = "nodes";
    public static final String DURABILITY = "durability";
    public static final String CODEC = "codec";
    public static final String STORE = "store";
    /** Engine options, {@code key=value;key=value}. */
    public static final String OPTIONS = "options";
    public static final String ELECTION_TIMEOUT_MS = "electionTimeoutMs";
    public static final String OPS_PER_ENTRY = "opsPerEntry";
    public static final String WRITERS = "writers";
    public static final String GRAPH_NODES = "graphNodes";
    /** A read benchmark's level: a {@code ReadConsistency} by name ({@code LINEARIZABLE}, {@code LEASE}, {@code LOCAL}, {@code FOLLOWER}). */
    public static final String CONSISTENCY = "consistency";
    /** Closed-loop readers of a read benchmark. */
    public static final String READERS = "readers";
    /** What a read benchmark asks ({@code getNode}, {@code neighbors}, {@code twoHop}). */
    public static final String QUERY = "query";
    /** An open-loop step's target rate in the load command's trial names. */
    public static final String RATE = "rate";
    /** Which of an open-loop trial's two distributions a latency file holds: {@link #RESPONSE} or {@link #SERVICE}. */
    public static final String LATENCY = "latency";
    public static final String RESPONSE = "response";
    public static final String SERVICE = "service";
    /** JMH worker threads, in a trial name only when more than one. */
    public static final String THREADS = "threads";
    /** Where the members run: {@code jvm} (all in the benchmark's JVM) or {@code process} (a JVM each). */
    public static final String TOPOLOGY = "topology";
    /**
     * The round trip between members in milliseconds through the link layer ({@code 0} included), or
     * {@link #DEFAULT_RTT_MS} for no link layer (members reach each other directly).
     */
    public static final String RTT_MS = "rttMs";
    /** {@code off} or {@code auto}: writers share one client that coalesces their writes into batch entries. */
    public static final String CLIENT_BATCHING = "clientBatching";
    /** {@code off} or {@code on}: members encrypt their traffic with TLS (the cluster setting {@code tls}). */
    public static final String TLS = "tls";
    /** An open-loop run's workload mix (bench's {@code WorkloadMix}); {@link #DEFAULT_WORKLOAD} sends only CreateNode. */
    public static final String WORKLOAD = "workload";
    /**
     * How a latency trial warms node JVMs of {@code topology=process} before JMH's own warm-up: {@code jit}
     * (run its operation until their JIT compilers go quiet and its time levels, at most 90 s) or {@code none}.
     */
    public static final String NODE_WARMUP = "nodeWarmup";
    /** Which operations of a mixed workload a file holds: {@link #READ} or {@link #WRITE}. */
    public static final String OPERATION = "operation";
    public static final String READ = "read";
    public static final String WRITE = "write";

    public static final String DEFAULT_NODES = "1";
    public static final String DEFAULT_DURABILITY = "fsync";
    public static final String DEFAULT_CODEC = "binary";
    public static final String DEFAULT_STORE = "heap";
    public static final String DEFAULT_OPTIONS = "";
    /** The value of a setting parameter (such as {@link #ELECTION_TIMEOUT_MS}) that leaves the engine's own. */
    public static final String ENGINE_DEFAULT = "default";
    public static final String DEFAULT_TOPOLOGY = "jvm";
    /** No link layer: members reach each other directly (what every run did before the link layer). */
    public static final String DEFAULT_RTT_MS = "none";
    public static final String DEFAULT_CLIENT_BATCHING = "off";
    public static final String DEFAULT_TLS = "off";
    public static final String DEFAULT_WORKLOAD = "writes";
    public static final String DEFAULT_NODE_WARMUP = "jit";

    /** The common parameters' defaults, as a trial without them runs. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry(NODES, DEFAULT_NODES),
            Map.entry(DURABILITY, DEFAULT_DURABILITY), Map.entry(CODEC, DEFAULT_CODEC), Map.entry(STORE, DEFAULT_STORE),
            Map.entry(OPTIONS, DEFAULT_OPTIONS), Map.entry(TOPOLOGY, DEFAULT_TOPOLOGY), Map.entry(RTT_MS, DEFAULT_RTT_MS),
            Map.entry(CLIENT_BATCHING, DEFAULT_CLIENT_BATCHING), Map.entry(TLS, DEFAULT_TLS),
            Map.entry(WORKLOAD, DEFAULT_WORKLOAD), Map.entry(NODE_WARMUP, DEFAULT_NODE_WARMUP));

    /**
     * How a trial is deployed and driven rather than what it runs: a trial at their defaults is named
     * without them (so its files keep the names they had before these parameters existed), and a report
     * that asks for a trial without naming one of them means its default.
     */
    public static final Set<String> VARIANTS = java.util.Set.of(TOPOLOGY, RTT_MS, CLIENT_BATCHING, TLS, WORKLOAD,
            NODE_WARMUP);

    private TrialParameters() {
    }

    /**
     * The value of {@code key} in a trial's {@code params}: a variant a trial is named without is at its
     * default (files at default variants omit them; JMH results always carry them).
     */
    public static String valueIn(Map<String, String> params, String key) {
        String value = params.get(key);
        return value == null && VARIANTS.contains(key) ? DEFAULTS.get(key) : value;
    }

    /** True if a trial with {@code params} runs a variant {@code wanted} does not name (so it is not the answer to it). */
    public static boolean unnamedVariant(Map<String, String> params, Map<String, String> wanted) {
        for (String key : VARIANTS) {
            if (!wanted.containsKey(key) && !DEFAULTS.get(key).equals(params.getOrDefault(key, DEFAULTS.get(key)))) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code value} is the harness's default for {@code key} (or empty). */
    public static boolean isDefault(String key, String value) {
        return value.isEmpty() || value.equals(DEFAULTS.get(key));
    }
}
