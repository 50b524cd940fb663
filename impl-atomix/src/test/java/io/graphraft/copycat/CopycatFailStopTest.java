package io.graphraft.copycat;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A replica whose state machine fails stops (like a Ratis division or the durable baseline) instead of serving a diverged state. */
class CopycatFailStopTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Cluster start(ClusterSpec.Builder spec) {
        return Engines.byName("copycat").start(spec.nodes(3)
                .electionTimeout(Duration.ofMillis(500)).heartbeatInterval(Duration.ofMillis(150)).build());
    }

    @Test
    void aFollowerWhoseStateMachineFailsStopsAndARestartBringsItBackIdentical() {
        try (Cluster cluster = start(ClusterSpec.builder(temp))) {
            NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
            write(cluster.client(), 5);
            CopycatNode follower = (CopycatNode) cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            follower.graph().close(); // its store fails: every later apply throws

            write(cluster.client(), 5); // the leader and the other follower are a quorum
            await("the failed follower to stop").atMost(CONVERGENCE).until(() -> !follower.isRunning());

            follower.restart();
            awaitConverged(cluster);
        }
    }

    @Test
    void aFollowerWhoseSnapshotInstallFailsStopsInsteadOfApplyingOntoAnEmptyGraph() throws IOException {
        try (Cluster cluster = start(ClusterSpec.builder(temp).snapshotThreshold(50))) {
            cluster.awaitLeader(CONVERGENCE);
            write(cluster.client(), 60);
            NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
            NodeHandle follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            follower.stop();
            follower.wipe();
            write(cluster.client(), 200);
            for (NodeHandle node : cluster.nodes()) {
                if (node.isRunning()) {
                    node.takeSnapshot();
                }
            }
            write(cluster.client(), 5);
            for (int i = 0; i < cluster.nodes().size(); i++) {
                if (cluster.nodes().get(i) != follower) {
                    corruptSnapshots(cluster.spec().nodeDirectory(i));
                }
            }

            follower.restart();
            await("the follower to stop on the corrupt snapshot").atMost(CONVERGENCE).until(() -> !follower.isRunning());
        }
    }

    /** Flips a byte in the middle of every Copycat snapshot file below {@code node}: a snapshot sent from there fails its checksum. */
    private static void corruptSnapshots(Path node) throws IOException {
        List<Path> snapshots;
        try (Stream<Path> files = Files.walk(node)) {
            snapshots = files.filter(p -> p.getFileName().toString().endsWith(".snapshot")).toList();
        }
        assertThat(snapshots).isNotEmpty();
        for (Path snapshot : snapshots) {
            try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
                long middle = file.length() / 2;
                file.seek(middle);
                int b = file.read();
                file.seek(middle);
                file.write(b ^ 0x5A);
            }
        }
    }

    private static void write(GraphClient client, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(client.submit(Command.CreateNode.of("N", Map.of("i", (long) i))).join()).isInstanceOf(Result.Applied.class);
        }
    }

    private static void awaitConverged(Cluster cluster) {
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> {
            List<Result> digests = cluster.nodes().stream().map(n -> n.localRead(new Query.Digest())).toList();
            assertThat(new HashSet<>(digests)).as("digests of all nodes %s", digests).hasSize(1);
        });
    }
}
