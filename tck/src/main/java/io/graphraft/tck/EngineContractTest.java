package io.graphraft.tck;

import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The contract every engine passes. An engine module runs it by extending this class and naming its
 * engine; cases the engine cannot run are skipped with the reason the engine declares. The cases
 * come in groups, one interface each: {@link CommandContract} (commands, reads and bad input on one
 * node and on three), {@link SetupContract}, {@link DurabilityContract} (restarts from disk),
 * {@link ReplicationContract}, {@link FaultContract}, {@link SessionContract} (exactly-once writes) and
 * {@link ReadContract} (read levels).
 * Their helpers are {@link ClusterFixture}'s, which an engine's own tests use too.
 *
 * <p>Every case starts its own cluster in its own temporary directory on free ports, waits by
 * polling with a deadline, and asserts behaviour, never timings.
 */
public abstract class EngineContractTest
        implements CommandContract, SetupContract, DurabilityContract, ReplicationContract, FaultContract, SessionContract,
        ReadContract {
    @TempDir
    protected Path temp;

    private Engine engine;
    private ClusterFixture clusters;

    /** The engine under test, by its ServiceLoader name. */
    protected abstract String engineName();

    /** How clusters are deployed: every member in this JVM, peer traffic through the link layer. */
    protected Deployment deployment() {
        return Deployment.inJvm().withLinkLayer(LinkSettings.NONE);
    }

    /** Engine-specific test tuning (e.g. election timeouts); the default changes nothing. */
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder;
    }

    @BeforeEach
    void openFixture() {
        engine = Engines.byName(engineName());
        clusters = new ClusterFixture(engine, temp, this::configure, deployment());
    }

    @AfterEach
    void closeClusters() {
        clusters.close();
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public ClusterFixture clusters() {
        return clusters;
    }

    @Override
    public Path temp() {
        return temp;
    }
}
