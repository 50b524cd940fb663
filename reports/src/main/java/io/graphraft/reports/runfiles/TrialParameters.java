package io.graphraft.reports.runfiles;

import java.util.Map;

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
    /** An open-loop step's target rate in the load command's trial names. */
    public static final String RATE = "rate";
    /** Which of an open-loop trial's two distributions a latency file holds: {@link #RESPONSE} or {@link #SERVICE}. */
    public static final String LATENCY = "latency";
    public static final String RESPONSE = "response";
    public static final String SERVICE = "service";
    /** JMH worker threads, in a trial name only when more than one. */
    public static final String THREADS = "threads";

    public static final String DEFAULT_NODES = "1";
    public static final String DEFAULT_DURABILITY = "fsync";
    public static final String DEFAULT_CODEC = "binary";
    public static final String DEFAULT_STORE = "heap";
    public static final String DEFAULT_OPTIONS = "";
    /** The value of a setting parameter (such as {@link #ELECTION_TIMEOUT_MS}) that leaves the engine's own. */
    public static final String ENGINE_DEFAULT = "default";

    /** The common parameters' defaults, as a trial without them runs. */
    public static final Map<String, String> DEFAULTS = Map.of(NODES, DEFAULT_NODES, DURABILITY, DEFAULT_DURABILITY,
            CODEC, DEFAULT_CODEC, STORE, DEFAULT_STORE, OPTIONS, DEFAULT_OPTIONS);

    private TrialParameters() {
    }

    /** True if {@code value} is the harness's default for {@code key} (or empty). */
    public static boolean isDefault(String key, String value) {
        return value.isEmpty() || value.equals(DEFAULTS.get(key));
    }
}
