package io.graphraft.tck;

import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Topology;
import io.graphraft.core.command.Command;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.JvmFlags;
import io.graphraft.core.engine.UnsupportedSettingException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Contract cases: specs, JVM and input the engine must refuse or require before anything runs. */
public interface SetupContract extends EngineUnderTest {
    @Test
    default void unsupportedPropertyValuesAreRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> Command.CreateNode.of("Person", Map.of("age", 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'age'").hasMessageContaining("java.lang.Integer");
    }

    @Test
    default void invalidOrUnsupportedSpecsFailNamingTheSetting() {
        assertThatThrownBy(() -> clusters().start(clusters().spec(1).option("no-such-option", "x").build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("no-such-option");
        if (!engine().capabilities().supports(Capability.REPLICATION)) {
            assertThatThrownBy(() -> clusters().start(clusters().spec(1).nodes(3).build()))
                    .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("nodes=3");
        }
        assertThatThrownBy(() -> ClusterSpec.builder(temp().resolve("missing")).build())
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> Engines.byName(engine().name() + "-nope"))
                .hasMessageContaining("known engines").hasMessageContaining(engine().name());
    }

    /**
     * Ports are chosen free and bound later, so another process can take one in between: the start
     * must see that and start the cluster on other ports instead of failing the run.
     */
    @Test
    default void aClusterWhosePortIsTakenBeforeItsMemberBindsItStartsOnOtherPorts() throws IOException {
        assumeTrue(clusters().deployment().topology() == Topology.JVM,
                "the port is taken inside the member's start, which runs in a node JVM with topology=process");
        clusters().assumeNodeCount(3);
        try (PortTakingEngine taking = new PortTakingEngine(engine());
             Cluster cluster = Clusters.start(taking, clusters().spec(3).build(), clusters().deployment())) {
            int taken = taking.takenPort().orElseThrow();
            List<ClusterLayout> layouts = taking.layouts();
            assertThat(layouts).as("layouts the cluster was started in").hasSizeGreaterThan(1);
            assertThat(layouts.get(layouts.size() - 1).members()).as("the layout it runs in")
                    .extracting(InetSocketAddress::getPort).doesNotContain(taken);
            cluster.awaitLeader(ClusterFixture.CONVERGENCE);
            assertThat(ClusterFixture.writeNodes(cluster.client(), 3)).hasSize(3);
        }
    }

    /** The module's pom gives its tests what the engine declares, as the benchmark launcher gives its forks. */
    @Test
    default void theTestJvmHasEveryFlagTheEngineDeclares() {
        assertThat(JvmFlags.missing(engine().jvmFlags()))
                .as("JVM flags of %s missing from this JVM: set test.jvm.flags in the module's pom", engine().name())
                .isEmpty();
    }
}
