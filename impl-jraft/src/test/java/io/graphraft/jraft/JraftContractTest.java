package io.graphraft.jraft;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.tck.EngineContractTest;

import java.time.Duration;

/** The contract suite on jraft with a 500 ms election timeout (elections draw from 500–1000 ms, heartbeats every 50 ms). */
class JraftContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "jraft";
    }

    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder.electionTimeout(Duration.ofMillis(500));
    }
}
