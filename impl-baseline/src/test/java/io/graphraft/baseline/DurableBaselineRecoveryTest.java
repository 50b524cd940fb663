package io.graphraft.baseline;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.cluster.Clusters;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.NodeHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the durable baseline does with damaged files: keep every acknowledged write, or refuse clearly. */
class DurableBaselineRecoveryTest {
    @TempDir
    Path temp;

    private Cluster start(LogKind log, long snapshotThreshold) {
        ClusterSpec.Builder spec = ClusterSpec.builder(temp).option(LogKind.OPTION, log.label());
        if (snapshotThreshold > 0) {
            spec.snapshotThreshold(snapshotThreshold);
        }
        return Clusters.start(Engines.byName("baseline-durable"), spec.build());
    }

    private static List<Long> write(Cluster cluster, int count) {
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(cluster.client().submit(Command.CreateNode.of("N", Map.of("i", (long) i))));
        }
        return futures.stream().map(f -> ((Result.Applied) f.join()).id()).toList();
    }

    @Test
    void aTornTailIsCutOffAndEveryAcknowledgedWriteSurvives() throws IOException {
        try (Cluster cluster = start(LogKind.FILECHANNEL, 0)) {
            List<Long> acknowledged = write(cluster, 50);
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            Path wal = temp.resolve("node-0/log/wal.log");
            // A crash in the middle of a write: half a record header and some payload bytes.
            Files.write(wal, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);
            node.restart();
            for (long id : acknowledged) {
                assertThat(node.localRead(new Query.GetNode(id))).isInstanceOf(Result.NodeFound.class);
            }
            assertThat(((Result.Applied) cluster.client().submit(Command.CreateNode.of("next", Map.of())).join()).id())
                    .isEqualTo(51);
        }
    }

    @ParameterizedTest
    @EnumSource(LogKind.class)
    void automaticSnapshotsDropTheLogAndRestartReplaysOnlyTheTail(LogKind log) {
        try (Cluster cluster = start(log, 20)) {
            List<Long> acknowledged = write(cluster, 105);
            NodeHandle node = cluster.nodes().get(0);
            // The writer snapshots after answering the group that crossed the threshold.
            await().atMost(Duration.ofSeconds(30)).until(() -> node.snapshotSizeBytes() > 0);
            if (log == LogKind.FILECHANNEL) {
                int record = 16 + cluster.client().codec().encodeCommand(Command.CreateNode.of("N", Map.of("i", 100L))).length;
                assertThat(node.logSizeBytes()).as("the log keeps only what the snapshot does not cover")
                        .isLessThan(20L * record);
            }
            Result digest = node.localRead(new Query.Digest());
            node.stop();
            node.restart();
            assertThat(node.localRead(new Query.Digest())).isEqualTo(digest);
            assertThat(node.lastAppliedIndex()).isEqualTo(acknowledged.size());
        }
    }

    @Test
    void aCorruptSnapshotStopsTheStartWithAClearErrorAndDeletesNothing() throws IOException {
        try (Cluster cluster = start(LogKind.FILECHANNEL, 0)) {
            write(cluster, 30);
            NodeHandle node = cluster.nodes().get(0);
            node.takeSnapshot();
            node.stop();
            Path snapshot = temp.resolve("node-0/snapshot.bin");
            byte[] bytes = Files.readAllBytes(snapshot);
            bytes[bytes.length / 2] ^= 0x11;
            Files.write(snapshot, bytes);

            assertThatThrownBy(node::restart).hasMessageContaining("snapshot.bin").hasMessageContaining("corrupt");
            assertThat(snapshot).exists().hasBinaryContent(bytes);
        }
    }
}
