package io.graphraft.tck;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.NetworkFaults;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.REQUEST_TIMEOUT;
import static io.graphraft.tck.ClusterFixture.assumePausable;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.index;
import static io.graphraft.tck.ClusterFixture.submit;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Contract cases: lost quorum, partitions through the link layer (full, asymmetric, bridge, without a
 * majority), pauses, crashes and wiped followers: at most one leader per term, no acknowledged write is lost.
 */
public interface FaultContract extends EngineUnderTest {
    @Test
    default void aLeaderWithoutQuorumRefusesWritesWithAClearErrorAndNoFalseSuccess() {
        Cluster cluster = clusters().started(3);
        List<Long> acknowledged = writeNodes(cluster.client(), 10);
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        List<NodeHandle> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
        followers.forEach(NodeHandle::stop);

        List<CompletableFuture<Result>> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attempts.add(cluster.client().submit(Command.CreateNode.of("no-quorum", Map.of("i", (long) i))));
        }
        for (CompletableFuture<Result> attempt : attempts) {
            await().atMost(REQUEST_TIMEOUT.multipliedBy(3)).until(attempt::isDone);
            assertThatThrownBy(attempt::get)
                    .as("a write without quorum must fail, not succeed")
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(EngineUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }

        followers.forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                clusters().assertAllPresent(cluster.client(), acknowledged));
        awaitConverged(cluster);
    }

    @Test
    default void anIsolatedLeaderStepsDownAndHealingLosesNoAcknowledgedWrite() {
        clusters().assumeLinkLayer();
        Cluster cluster = clusters().started(3);
        List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 10));
        NodeHandle old = cluster.awaitLeader(CONVERGENCE);
        old.isolate();

        await().atMost(CONVERGENCE).until(() -> cluster.nodes().stream()
                .anyMatch(n -> n != old && n.role() == Role.LEADER));
        await().atMost(CONVERGENCE).until(() -> old.role() != Role.LEADER);
        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                submit(cluster.client(), Command.CreateNode.of("majority", Map.of())) instanceof Result.Applied);
        acknowledged.addAll(writeNodes(cluster.client(), 10));

        old.heal();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(old.localRead(new Query.GetNode(
                acknowledged.get(acknowledged.size() - 1)))).isInstanceOf(Result.NodeFound.class));
        clusters().assertAllPresent(cluster.client(), acknowledged);
        awaitConverged(cluster);
    }

    @Test
    default void anAsymmetricCutOfTheLeadersOutgoingLinksElectsAnotherLeaderAndLosesNothing() {
        clusters().assumeLinkLayer();
        Cluster cluster = clusters().started(3);
        NetworkFaults network = cluster.network().orElseThrow();
        try (LeaderWatch watch = new LeaderWatch(cluster)) {
            List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 10));
            NodeHandle old = cluster.awaitLeader(CONVERGENCE);
            for (NodeHandle other : cluster.nodes()) {
                if (other != old) {
                    network.cut(index(old), index(other)); // the old leader hears its peers but cannot reach them
                }
            }
            await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != old).isPresent());
            await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                    submit(cluster.client(), Command.CreateNode.of("after-cut", Map.of())) instanceof Result.Applied);
            acknowledged.addAll(writeNodes(cluster.client(), 10));

            network.healAll();
            clusters().assertAllPresent(cluster.client(), acknowledged);
            awaitConverged(cluster);
            watch.assertAtMostOneLeaderPerTerm();
        }
    }

    @Test
    default void aBridgePartitionKeepsOneLeaderPerTermAndLosesNothing() {
        clusters().assumeLinkLayer();
        Cluster cluster = clusters().started(3);
        NetworkFaults network = cluster.network().orElseThrow();
        try (LeaderWatch watch = new LeaderWatch(cluster)) {
            List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 10));
            NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
            List<NodeHandle> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
            // The first follower reaches both; the leader and the second follower do not reach each other.
            network.bridge(index(followers.get(0)), Set.of(index(leader)), Set.of(index(followers.get(1))));

            await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                    submit(cluster.client(), Command.CreateNode.of("across-the-bridge", Map.of())) instanceof Result.Applied);
            acknowledged.addAll(writeNodes(cluster.client(), 10));

            network.healAll();
            clusters().assertAllPresent(cluster.client(), acknowledged);
            awaitConverged(cluster);
            watch.assertAtMostOneLeaderPerTerm();
        }
    }

    @Test
    default void aPartitionWithoutAMajorityRefusesWritesClearlyAndLosesNothing() {
        clusters().assumeLinkLayer();
        Cluster cluster = clusters().started(3);
        NetworkFaults network = cluster.network().orElseThrow();
        try (LeaderWatch watch = new LeaderWatch(cluster)) {
            List<Long> acknowledged = writeNodes(cluster.client(), 10);
            network.partition(List.of(Set.of(0), Set.of(1), Set.of(2)));

            for (int i = 0; i < 3; i++) {
                CompletableFuture<Result> attempt = cluster.client().submit(Command.CreateNode.of("no-majority", Map.of("i", (long) i)));
                await().atMost(REQUEST_TIMEOUT.multipliedBy(3)).until(attempt::isDone);
                assertThatThrownBy(attempt::get)
                        .as("a write without a majority must fail, not succeed")
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(EngineUnavailableException.class)
                        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
            }

            network.healAll();
            cluster.awaitLeader(CONVERGENCE);
            await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                    clusters().assertAllPresent(cluster.client(), acknowledged));
            awaitConverged(cluster);
            watch.assertAtMostOneLeaderPerTerm();
        }
    }

    @Test
    default void aPausedLeaderIsReplacedAndCatchesUpOnceResumed() {
        Cluster cluster = clusters().started(3);
        assumePausable(cluster);
        List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 10));
        NodeHandle old = cluster.awaitLeader(CONVERGENCE);
        old.pause();
        assertThat(old.role()).isEqualTo(Role.PAUSED);
        assertThat(old.isRunning()).as("a paused node does not answer").isFalse();

        await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != old).isPresent());
        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                submit(cluster.client(), Command.CreateNode.of("while-paused", Map.of())) instanceof Result.Applied);
        acknowledged.addAll(writeNodes(cluster.client(), 5));

        old.resume();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(old.localRead(new Query.GetNode(
                acknowledged.get(acknowledged.size() - 1)))).isInstanceOf(Result.NodeFound.class));
        await().atMost(CONVERGENCE).until(() -> cluster.nodes().stream().filter(n -> n.role() == Role.LEADER).count() == 1);
        clusters().assertAllPresent(cluster.client(), acknowledged);
        awaitConverged(cluster);
    }

    @Test
    default void aCrashedLeaderIsReplacedAndNoAcknowledgedWriteIsLost() {
        Cluster cluster = clusters().started(3);
        List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 15));
        NodeHandle old = cluster.awaitLeader(CONVERGENCE);
        old.stop();

        await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != old).isPresent());
        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                submit(cluster.client(), Command.CreateNode.of("after-crash", Map.of())) instanceof Result.Applied);
        acknowledged.addAll(writeNodes(cluster.client(), 5));
        clusters().assertAllPresent(cluster.client(), acknowledged);

        old.restart();
        awaitConverged(cluster);
    }

    @Test
    default void aWipedFollowerCatchesUpThroughSnapshotInstallAfterLogCompaction() {
        clusters().assumeCapability(Capability.REPLICATION);
        clusters().assumeCapability(Capability.SNAPSHOT_INSTALL);
        ClusterSpec compacting = clusters().spec(3).snapshotThreshold(50).build();
        ClusterSpec keepingTenEntries = compacting.toBuilder().trailingLogs(10).build();
        // An engine that keeps no trailing entries behind a snapshot has no trailingLogs setting.
        Cluster cluster = clusters().start(
                Clusters.unsupported(engine(), keepingTenEntries, clusters().deployment()).isPresent() ? compacting : keepingTenEntries);
        cluster.awaitLeader(CONVERGENCE);
        List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 60));
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        NodeHandle follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        follower.stop();
        follower.wipe();
        acknowledged.addAll(writeNodes(cluster.client(), 200));
        for (NodeHandle node : cluster.nodes()) {
            if (node.isRunning()) {
                node.takeSnapshot();
            }
        }
        acknowledged.addAll(writeNodes(cluster.client(), 5));

        follower.restart();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(follower.localRead(new Query.GetNode(
                acknowledged.get(acknowledged.size() - 1)))).isInstanceOf(Result.NodeFound.class));
        awaitConverged(cluster);
        assertThat(follower.localRead(new Query.GetNode(acknowledged.get(0)))).isInstanceOf(Result.NodeFound.class);
    }
}
