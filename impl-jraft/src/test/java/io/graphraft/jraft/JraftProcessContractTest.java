package io.graphraft.jraft;

import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.cluster.Topology;
import org.junit.jupiter.api.Tag;

/** The whole contract with every member in its own JVM: a stop is SIGKILL, a restart a cold JVM. */
@Tag("process")
class JraftProcessContractTest extends JraftContractTest {
    @Override
    protected Deployment deployment() {
        return Deployment.of(Topology.PROCESS).withLinkLayer(LinkSettings.NONE);
    }
}
