package io.graphraft.copycat;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.tck.EngineContractTest;

import java.time.Duration;

/**
 * The contract suite on Copycat with a 500 ms election timeout and 150 ms heartbeats. Probed on
 * this 2-core machine, a 3-node cluster under four steady writers kept its first leader for 20 s
 * (no term change) at 300/100, 500/100, 500/150 and 750/250 ms (Copycat's default), and at 500/100,
 * 500/150 and 750/250 also with two CPU-burning threads beside it. 500/150 keeps a margin above the
 * shortest stable setting and makes elections and failovers a third faster than the default.
 */
class CopycatContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "copycat";
    }

    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder.electionTimeout(Duration.ofMillis(500)).heartbeatInterval(Duration.ofMillis(150));
    }
}
