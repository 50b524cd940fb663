package io.graphraft.tck;

import io.graphraft.core.engine.Engine;

import java.nio.file.Path;

/** What every group of contract cases works with; {@link EngineContractTest} provides it. */
public interface EngineUnderTest {
    Engine engine();

    /** The running case's clusters, stopped after it. */
    ClusterFixture clusters();

    /** The running case's own temporary directory. */
    Path temp();
}
