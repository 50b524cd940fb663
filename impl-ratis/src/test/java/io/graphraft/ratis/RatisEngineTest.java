package io.graphraft.ratis;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Role;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;
import io.graphraft.tck.ClusterFixture;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.util.MD5FileUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.join;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.awaitility.Awaitility.await;

/** What the contract suite does not pin down for Ratis: transports, durability modes, client recovery, snapshot installs. */
@Tag("slow") // about a minute: runs after verify (.ci/run), which keeps `mvn -B verify` under 10 minutes on 2 cores
class RatisEngineTest {
    @TempDir
    Path temp;

    private ClusterFixture clusters;

    /** 500/1000 ms, as in the contract suite: shorter timeouts saw spurious elections on a busy 2-core machine. */
    @BeforeEach
    void openFixture() {
        clusters = new ClusterFixture(Engines.byName(RatisEngine.NAME), temp, b -> b.electionTimeout(Duration.ofMillis(500)));
    }

    @AfterEach
    void closeClusters() {
        clusters.close();
    }

    @ParameterizedTest(name = "rpc={0} durability={1}")
    @CsvSource({"netty,FSYNC", "netty,NONE", "grpc,FSYNC", "grpc,NONE"})
    void everyTransportAndDurabilityServesWritesAndBothReadConsistencies(String rpc, Durability durability) {
        Cluster cluster = clusters.started(clusters.spec(3).option("rpc", rpc).durability(durability));
        GraphClient client = cluster.client();
        long id = applied(client, Command.CreateNode.of("N", Map.of("k", "v")));

        assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE))).isInstanceOf(Result.NodeFound.class);
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LOCAL))).isInstanceOf(Result.NodeFound.class));
        GraphClient other = cluster.newClient();
        assertThat(join(other.read(new Query.Count(), ReadConsistency.LINEARIZABLE))).isEqualTo(new Result.Counts(1, 0));
    }

    @ParameterizedTest(name = "rpc={0}")
    @ValueSource(strings = {"netty", "grpc"})
    void aLinearizableReadSentBeforeAnyLeaderIsElectedWaitsForOne(String rpc) {
        Cluster cluster = clusters.started(clusters.spec(3).option("rpc", rpc));
        long id = applied(cluster.client(), Command.CreateNode.of("N", Map.of()));
        cluster.nodes().forEach(NodeHandle::stop);
        cluster.nodes().forEach(NodeHandle::restart);

        GraphClient fresh = cluster.newClient();
        assertThat(join(fresh.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE))).isInstanceOf(Result.NodeFound.class);
        assertThat(join(cluster.client().read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE)))
                .isInstanceOf(Result.NodeFound.class);
    }

    @Test
    void fiveNodesKeepServingWithTwoOfThemDown() {
        Cluster cluster = clusters.started(clusters.spec(5));
        GraphClient client = cluster.client();
        applied(client, Command.CreateNode.of("N", Map.of()));
        cluster.nodes().stream().filter(n -> n.role() != Role.LEADER).limit(2).forEach(NodeHandle::stop);

        long id = applied(client, Command.CreateNode.of("N", Map.of()));
        assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE))).isInstanceOf(Result.NodeFound.class);
        assertThat(cluster.nodes()).filteredOn(NodeHandle::isRunning).hasSize(3);
    }

    @Test
    void aClientKeepsWorkingAfterItsRequestsFailed() {
        Cluster cluster = clusters.started(clusters.spec(3));
        GraphClient client = cluster.client();
        applied(client, Command.CreateNode.of("before", Map.of()));
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        List<NodeHandle> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
        followers.forEach(NodeHandle::stop);

        assertThatThrownBy(() -> client.submit(Command.CreateNode.of("lost", Map.of())).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(EngineUnavailableException.class);

        followers.forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);
        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                join(client.submit(Command.CreateNode.of("after", Map.of()))) instanceof Result.Applied);
        for (int i = 0; i < 5; i++) {
            applied(client, Command.CreateNode.of("more", Map.of()));
            assertThat(join(client.read(new Query.Count(), ReadConsistency.LINEARIZABLE))).isInstanceOf(Result.Counts.class);
        }
    }

    @Test
    void localReadsMoveOnFromACrashedPeer() {
        Cluster cluster = clusters.started(clusters.spec(3));
        GraphClient client = cluster.client();
        long id = applied(client, Command.CreateNode.of("N", Map.of()));
        assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LOCAL))).as("the leader applied it before answering")
                .isInstanceOf(Result.NodeFound.class);
        cluster.awaitLeader(CONVERGENCE).stop();

        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LOCAL))).isInstanceOf(Result.NodeFound.class));
    }

    @ParameterizedTest(name = "store={0}")
    @EnumSource(StoreKind.class)
    void aWipedFollowerStartsFromTheLeadersSnapshotNotFromTheLog(StoreKind store) throws IOException {
        Cluster cluster = clusters.started(clusters.spec(3).store(store).snapshotThreshold(50).trailingLogs(10));
        GraphClient client = cluster.client();
        writeNodes(client, 60);
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        NodeHandle follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        follower.stop();
        follower.wipe();
        List<Long> ids = writeNodes(client, 200);
        leader.takeSnapshot();
        // Ratis purges on its log worker thread, after the snapshot request returns.
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(logStartIndex(cluster, leader)).as("leader log purged up to its snapshot").isGreaterThan(1));

        follower.restart();
        List<Long> tail = writeNodes(client, 5);
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(follower.localRead(new Query.GetNode(tail.get(tail.size() - 1))))
                .isInstanceOf(Result.NodeFound.class));
        assertThat(follower.localRead(new Query.GetNode(ids.get(0)))).isInstanceOf(Result.NodeFound.class);
        assertThat(logStartIndex(cluster, follower)).as("the wiped follower's log begins after an installed snapshot")
                .isGreaterThan(1);
        assertThat(follower.snapshotSizeBytes()).isPositive();
        assertThat(follower.localRead(new Query.Digest())).isEqualTo(leader.localRead(new Query.Digest()));
        if (store == StoreKind.ROCKSDB) {
            assertThat(filesDirectories(cluster, follower)).as("the install sent the checkpoint's files beside the snapshot file")
                    .isNotEmpty().allSatisfy(files -> assertThat(names(files)).anyMatch(name -> name.endsWith(".sst")));
        }
    }

    @Test
    void aRocksDbSnapshotKeepsItsCheckpointBesideTheSnapshotFileAndRetiredOnesAreRemoved() throws IOException {
        Cluster cluster = clusters.started(clusters.spec(1).store(StoreKind.ROCKSDB));
        NodeHandle node = cluster.nodes().get(0);
        for (int i = 0; i < 3; i++) {
            writeNodes(cluster.client(), 5);
            node.takeSnapshot();
        }
        // Ratis retires snapshots after it answered the snapshot request.
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            List<Path> retained = snapshotFiles(cluster, node);
            assertThat(retained).as("Ratis retains two snapshots").hasSize(2);
            assertThat(filesDirectories(cluster, node)).as("each retained snapshot file has its files, the retired one none")
                    .containsExactlyInAnyOrderElementsOf(retained.stream().map(GraphSnapshotStorage::filesDirectory).toList());
        });
        List<Path> snapshots = snapshotFiles(cluster, node);
        assertThat(filesDirectories(cluster, node)).allSatisfy(files ->
                assertThat(names(files)).anyMatch(name -> name.endsWith(".sst")).contains("CURRENT"));

        node.stop();
        Path stateMachine = snapshots.get(0).getParent();
        Path orphan = Files.createDirectories(stateMachine.resolve("snapshot.1_1" + GraphSnapshotStorage.FILES_SUFFIX));
        Files.writeString(orphan.resolve("000001.sst"), "left by a crash before its snapshot file was renamed");
        Path staging = Files.createDirectories(stateMachine.resolve("snapshot.1_2.staging.tmp"));
        node.restart();

        assertThat(orphan).as("a files directory without its snapshot file").doesNotExist();
        assertThat(staging).as("a staging directory a crash left").doesNotExist();
        assertThat(filesDirectories(cluster, node)).hasSize(2);
        assertThat(node.localRead(new Query.Count())).isEqualTo(new Result.Counts(15, 0));
    }

    /** Snapshots written before files directories are one self-contained file (the checkpoint streamed inside). */
    @Test
    void aRestartFromASingleFileRocksDbSnapshotWrittenBeforeFilesDirectoriesRestoresTheGraph() throws IOException {
        Cluster cluster = clusters.started(clusters.spec(1).store(StoreKind.ROCKSDB).snapshotThreshold(50).trailingLogs(10));
        NodeHandle node = cluster.nodes().get(0);
        List<Long> ids = writeNodes(cluster.client(), 80);
        node.takeSnapshot();
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(logStartIndex(cluster, node)).as("log purged up to the snapshot").isGreaterThan(1));
        Result digest = node.localRead(new Query.Digest());
        node.stop();
        for (Path snapshot : snapshotFiles(cluster, node)) {
            rewriteAsSingleFile(cluster, snapshot);
        }
        assertThat(filesDirectories(cluster, node)).isEmpty();

        node.restart();

        assertThat(node.localRead(new Query.GetNode(ids.get(0)))).as("only the snapshot holds it").isInstanceOf(Result.NodeFound.class);
        assertThat(node.localRead(new Query.Digest())).isEqualTo(digest);
        writeNodes(cluster.client(), 5);
        node.takeSnapshot();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(filesDirectories(cluster, node))
                .as("the next snapshot keeps its files beside it again").hasSize(1));
    }

    @Test
    void aRestartFromARocksDbSnapshotMissingACheckpointFileFailsNamingIt() throws IOException {
        Cluster cluster = clusters.started(clusters.spec(1).store(StoreKind.ROCKSDB));
        writeNodes(cluster.client(), 10);
        NodeHandle node = cluster.nodes().get(0);
        node.takeSnapshot();
        node.stop();
        Path files = filesDirectories(cluster, node).get(0);
        String sst = names(files).stream().filter(name -> name.endsWith(".sst")).findFirst().orElseThrow();
        Files.delete(files.resolve(sst));

        assertThatThrownBy(node::restart)
                .isInstanceOf(EngineUnavailableException.class)
                .hasStackTraceContaining(sst).hasStackTraceContaining("missing");
        assertThat(node.role()).isEqualTo(Role.STOPPED);
    }

    /** No MD5 is checked on restart (the graph's block checksums are): a damaged snapshot must still stop the start. */
    @Test
    void aRestartFromACorruptSnapshotFailsNamingItsChecksumAndKeepsTheFile() throws IOException {
        Cluster cluster = clusters.started(clusters.spec(1));
        writeNodes(cluster.client(), 10);
        NodeHandle node = cluster.nodes().get(0);
        node.takeSnapshot();
        node.stop();
        Path snapshot = snapshotFiles(cluster, node).get(0);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(snapshot, bytes);

        assertThatThrownBy(node::restart)
                .isInstanceOf(EngineUnavailableException.class)
                .hasStackTraceContaining("checksum");
        assertThat(node.role()).isEqualTo(Role.STOPPED);
        assertThat(snapshot).as("the snapshot is left for inspection").exists();
    }

    @Test
    void anUnknownTransportFailsNamingTheOptionAndItsValues() {
        assertThatThrownBy(() -> clusters.start(clusters.spec(1).option("rpc", "carrier-pigeon").build()))
                .isInstanceOf(UnsupportedSettingException.class)
                .hasMessageContaining("'rpc'").hasMessageContaining("carrier-pigeon").hasMessageContaining("netty");
        assertThatThrownBy(() -> clusters.start(clusters.spec(1).heartbeatInterval(Duration.ofMillis(50)).build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("heartbeatInterval");
    }

    @Test
    void reportsTheRatisVersionOnTheClasspath() {
        assertThat(clusters.engine().libraryVersions()).containsEntry("org.apache.ratis", "3.3.0");
    }

    @Test
    void closingAClusterEndsItsNonDaemonThreads() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Cluster cluster = clusters.started(clusters.spec(3));
        writeNodes(cluster.client(), 5);
        cluster.newClient();
        cluster.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> !before.contains(t) && t.isAlive() && !t.isDaemon() && !t.getName().startsWith("awaitility"))
                .extracting(Thread::getName)
                .isEmpty());
    }

    /** Ratis's snapshot files (snapshot.<term>_<index>) in a node's state machine directory, oldest first. */
    private static List<Path> snapshotFiles(Cluster cluster, NodeHandle node) throws IOException {
        return listStateMachineDirectory(cluster, node).filter(p -> SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().replaceFirst(".*_", ""))))
                .toList();
    }

    private static List<Path> filesDirectories(Cluster cluster, NodeHandle node) throws IOException {
        return listStateMachineDirectory(cluster, node)
                .filter(p -> Files.isDirectory(p) && p.getFileName().toString().endsWith(GraphSnapshotStorage.FILES_SUFFIX))
                .toList();
    }

    private static Stream<Path> listStateMachineDirectory(Cluster cluster, NodeHandle node) throws IOException {
        Path stateMachine;
        try (Stream<Path> walk = Files.walk(cluster.spec().nodeDirectory(ClusterFixture.index(node)).resolve("ratis"))) {
            stateMachine = walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("sm")).findFirst().orElseThrow();
        }
        try (Stream<Path> entries = Files.list(stateMachine)) {
            return entries.toList().stream();
        }
    }

    private static List<String> names(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns a snapshot into the self-contained single file this adapter wrote before, with Ratis's .md5 for it. */
    private void rewriteAsSingleFile(Cluster cluster, Path snapshot) throws IOException {
        Path files = GraphSnapshotStorage.filesDirectory(snapshot);
        try (GraphStateMachine graph = GraphStateMachine.open(StoreKind.ROCKSDB, temp.resolve("rewrite-" + snapshot.getFileName()),
                cluster.spec().codec().codec())) {
            graph.restoreSnapshot(snapshot, files);
            graph.writeSnapshot(snapshot);
        }
        Directories.deleteRecursively(files);
        MD5FileUtil.computeAndSaveMd5ForFile(snapshot.toFile());
    }

    private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

    /** The first index in a node's Raft log, from the names of its segment files (log_<start>-<end>, log_inprogress_<start>). */
    private static long logStartIndex(Cluster cluster, NodeHandle node) {
        Path directory = cluster.spec().nodeDirectory(ClusterFixture.index(node)).resolve("ratis");
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(file -> SEGMENT.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(segment -> Long.parseLong(segment.group(1)))
                    .min().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
