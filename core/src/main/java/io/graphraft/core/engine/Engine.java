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
     * flags to its forks, node processes get them from the harness, benchmarks.jar's manifest opens the
     * same packages, an engine module's tests set them in its pom, and starting members in a JVM that
     * lacks one fails naming it ({@link JvmFlags#require}).
     */
    default List<String> jvmFlags() {
        return List.of();
    }

    /** Why this engine cannot run {@code spec}, or empty if it can. */
    default Optional<String> unsupported(ClusterSpec spec) {
        return support().unsupported(name(), spec);
    }

    /**
     * Starts member {@code member.index()} of a cluster in this JVM, keeping its files in
     * {@code spec.nodeDirectory(member.index())} (a restart finds them there). Returns once the
     * member listens at {@code member.listen()}; a leader may not be elected yet. Peer traffic goes
     * to {@code member.route(peer)}.
     *
     * @throws UnsupportedSettingException if the spec asks for something this engine does not support
     * @throws EngineUnavailableException if the member cannot start (its reason in the message)
     */
    Member startMember(ClusterSpec spec, MemberConfig member);

    /**
     * A client of the cluster whose members listen as {@code layout} says, over the engine's own
     * client protocol. It reaches the leader wherever it is; closing it closes its connections.
     */
    GraphClient connect(ClusterSpec spec, ClusterLayout layout);
}
