package io.graphraft.tck;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.NodeHandle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Contract cases: restarts from disk, with and without a snapshot. */
public interface DurabilityContract extends EngineUnderTest {
    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void fullRestartFromDiskKeepsEveryAcknowledgedWrite(int nodes) {
        clusters().assumeCapability(Capability.DURABLE_RESTART);
        Cluster cluster = clusters().started(nodes);
        List<Long> acknowledged = writeNodes(cluster.client(), 40);
        Result digest = clusters().read(cluster.client(), new Query.Digest());

        cluster.nodes().forEach(NodeHandle::stop);
        cluster.nodes().forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);
        // A new leader serves linearizable reads once it committed in its term: cold JVMs may take longer than one request.
        await().atMost(CONVERGENCE).ignoreExceptions()
                .until(() -> clusters().read(cluster.client(), new Query.Count()) instanceof Result.Counts);

        clusters().assertAllPresent(cluster.client(), acknowledged);
        assertThat(clusters().read(cluster.client(), new Query.Digest())).isEqualTo(digest);
        assertThat(applied(cluster.client(), Command.CreateNode.of("after", Map.of())))
                .isEqualTo(acknowledged.get(acknowledged.size() - 1) + 1);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void snapshotThenRestartRestoresTheSameState(int nodes) {
        clusters().assumeCapability(Capability.SNAPSHOT_ON_DEMAND);
        clusters().assumeCapability(Capability.DURABLE_RESTART);
        Cluster cluster = clusters().started(nodes);
        List<Long> before = writeNodes(cluster.client(), 30);
        awaitConverged(cluster);
        for (NodeHandle node : cluster.nodes()) {
            node.takeSnapshot();
            assertThat(node.snapshotSizeBytes()).as("snapshot of %s on disk", node.id()).isPositive();
        }
        List<Long> tail = writeNodes(cluster.client(), 10);
        Result digest = clusters().read(cluster.client(), new Query.Digest());

        cluster.nodes().forEach(NodeHandle::stop);
        cluster.nodes().forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);

        clusters().assertAllPresent(cluster.client(), before);
        clusters().assertAllPresent(cluster.client(), tail);
        assertThat(clusters().read(cluster.client(), new Query.Digest())).isEqualTo(digest);
        awaitConverged(cluster);
    }
}
