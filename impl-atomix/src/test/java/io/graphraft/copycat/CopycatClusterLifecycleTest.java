package io.graphraft.copycat;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.util.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the contract suite does not cover: threads after close and after a failed start, five nodes. */
class CopycatClusterLifecycleTest {
    @TempDir
    Path temp;

    @Test
    void closingAClusterStopsEveryThreadItStarted() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Cluster cluster = Clusters.start(Engines.byName("copycat"), ClusterSpec.builder(temp).nodes(3).build())) {
            NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
            writeNodes(cluster.client(), 10);
            writeNodes(cluster.newClient(), 10);
            leader.stop();
            leader.restart();
            cluster.awaitLeader(CONVERGENCE);
            // A client that never gets a session (no quorum) must be closed all the same.
            cluster.nodes().stream().filter(NodeHandle::isRunning).limit(2).forEach(NodeHandle::stop);
            cluster.newClient();
        }
        await("threads started by the cluster to end").atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(newThreads(before)).as("threads still alive after close").isEmpty());
    }

    @Test
    void aServerThatCannotBindFailsClearlyAndLeavesNoThreads() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ServerSocket taken = new ServerSocket(0, 1, LoopbackPorts.IPV4)) {
            ClusterSpec spec = ClusterSpec.builder(temp).build();
            InetSocketAddress address = new InetSocketAddress(LoopbackPorts.IPV4, taken.getLocalPort());
            MemberConfig config = MemberConfig.direct(new ClusterLayout("taken", List.of(address)), 0);
            assertThatThrownBy(() -> Engines.byName("copycat").startMember(spec, config))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("failed to start on").hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
        await("threads of the failed server to end").atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(newThreads(before)).as("threads still alive").isEmpty());
    }

    @Test
    void fiveNodesReplaceACrashedLeader() {
        try (Cluster cluster = Clusters.start(Engines.byName("copycat"), ClusterSpec.builder(temp).nodes(5).build())) {
            NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
            writeNodes(cluster.client(), 10);
            leader.stop();
            await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != leader).isPresent());
            await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                    cluster.client().submit(Command.CreateNode.of("after", Map.of())).get(5, TimeUnit.SECONDS)
                            instanceof Result.Applied);
        }
    }

    /** Threads alive now that were not before, excluding the JDK's shared daemon pools and Awaitility's poller. */
    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool")
                        && !thread.getName().equals("CompletableFutureDelayScheduler")
                        && !thread.getName().startsWith("awaitility"))
                .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : ""))
                .collect(Collectors.toSet());
    }
}
