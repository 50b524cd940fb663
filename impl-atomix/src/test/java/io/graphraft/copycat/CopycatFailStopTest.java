package io.graphraft.copycat;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;
import io.graphraft.core.util.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private static ClusterSpec.Builder settings(ClusterSpec.Builder spec) {
        return spec.nodes(3).electionTimeout(Duration.ofMillis(500)).heartbeatInterval(Duration.ofMillis(150));
    }

    private Cluster start(ClusterSpec.Builder spec) {
        return Clusters.start(Engines.byName("copycat"), settings(spec).build());
    }

    /** Members started one by one (not through a cluster), so the test can break one member's graph store. */
    @Test
    void aFollowerWhoseStateMachineFailsStopsAndARestartBringsItBackIdentical() {
        Engine copycat = Engines.byName("copycat");
        ClusterSpec spec = settings(ClusterSpec.builder(temp)).build();
        ClusterLayout layout = new ClusterLayout("fail-stop", LoopbackPorts.free(3).stream()
                .map(port -> new InetSocketAddress(LoopbackPorts.IPV4, port)).toList());
        List<CopycatMember> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add((CopycatMember) copycat.startMember(spec, MemberConfig.direct(layout, i)));
            }
            try (GraphClient client = copycat.connect(spec, layout)) {
                write(client, 5);
                int follower = await().atMost(CONVERGENCE).until(() -> indexOf(members, Role.FOLLOWER), i -> i >= 0);
                members.get(follower).graph().close(); // its store fails: every later apply throws

                write(client, 5); // the leader and the other follower are a quorum
                await("the failed follower to stop").atMost(CONVERGENCE).until(() -> members.get(follower).role() == Role.STOPPED);

                members.set(follower, (CopycatMember) copycat.startMember(spec, MemberConfig.direct(layout, follower)));
                await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> {
                    List<Result> digests = members.stream().map(m -> m.localRead(new Query.Digest())).toList();
                    assertThat(new HashSet<>(digests)).as("digests of all members %s", digests).hasSize(1);
                });
            }
        } finally {
            members.forEach(CopycatMember::close);
        }
    }

    private static int indexOf(List<CopycatMember> members, Role role) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).role() == role) {
                return i;
            }
        }
        return -1;
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

}
