package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.tck.EngineContractTest;

import java.time.Duration;

class RatisContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "ratis";
    }

    /** 500/1000 ms: shorter timeouts saw spurious elections on a busy 2-core machine. */
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder.electionTimeout(Duration.ofMillis(500));
    }
}
