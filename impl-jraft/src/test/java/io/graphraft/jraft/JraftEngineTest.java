package io.graphraft.jraft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.REQUEST_TIMEOUT;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.index;
import static io.graphraft.tck.ClusterFixture.join;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the contract suite does not pin down for jraft: fail-stop, crash-like stops, snapshot installs,
 * the cut, settings. Members run in this JVM, so the test reaches a member's jraft node through
 * jraft's own registry of the nodes in this JVM ({@link #jraftNode}).
 */
class JraftEngineTest {
    private static final Deployment LINKED = Deployment.inJvm().withLinkLayer(LinkSettings.NONE);

    @TempDir
    Path temp;

    private final List<Cluster> clusters = new ArrayList<>();
    private int clusterCount;

    @AfterEach
    void closeClusters() {
        clusters.forEach(Cluster::close);
    }

    @Test
    void aStateMachineFailureOnTheLeaderStopsItWithoutAcknowledgingTheWrite() {
        Cluster cluster = started(spec(3));
        GraphClient client = cluster.client();
        List<Long> acknowledged = new ArrayList<>(writeNodes(client, 5));
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        graph(cluster, leader).close(); // the store fails under the leader: its next apply throws

        assertThatThrownBy(() -> join(client.submit(Command.CreateNode.of("doomed", Map.of()))))
                .isInstanceOf(EngineUnavailableException.class);
        await().atMost(CONVERGENCE).until(() -> leader.role() == Role.STOPPED && !leader.isRunning());
        assertThatThrownBy(() -> leader.localRead(new Query.Count()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("stopped itself").hasMessageContaining("graph state machine");

        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                join(client.submit(Command.CreateNode.of("after", Map.of()))) instanceof Result.Applied);
        assertAllPresent(client, acknowledged);

        leader.stop(); // it stopped itself; its place in the cluster is freed only by a stop
        leader.restart(); // from its own directory: the entry that failed applies now
        awaitConverged(cluster);
    }

    @Test
    void aStopIsACrashNotJraftsLeadershipHandOver() {
        // jraft's own shutdown, on a leader, makes a follower elect itself at once (TimeoutNow)...
        Cluster graceful = started(spec(3));
        NodeHandle gracefulLeader = graceful.awaitLeader(CONVERGENCE);
        slowDownElections(graceful, gracefulLeader);
        jraftNode(graceful, gracefulLeader).shutdown();
        await("a follower takes over from a leader shutting down gracefully").atMost(CONVERGENCE)
                .until(() -> graceful.leader().filter(n -> n != gracefulLeader).isPresent());

        // ...whereas after stop() the followers wait for their (now minute-long) election timeout.
        Cluster crashing = started(spec(3));
        NodeHandle crashed = crashing.awaitLeader(CONVERGENCE);
        slowDownElections(crashing, crashed);
        crashed.stop();
        await("no follower takes over right after a crash").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> crashing.leader().isEmpty());
        assertThat(crashed.role()).isEqualTo(Role.STOPPED);
    }

    @ParameterizedTest(name = "store={0}")
    @EnumSource(StoreKind.class)
    void aWipedFollowerStartsFromTheLeadersSnapshotNotFromTheLog(StoreKind store) {
        Cluster cluster = started(spec(3).store(store));
        GraphClient client = cluster.client();
        writeNodes(client, 30);
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        NodeHandle follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        follower.stop();
        follower.wipe();
        List<Long> ids = writeNodes(client, 50);
        leader.takeSnapshot();
        writeNodes(client, 20);
        leader.takeSnapshot(); // jraft truncates its log up to the previous snapshot
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(firstLogIndex(cluster, leader)).as("leader log truncated behind its first snapshot").isGreaterThan(1));

        follower.restart();
        List<Long> tail = writeNodes(client, 5);
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(follower.localRead(new Query.GetNode(tail.get(tail.size() - 1))))
                .isInstanceOf(Result.NodeFound.class));
        assertThat(follower.localRead(new Query.GetNode(ids.get(0)))).isInstanceOf(Result.NodeFound.class);
        assertThat(firstLogIndex(cluster, follower)).as("the wiped follower's log begins after an installed snapshot").isGreaterThan(1);
        assertThat(follower.snapshotSizeBytes()).isPositive();
        awaitConverged(cluster);
    }

    @Test
    void aSnapshotThatCannotBeLoadedStopsTheStartNamingItAndDeletesNothing() throws IOException {
        Cluster cluster = started(spec(1));
        writeNodes(cluster.client(), 10);
        NodeHandle node = cluster.nodes().get(0);
        node.takeSnapshot();
        node.stop();
        Path snapshotFile = corruptNewestSnapshot(temp);

        assertThatThrownBy(node::restart)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("n0").hasMessageContaining("snapshot").hasMessageContaining("checksum");
        assertThat(node.role()).isEqualTo(Role.STOPPED);
        assertThat(snapshotFile).as("the snapshot is left for inspection").exists();
    }

    @Test
    void aFollowerThatCannotLoadAnInstalledSnapshotStopsInsteadOfServingAnUnrestoredGraph() throws IOException {
        Cluster cluster = started(spec(3));
        GraphClient client = cluster.client();
        writeNodes(client, 10);
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        NodeHandle follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        follower.stop();
        follower.wipe();
        writeNodes(client, 20);
        leader.takeSnapshot();
        writeNodes(client, 20);
        leader.takeSnapshot();
        await().atMost(CONVERGENCE).until(() -> firstLogIndex(cluster, leader) > 1);
        corruptNewestSnapshot(cluster.spec().nodeDirectory(index(leader)));

        follower.restart();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThatThrownBy(() -> follower.localRead(new Query.Count()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("stopped itself").hasMessageContaining("onSnapshotLoad"));
        assertThat(follower.role()).isEqualTo(Role.STOPPED);
        assertThat(applied(client, Command.CreateNode.of("still served", Map.of()))).isPositive();
    }

    @Test
    void anIsolatedFollowerHearsNothingUntilHealed() {
        Cluster cluster = started(spec(3), LINKED);
        GraphClient client = cluster.client();
        writeNodes(client, 3);
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        NodeHandle follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        awaitConverged(cluster);
        follower.isolate();
        long applied = follower.lastAppliedIndex();

        List<Long> ids = writeNodes(client, 10);
        await("the isolated follower gets no entries").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> follower.lastAppliedIndex() == applied);
        assertThat(leader.role()).as("the majority side keeps its leader").isEqualTo(Role.LEADER);

        follower.heal();
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(follower.localRead(new Query.GetNode(ids.get(ids.size() - 1)))).isInstanceOf(Result.NodeFound.class));
        awaitConverged(cluster);
    }

    @ParameterizedTest(name = "durability={0} options={1}")
    @CsvSource({"FSYNC,", "NONE,", "NONE,applyBatch=1;replicatorPipeline=false", "FSYNC,disruptorBufferSize=1024;applyBatch=128"})
    void everyDurabilityAndTuningServesWritesAndBothReadConsistencies(Durability durability, String options) {
        ClusterSpec.Builder spec = spec(3).durability(durability).appendBatchMaxEntries(64).heartbeatInterval(Duration.ofMillis(100));
        if (options != null) {
            for (String option : options.split(";")) {
                String[] kv = option.split("=");
                spec.option(kv[0], kv[1]);
            }
        }
        Cluster cluster = started(spec);
        GraphClient client = cluster.client();
        long id = applied(client, Command.CreateNode.of("N", Map.of("k", "v")));
        assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE))).isInstanceOf(Result.NodeFound.class);
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LOCAL))).isInstanceOf(Result.NodeFound.class));
        GraphClient other = cluster.newClient();
        assertThat(join(other.read(new Query.Count(), ReadConsistency.LINEARIZABLE))).isEqualTo(new Result.Counts(1, 0));
    }

    @Test
    void writesFarBeyondTheQueueSizeAreHeldBackNotLost() {
        // A ring of 8 slots admits 4 requests per member; 200 concurrent writes must wait their turn, not fail.
        Cluster cluster = started(spec(3).durability(Durability.NONE).requestTimeout(Duration.ofSeconds(60))
                .option(JraftSettings.DISRUPTOR_BUFFER_OPTION, "8"));
        List<CompletableFuture<Result>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            writes.add(cluster.client().submit(Command.CreateNode.of("N", Map.of("i", (long) i))));
        }
        for (CompletableFuture<Result> write : writes) {
            assertThat(write.orTimeout(120, TimeUnit.SECONDS).join()).isInstanceOf(Result.Applied.class);
        }
        assertThat(join(cluster.client().read(new Query.Count(), ReadConsistency.LINEARIZABLE))).isEqualTo(new Result.Counts(200, 0));
    }

    @Test
    void valuesJraftCannotTakeFailNamingTheSetting() {
        var jraft = Engines.byName("jraft");
        assertThatThrownBy(() -> Clusters.start(jraft, spec(1).trailingLogs(10).build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("trailingLogs");
        assertThatThrownBy(() -> Clusters.start(jraft, spec(1).option(JraftSettings.APPLY_BATCH_OPTION, "0").build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("applyBatch").hasMessageContaining("'0'");
        assertThatThrownBy(() -> Clusters.start(jraft, spec(1).option(JraftSettings.DISRUPTOR_BUFFER_OPTION, "1000").build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("disruptorBufferSize")
                .hasMessageContaining("power of 2");
        assertThatThrownBy(() -> Clusters.start(jraft, spec(1).option(JraftSettings.PIPELINE_OPTION, "maybe").build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("replicatorPipeline");
        assertThatThrownBy(() -> Clusters.start(jraft, spec(1).snapshotThreshold(1L << 40).build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("snapshotThreshold");
        assertThatThrownBy(() -> Clusters.start(jraft, ClusterSpec.builder(temp).heartbeatInterval(Duration.ofSeconds(2)).build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("heartbeatInterval")
                .hasMessageContaining("1000 ms");
        // reported before anything starts, so a node process is never spawned for a spec it must refuse
        assertThat(jraft.unsupported(spec(1).option(JraftSettings.APPLY_BATCH_OPTION, "0").build()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("applyBatch"));
        assertThat(jraft.unsupported(spec(1).option(JraftSettings.APPLY_BATCH_OPTION, "8").build())).isEmpty();
    }

    @Test
    void reportsTheJraftVersionOnTheClasspath() {
        assertThat(Engines.byName("jraft").libraryVersions())
                .containsEntry("com.alipay.sofa.jraft", "1.4.1")
                .containsEntry("com.alipay.sofa.bolt", "1.6.12");
    }

    @Test
    void closingAClusterEndsItsNonDaemonThreads() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Cluster cluster = started(spec(3));
        writeNodes(cluster.client(), 5);
        cluster.newClient();
        cluster.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> !before.contains(t) && t.isAlive() && !t.isDaemon() && !t.getName().startsWith("awaitility"))
                .extracting(Thread::getName)
                .isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    /** Flips a bit of the checksum at the end of the newest graph snapshot file (snapshot_N/graph/snapshot.bin) below {@code directory}. */
    private static Path corruptNewestSnapshot(Path directory) throws IOException {
        Path file;
        try (Stream<Path> files = Files.walk(directory)) {
            file = files.filter(p -> p.endsWith(Path.of(GraphJraftStateMachine.DIRECTORY_SNAPSHOT_FILE)))
                    .filter(p -> jraftSnapshotName(p).startsWith("snapshot_"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(jraftSnapshotName(p).substring(9))))
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
        return file;
    }

    /** The name of the jraft snapshot directory that holds a graph snapshot file. */
    private static String jraftSnapshotName(Path graphSnapshotFile) {
        return graphSnapshotFile.getParent().getParent().getFileName().toString();
    }

    /** Raises every follower's election timeout to a minute, so that only a hand-over can elect a new leader soon. */
    private static void slowDownElections(Cluster cluster, NodeHandle leader) {
        for (NodeHandle node : cluster.nodes()) {
            if (node != leader) {
                jraftNode(cluster, node).resetElectionTimeoutMs(60_000);
            }
        }
    }

    /** The running jraft node of a member in this JVM: the one whose log is in the member's directory. */
    private static Node jraftNode(Cluster cluster, NodeHandle member) {
        String log = cluster.spec().nodeDirectory(index(member)).resolve("raft").resolve("log").toString();
        return NodeManager.getInstance().getAllNodes().stream()
                .filter(n -> n.getOptions().getLogUri().equals(log))
                .findFirst().orElseThrow(() -> new AssertionError("no running jraft node keeps its log in " + log));
    }

    /** The first index in a member's log: above 1 once it was truncated behind a snapshot or the member started from an installed one. */
    private static long firstLogIndex(Cluster cluster, NodeHandle member) {
        return ((ObservedStorageFactory) jraftNode(cluster, member).getOptions().getServiceFactory()).firstLogIndex();
    }

    /** The graph a running member applies to (a test makes its store fail through it). */
    private static GraphStateMachine graph(Cluster cluster, NodeHandle member) {
        return ((GraphJraftStateMachine) jraftNode(cluster, member).getOptions().getFsm()).graph();
    }

    private ClusterSpec.Builder spec(int nodes) {
        Path dir = temp.resolve("cluster-" + clusterCount++);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ClusterSpec.builder(dir).nodes(nodes).requestTimeout(REQUEST_TIMEOUT).electionTimeout(Duration.ofMillis(500));
    }

    private Cluster started(ClusterSpec.Builder spec) {
        return started(spec, Deployment.inJvm());
    }

    private Cluster started(ClusterSpec.Builder spec, Deployment deployment) {
        Cluster cluster = Clusters.start(Engines.byName("jraft"), spec.build(), deployment);
        clusters.add(cluster);
        cluster.awaitLeader(CONVERGENCE);
        return cluster;
    }

    private static void assertAllPresent(GraphClient client, List<Long> ids) {
        for (long id : ids) {
            assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE))).isInstanceOf(Result.NodeFound.class);
        }
    }
}
