package io.graphraft.bench.load;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.reports.runfiles.TrialParameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an open-loop run sends: the share of each read query and each write command (percent of all
 * requests, summing to 100), how keys are chosen, the consistency of its reads, and the graph
 * preloaded (unmeasured) before it so reads and updates find what they name. Named presets in the
 * style of YCSB's core workloads:
 * <ul>
 *   <li>{@code writes} (the default): only CreateNode, no preload — what every open-loop run sent
 *       before workload mixes existed, so its trials keep their names and numbers;</li>
 *   <li>{@code a} (update-heavy, YCSB A): 50% reads (GetNode 40, Neighbors 10), 50% updates (UpdateNode);</li>
 *   <li>{@code b} (read-heavy, YCSB B): 95% reads (GetNode 75, Neighbors 20), 5% updates;</li>
 *   <li>{@code c} (read-only, YCSB C): GetNode 80, Neighbors 20;</li>
 *   <li>{@code ingest} (create-heavy): 50% CreateNode, 40% CreateEdge between existing nodes, 10% GetNode.</li>
 * </ul>
 * {@code a}, {@code b} and {@code c} choose keys zipfian with YCSB's constant {@value #YCSB_ZIPF_EXPONENT}
 * (a few hot nodes); {@code ingest} uniformly. Every preset reads {@link ReadConsistency#LINEARIZABLE},
 * the level every replicated engine serves, on a graph of {@value #PRELOAD_NODES} nodes with
 * {@value #PRELOAD_EDGES_PER_NODE} edges each.
 * <p>
 * A mix of one's own is a JSON file of these fields, named where a preset would be ({@code workload=mine.json}):
 * <pre>{@code {"name": "mine", "reads": {"GET_NODE": 70, "NEIGHBORS": 20}, "writes": {"CREATE_EDGE": 10},
 *  "keys": {"zipfian": true, "exponent": 0.8}, "consistency": "LINEARIZABLE", "graphNodes": 5000, "edgesPerNode": 2}}</pre>
 */
public record WorkloadMix(String name, Map<ReadKind, Integer> reads, Map<WriteKind, Integer> writes, KeyChoice keys,
                          ReadConsistency consistency, int graphNodes, int edgesPerNode) {

    /** YCSB's default zipfian constant. */
    public static final double YCSB_ZIPF_EXPONENT = 0.99;
    public static final int PRELOAD_NODES = 10_000;
    public static final int PRELOAD_EDGES_PER_NODE = 3;

    public enum ReadKind { GET_NODE, GET_EDGE, NEIGHBORS, COUNT }

    public enum WriteKind { CREATE_NODE, UPDATE_NODE, CREATE_EDGE }

    /** Uniform, or zipfian over key ranks with the given exponent (rank 1 the hottest; node id = rank). */
    public record KeyChoice(boolean zipfian, double exponent) {
        public static final KeyChoice UNIFORM = new KeyChoice(false, 0);

        public KeyChoice {
            if (zipfian && !(exponent > 0 && Double.isFinite(exponent))) {
                throw new IllegalArgumentException("a zipfian exponent must be positive, was " + exponent);
            }
        }

        public static KeyChoice zipfian(double exponent) {
            return new KeyChoice(true, exponent);
        }

        @Override
        public String toString() {
            return zipfian ? "zipfian(" + exponent + ")" : "uniform";
        }
    }

    private static final Map<String, WorkloadMix> PRESETS = presets();
    private static final ObjectMapper JSON = new ObjectMapper();

    public WorkloadMix {
        if (name == null || reads == null || writes == null || keys == null || consistency == null) {
            throw new IllegalArgumentException("workload '" + name + "' must give name, reads, writes, keys and consistency"
                    + " (reads or writes may be {})");
        }
        EnumMap<ReadKind, Integer> readShares = new EnumMap<>(ReadKind.class);
        readShares.putAll(reads);
        reads = Collections.unmodifiableMap(readShares);
        EnumMap<WriteKind, Integer> writeShares = new EnumMap<>(WriteKind.class);
        writeShares.putAll(writes);
        writes = Collections.unmodifiableMap(writeShares);
        int readTotal = 0;
        for (int share : reads.values()) {
            readTotal += requireShare(name, share);
        }
        int total = readTotal;
        for (int share : writes.values()) {
            total += requireShare(name, share);
        }
        if (total != 100) {
            throw new IllegalArgumentException("workload '" + name + "': shares must sum to 100 percent, were " + total);
        }
        boolean needsGraph = readTotal > 0 || writes.getOrDefault(WriteKind.UPDATE_NODE, 0) > 0
                || writes.getOrDefault(WriteKind.CREATE_EDGE, 0) > 0;
        if (needsGraph && (graphNodes < 1 || edgesPerNode < 0)) {
            throw new IllegalArgumentException("workload '" + name + "' reads or updates existing nodes: it needs a"
                    + " preloaded graph of at least 1 node (graphNodes " + graphNodes + ", edgesPerNode " + edgesPerNode + ")");
        }
        if (reads.getOrDefault(ReadKind.GET_EDGE, 0) > 0 && edgesPerNode < 1) {
            throw new IllegalArgumentException("workload '" + name + "' reads edges: it needs edgesPerNode of at least 1");
        }
    }

    private static int requireShare(String name, int share) {
        if (share < 0 || share > 100) {
            throw new IllegalArgumentException("workload '" + name + "': a share must be 0..100 percent, was " + share);
        }
        return share;
    }

    /**
     * The preset of this name, or the mix in this {@code .json} file.
     *
     * @throws IllegalArgumentException naming the value and the known presets if there is no such preset,
     *         or naming the file and what is wrong with it
     */
    public static WorkloadMix named(String name) {
        if (name.endsWith(".json")) {
            return fromFile(Path.of(name));
        }
        WorkloadMix mix = PRESETS.get(name);
        if (mix == null) {
            throw new IllegalArgumentException("unknown " + TrialParameters.WORKLOAD + " '" + name + "'; known: "
                    + PRESETS.keySet() + " or a .json file of a mix");
        }
        return mix;
    }

    /** The mix in a JSON file (fields as this record's; an unknown field or kind is refused). */
    public static WorkloadMix fromFile(Path file) {
        try {
            return JSON.readValue(file.toFile(), WorkloadMix.class);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalArgumentException("workload file " + file + ": " + (cause == e ? e.getOriginalMessage()
                    : cause.getMessage()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("workload file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static java.util.Set<String> presetNames() {
        return PRESETS.keySet();
    }

    /** Percent of requests that are reads. */
    public int readShare() {
        return reads.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True if the graph is loaded before the run ({@link #graphNodes} nodes, {@link #edgesPerNode} edges each). */
    public boolean preloads() {
        return graphNodes > 0;
    }

    /** Why {@code engine} cannot run this mix (its reads need a level it lacks), or empty. */
    public Optional<String> unmetBy(Engine engine) {
        if (readShare() == 0) {
            return Optional.empty();
        }
        Optional<Capability> needed = consistency.capability();
        return needed.flatMap(capability -> engine.capabilities().gap(capability)
                .map(gap -> "workload '" + name + "' reads " + consistency + " and engine '" + engine.name()
                        + "' lacks " + capability + ": " + gap));
    }

    private static Map<String, WorkloadMix> presets() {
        KeyChoice zipf = KeyChoice.zipfian(YCSB_ZIPF_EXPONENT);
        ReadConsistency lin = ReadConsistency.LINEARIZABLE;
        Map<String, WorkloadMix> presets = new LinkedHashMap<>();
        presets.put(TrialParameters.DEFAULT_WORKLOAD, new WorkloadMix(TrialParameters.DEFAULT_WORKLOAD, Map.of(),
                Map.of(WriteKind.CREATE_NODE, 100), KeyChoice.UNIFORM, lin, 0, 0));
        presets.put("a", new WorkloadMix("a", Map.of(ReadKind.GET_NODE, 40, ReadKind.NEIGHBORS, 10),
                Map.of(WriteKind.UPDATE_NODE, 50), zipf, lin, PRELOAD_NODES, PRELOAD_EDGES_PER_NODE));
        presets.put("b", new WorkloadMix("b", Map.of(ReadKind.GET_NODE, 75, ReadKind.NEIGHBORS, 20),
                Map.of(WriteKind.UPDATE_NODE, 5), zipf, lin, PRELOAD_NODES, PRELOAD_EDGES_PER_NODE));
        presets.put("c", new WorkloadMix("c", Map.of(ReadKind.GET_NODE, 80, ReadKind.NEIGHBORS, 20),
                Map.of(), zipf, lin, PRELOAD_NODES, PRELOAD_EDGES_PER_NODE));
        presets.put("ingest", new WorkloadMix("ingest", Map.of(ReadKind.GET_NODE, 10),
                Map.of(WriteKind.CREATE_NODE, 50, WriteKind.CREATE_EDGE, 40), KeyChoice.UNIFORM, lin,
                PRELOAD_NODES, PRELOAD_EDGES_PER_NODE));
        return Collections.unmodifiableMap(presets);
    }
}
