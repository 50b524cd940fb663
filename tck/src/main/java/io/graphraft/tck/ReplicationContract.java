package io.graphraft.tck;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Contract cases: three nodes: one leader, identical state everywhere. */
public interface ReplicationContract extends EngineUnderTest {
    @Test
    default void threeNodesElectExactlyOneLeaderThatStaysWhileIdle() {
        Cluster cluster = clusters().started(3);
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(cluster.nodes()).filteredOn(n -> n.role() == Role.LEADER).hasSize(1);
            assertThat(cluster.nodes()).filteredOn(n -> n.role() == Role.FOLLOWER).hasSize(2);
        });
        NodeHandle leader = cluster.leader().orElseThrow();
        long term = leader.term();
        Duration idle = cluster.spec().electionTimeout().orElse(Duration.ofSeconds(1)).multipliedBy(3);
        await().during(idle).atMost(idle.plusSeconds(10)).until(() ->
                leader.role() == Role.LEADER && leader.term() == term
                        && cluster.nodes().stream().allMatch(n -> n.term() == term));
    }

    @Test
    default void anAcknowledgedWriteIsReadableOnAllNodesWithIdenticalState() {
        Cluster cluster = clusters().started(3);
        List<Long> acknowledged = writeNodes(cluster.client(), 25);
        applied(cluster.client(), Command.CreateEdge.of(acknowledged.get(0), acknowledged.get(1), "R", Map.of()));
        for (NodeHandle node : cluster.nodes()) {
            await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(
                    node.localRead(new Query.GetNode(acknowledged.get(acknowledged.size() - 1))))
                    .isInstanceOf(Result.NodeFound.class));
        }
        awaitConverged(cluster);
    }
}
