package io.graphraft.core.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Raft engine (or a baseline) that runs the graph state machine. Found by {@link #name()}
 * through {@link java.util.ServiceLoader}; see {@link Engines}.
 */
public interface Engine {

    /** The name users pass: {@code baseline}, {@code baseline-durable}, {@code ratis}, {@code copycat}, ... */
    String name();

    /** The cluster specs this engine accepts. */
    EngineSupport support();

    /** What the engine can do, with the reason for every gap. */
    Capabilities capabilities();

    /**
     * What "durability=FSYNC" and "NONE" mean for this engine: who fsyncs what before a write is
     * acknowledged. Reports print it beside the fsync results.
     */
    String durabilitySemantics();

    /** The engine library's artifacts and versions (empty for the baselines). */
    Map<String, String> libraryVersions();

    /**
     * JVM flags every JVM running this engine needs, e.g. {@code --add-opens=java.base/java.nio=ALL-UNNAMED}
     * for a library that reflects into the JDK. The benchmark launcher gives the union of all engines'
     * flags to its forks, benchmarks.jar's manifest opens the same packages, an engine module's tests
     * set them in its pom, and {@link #start} fails naming a flag the running JVM lacks.
     */
    default List<String> jvmFlags() {
        return List.of();
    }

    /** Why this engine cannot run {@code spec}, or empty if it can. */
    default Optional<String> unsupported(ClusterSpec spec) {
        return support().unsupported(name(), spec);
    }

    /**
     * Starts a cluster. The nodes are running when this returns; a leader may not be elected yet
     * (see {@link Cluster#awaitLeader}).
     *
     * @throws UnsupportedSettingException if the spec asks for something this engine does not support
     * @throws IllegalStateException if this JVM lacks one of the engine's {@link #jvmFlags()}
     */
    default Cluster start(ClusterSpec spec) {
        support().require(name(), spec);
        JvmFlags.require(this);
        return launch(spec);
    }

    /** Starts a cluster for a spec already checked against {@link #support()}. */
    Cluster launch(ClusterSpec spec);
}
