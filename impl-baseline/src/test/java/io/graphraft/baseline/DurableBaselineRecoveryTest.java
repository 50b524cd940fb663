package io.graphraft.baseline;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.cluster.Clusters;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.store.StoreKind;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** What the durable baseline does with damaged files: keep every acknowledged write, or refuse clearly. */
class DurableBaselineRecoveryTest {
    @TempDir
    Path temp;

    private Cluster start(LogKind log, long snapshotThreshold) {
        return start(log, snapshotThreshold, StoreKind.HEAP);
    }

    private Cluster start(LogKind log, long snapshotThreshold, StoreKind store) {
        ClusterSpec.Builder spec = ClusterSpec.builder(temp).option(LogKind.OPTION, log.label()).store(store);
        if (snapshotThreshold > 0) {
            spec.snapshotThreshold(snapshotThreshold);
        }
        return Clusters.start(Engines.byName("baseline-durable"), spec.build());
    }

    private Path nodeDirectory() {
        return temp.resolve("node-0");
    }

    private Path snapshots() {
        return nodeDirectory().resolve("snapshots");
    }

    /** The snapshot file of the node's only snapshot directory. */
    private Path snapshotFile() throws IOException {
        try (Stream<Path> listing = Files.list(snapshots())) {
            List<Path> directories = listing.toList();
            assertThat(directories).hasSize(1);
            return directories.get(0).resolve("snapshot.bin");
        }
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
            Path snapshot = snapshotFile();
            byte[] bytes = Files.readAllBytes(snapshot);
            bytes[bytes.length / 2] ^= 0x11;
            Files.write(snapshot, bytes);

            assertThatThrownBy(node::restart).hasMessageContaining("snapshot.bin").hasMessageContaining("corrupt");
            assertThat(snapshot).exists().hasBinaryContent(bytes);
        }
    }

    @Test
    void corruptionBeforeTheTailStopsTheStartNamingFileAndOffsetAndKeepsTheLog() throws IOException {
        try (Cluster cluster = start(LogKind.FILECHANNEL, 0)) {
            write(cluster, 50);
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            Path wal = nodeDirectory().resolve("log/wal.log");
            byte[] bytes = Files.readAllBytes(wal);
            int flipped = bytes.length / 3;
            long damagedRecord = recordContaining(bytes, flipped);
            bytes[flipped] ^= 0x5A;
            Files.write(wal, bytes);

            assertThatThrownBy(node::restart).hasMessageContaining(wal.toString())
                    .hasMessageContaining("byte " + damagedRecord);
            assertThat(wal).as("nothing cut from the log").hasBinaryContent(bytes);
            assertThat(node.isRunning()).isFalse();
        }
    }

    /** The offset of the record of the file-channel log that holds byte {@code position}. */
    private static long recordContaining(byte[] log, int position) {
        int offset = 0;
        while (true) {
            int next = offset + 16 + ByteBuffer.wrap(log, offset, 4).getInt();
            if (next > position) {
                return offset;
            }
            offset = next;
        }
    }

    @ParameterizedTest
    @EnumSource(LogKind.class)
    void aLogThatDoesNotContinueWhereTheStateEndsStopsTheStartAndDeletesNothing(LogKind log) throws IOException {
        try (Cluster cluster = start(log, 0)) {
            write(cluster, 30);
            NodeHandle node = cluster.nodes().get(0);
            node.takeSnapshot();
            List<Long> acknowledged = write(cluster, 20);
            Result digest = node.localRead(new Query.Digest());
            node.stop();
            Path aside = temp.resolve("snapshots-aside");
            Files.move(snapshots(), aside);

            assertThatThrownBy(node::restart).hasMessageContaining("index 31").hasMessageContaining("missing");
            assertThat(node.isRunning()).isFalse();

            Files.move(aside, snapshots());
            node.restart();
            assertThat(node.localRead(new Query.Digest())).isEqualTo(digest);
            assertThat(node.localRead(new Query.GetNode(acknowledged.get(19)))).isInstanceOf(Result.NodeFound.class);
        }
    }

    @Test
    void aCommandLargerThanTheLogReplaysIsRefusedAndNothingIsLost() {
        try (Cluster cluster = start(LogKind.FILECHANNEL, 0)) {
            write(cluster, 3);
            CompletableFuture<byte[]> huge = cluster.client().submitEncoded(new byte[(256 << 20) + 1]);
            assertThatThrownBy(huge::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("268435456 bytes");
            List<Long> after = write(cluster, 3);
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            node.restart();
            assertThat(node.localRead(new Query.GetNode(after.get(2)))).isInstanceOf(Result.NodeFound.class);
        }
    }

    @Test
    void aFailedAutomaticSnapshotIsLoggedAndTheLogIsKept() throws IOException {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try (Cluster cluster = start(LogKind.FILECHANNEL, 20)) {
            // A file where the snapshots' directory goes: every snapshot write fails.
            Files.write(snapshots(), new byte[0]);
            List<Long> acknowledged = write(cluster, 50);
            await().atMost(Duration.ofSeconds(20)).until(() -> captured.toString().contains("snapshot"));
            assertThat(captured.toString()).contains("failed").contains(snapshots().toString());
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            node.restart();
            for (long id : acknowledged) {
                assertThat(node.localRead(new Query.GetNode(id))).isInstanceOf(Result.NodeFound.class);
            }
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void aStartThatFailsWhileReplayingLeavesNothingOpenSoTheRepairedNodeStarts() throws RocksDBException {
        try (Cluster cluster = start(LogKind.ROCKSDB, 0, StoreKind.ROCKSDB)) {
            List<Long> acknowledged = write(cluster, 20);
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            Path logDirectory = nodeDirectory().resolve("log");
            byte[] foreignKey = {0x7f, 0x7f, 0x7f};
            try (Options options = new Options(); RocksDB db = RocksDB.open(options, logDirectory.toString())) {
                db.put(foreignKey, new byte[] {1});
            }
            Throwable failedStart = catchThrowable(node::restart);
            assertThat(node.isRunning()).isFalse();

            // Opening the log again fails while the failed start still holds it (RocksDB's lock).
            try (Options options = new Options(); RocksDB db = RocksDB.open(options, logDirectory.toString())) {
                db.delete(foreignKey);
            }
            node.restart();
            for (long id : acknowledged) {
                assertThat(node.localRead(new Query.GetNode(id))).isInstanceOf(Result.NodeFound.class);
            }
            assertThat(failedStart).hasMessageContaining("node cannot start").hasMessageContaining("key of 3 bytes");
        }
    }

    @Test
    void corruptionInsideTheRocksDbLogStopsTheStart() throws IOException {
        try (Cluster cluster = start(LogKind.ROCKSDB, 0)) {
            write(cluster, 200);
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            Path wal;
            try (Stream<Path> files = Files.list(nodeDirectory().resolve("log"))) {
                wal = files.filter(p -> p.getFileName().toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(wal);
            bytes[bytes.length / 3] ^= 0x5A;
            Files.write(wal, bytes);

            assertThatThrownBy(node::restart).hasMessageContaining("orrupt");
            assertThat(node.isRunning()).isFalse();
        }
    }
}
