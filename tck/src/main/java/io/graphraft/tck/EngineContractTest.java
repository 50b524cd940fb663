package io.graphraft.tck;

import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NetworkFaults;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Role;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.model.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every engine passes. An engine module runs it by extending this class and naming its
 * engine; cases the engine cannot run are skipped with the reason the engine declares.
 *
 * <p>Every case starts its own cluster in its own temporary directory on free ports, waits by
 * polling with a deadline, and asserts behaviour, never timings.
 */
public abstract class EngineContractTest {
    /** Generous: these bound waits for elections and catch-up on a busy 2-core machine, they are not measured. */
    protected static final Duration CONVERGENCE = Duration.ofSeconds(60);
    protected static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    protected Path temp;

    private final List<Cluster> clusters = new ArrayList<>();
    private Engine engine;
    private int clusterCount;

    /** The engine under test, by its ServiceLoader name. */
    protected abstract String engineName();

    /** How clusters are deployed: every member in this JVM, peer traffic through the link layer. */
    protected Deployment deployment() {
        return Deployment.inJvm().withLinkLayer(LinkSettings.NONE);
    }

    /** Engine-specific test tuning (e.g. election timeouts); the default changes nothing. */
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder;
    }

    @BeforeEach
    void findEngine() {
        engine = Engines.byName(engineName());
    }

    @AfterEach
    void closeClusters() {
        clusters.forEach(Cluster::close);
    }

    protected Engine engine() {
        return engine;
    }

    /** A spec for {@code nodes} nodes with the engine's strongest supported durability. */
    protected ClusterSpec.Builder spec(int nodes) {
        Path dir = temp.resolve("cluster-" + clusterCount++);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ClusterSpec.Builder builder = configure(ClusterSpec.builder(dir).nodes(nodes).requestTimeout(REQUEST_TIMEOUT));
        if (Clusters.unsupported(engine, builder.build(), deployment()).isPresent()) {
            builder.durability(Durability.NONE);
        }
        return builder;
    }

    protected Cluster start(ClusterSpec spec) {
        Cluster cluster = Clusters.start(engine, spec, deployment());
        clusters.add(cluster);
        return cluster;
    }

    /** Starts a cluster of {@code nodes} and waits for its leader. */
    protected Cluster started(int nodes) {
        assumeNodeCount(nodes);
        Cluster cluster = start(spec(nodes).build());
        cluster.awaitLeader(CONVERGENCE);
        return cluster;
    }

    protected void assumeCapability(Capability capability) {
        assumeTrue(engine.capabilities().supports(capability),
                () -> engineName() + " lacks " + capability + ": " + engine.capabilities().gap(capability).orElse(""));
    }

    /** For cases that cut links: the deployment must put the link layer between the members. */
    protected void assumeLinkLayer() {
        assumeCapability(Capability.ISOLATION);
        assumeTrue(deployment().linkLayer().isPresent(), "this deployment has no link layer to cut");
    }

    protected void assumeNodeCount(int nodes) {
        if (nodes > 1) {
            assumeCapability(Capability.REPLICATION);
        }
    }

    // ---------------------------------------------------------------- single node and up

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void writesAndReadsEveryCommandType(int nodes) {
        Cluster cluster = started(nodes);
        GraphClient client = cluster.client();
        long alice = applied(client, Command.CreateNode.of("Person", Map.of("name", "Alice", "age", 30L)));
        long bob = applied(client, Command.CreateNode.of("Person", Map.of("name", "Bob", "score", 0.5, "vip", true)));
        long knows = applied(client, Command.CreateEdge.of(alice, bob, "KNOWS", Map.of("since", 2020L)));
        assertThat(applied(client, Command.UpdateNode.of(bob, Map.of("city", "Oslo")))).isEqualTo(bob);

        Result.NodeFound found = (Result.NodeFound) read(client, new Query.GetNode(bob));
        assertThat(found.node().label()).isEqualTo("Person");
        assertThat(found.node().properties()).containsEntry("name", "Bob").containsEntry("city", "Oslo")
                .containsEntry("score", 0.5).containsEntry("vip", true);
        assertThat(((Result.EdgeFound) read(client, new Query.GetEdge(knows))).edge().from()).isEqualTo(alice);
        assertThat(read(client, new Query.Neighbors(alice, Direction.OUT))).isEqualTo(new Result.NeighborIds(List.of(bob)));
        assertThat(read(client, new Query.Neighbors(bob, Direction.IN))).isEqualTo(new Result.NeighborIds(List.of(alice)));
        assertThat(read(client, new Query.Count())).isEqualTo(new Result.Counts(2, 1));

        long loop = applied(client, Command.CreateEdge.of(alice, alice, "SELF", Map.of()));
        assertThat(applied(client, new Command.DeleteEdge(knows))).isEqualTo(knows);
        assertThat(applied(client, new Command.DeleteNode(alice))).isEqualTo(alice);
        assertThat(read(client, new Query.GetEdge(loop)).isError()).as("deleting a node deletes its edges").isTrue();
        assertThat(read(client, new Query.Count())).isEqualTo(new Result.Counts(1, 0));
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void aBatchIsOneLogEntryWithOneResultPerCommand(int nodes) {
        Cluster cluster = started(nodes);
        GraphClient client = cluster.client();
        applied(client, Command.CreateNode.of("warm-up", Map.of()));
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        long indexBefore = leader.lastAppliedIndex();

        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            commands.add(Command.CreateNode.of("Batched", Map.of("i", (long) i)));
        }
        commands.add(Command.CreateEdge.of(2, 999_999, "BROKEN", Map.of()));
        Result result = submit(client, new Command.Batch(commands));

        assertThat(result).isInstanceOf(Result.BatchApplied.class);
        List<Result> results = ((Result.BatchApplied) result).results();
        assertThat(results).hasSize(101);
        assertThat(results.subList(0, 100)).allMatch(r -> r instanceof Result.Applied);
        assertThat(results.get(100)).isInstanceOf(Result.Error.class);
        assertThat(read(client, new Query.Count())).isEqualTo(new Result.Counts(101, 0));
        long entriesUsed = cluster.awaitLeader(CONVERGENCE).lastAppliedIndex() - indexBefore;
        assertThat(entriesUsed).as("log entries used by a batch of 101 commands").isBetween(1L, 10L);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void commandsThatCannotApplyAreErrorResultsThatChangeNothing(int nodes) {
        Cluster cluster = started(nodes);
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("A", Map.of()));
        Result digest = read(client, new Query.Digest());

        assertThat(errorCode(submit(client, Command.UpdateNode.of(404, Map.of("x", 1L))))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(submit(client, Command.CreateEdge.of(a, 404, "R", Map.of())))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(submit(client, new Command.DeleteNode(404)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(submit(client, new Command.DeleteEdge(404)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(read(client, new Query.GetNode(404)))).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(read(client, new Query.Digest())).isEqualTo(digest);
        assertThat(applied(client, Command.CreateNode.of("B", Map.of()))).as("the log moves on").isEqualTo(a + 1);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void malformedCommandBytesAreAnErrorResultAndNothingStoredIsLost(int nodes) {
        Cluster cluster = started(nodes);
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("Keep", Map.of("k", "v")));
        Result digest = read(client, new Query.Digest());

        for (byte[] garbage : List.of(new byte[] {0x7f, 0x01}, new byte[] {1}, "{\"type\":\"Nope\"}".getBytes(),
                new byte[] {1, 1, 5, 'P', 'e', 'r', 's', 'o', 'n', 1, 1, 'k', 9})) {
            Result result = client.codec().decodeResult(join(client.submitEncoded(garbage)));
            assertThat(errorCode(result)).isEqualTo(ErrorCode.MALFORMED);
            assertThat(((Result.Error) result).message()).isNotBlank();
        }
        assertThat(read(client, new Query.Digest())).isEqualTo(digest);
        assertThat(read(client, new Query.GetNode(a))).isInstanceOf(Result.NodeFound.class);
        assertThat(applied(client, Command.CreateNode.of("Next", Map.of()))).isEqualTo(a + 1);
    }

    @Test
    void unsupportedPropertyValuesAreRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> Command.CreateNode.of("Person", Map.of("age", 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'age'").hasMessageContaining("java.lang.Integer");
    }

    @Test
    void invalidOrUnsupportedSpecsFailNamingTheSetting() {
        assertThatThrownBy(() -> start(spec(1).option("no-such-option", "x").build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("no-such-option");
        if (!engine.capabilities().supports(Capability.REPLICATION)) {
            assertThatThrownBy(() -> start(spec(1).nodes(3).build()))
                    .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("nodes=3");
        }
        assertThatThrownBy(() -> ClusterSpec.builder(temp.resolve("missing")).build())
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> Engines.byName(engineName() + "-nope"))
                .hasMessageContaining("known engines").hasMessageContaining(engineName());
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void linearizableReadsSeeEveryAcknowledgedWriteAndLocalReadsCatchUp(int nodes) {
        Cluster cluster = started(nodes);
        GraphClient client = cluster.client();
        for (int i = 0; i < 20; i++) {
            long id = applied(client, Command.CreateNode.of("N", Map.of("i", (long) i)));
            if (engine.capabilities().supports(Capability.LINEARIZABLE_READ)) {
                assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE)))
                        .isInstanceOf(Result.NodeFound.class);
            }
        }
        for (NodeHandle node : cluster.nodes()) {
            await().atMost(CONVERGENCE).untilAsserted(() ->
                    assertThat(node.localRead(new Query.Count())).isEqualTo(new Result.Counts(20, 0)));
        }
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void fullRestartFromDiskKeepsEveryAcknowledgedWrite(int nodes) {
        assumeCapability(Capability.DURABLE_RESTART);
        Cluster cluster = started(nodes);
        List<Long> acknowledged = writeNodes(cluster.client(), 40);
        Result digest = read(cluster.client(), new Query.Digest());

        cluster.nodes().forEach(NodeHandle::stop);
        cluster.nodes().forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);

        assertAllPresent(cluster.client(), acknowledged);
        assertThat(read(cluster.client(), new Query.Digest())).isEqualTo(digest);
        assertThat(applied(cluster.client(), Command.CreateNode.of("after", Map.of())))
                .isEqualTo(acknowledged.get(acknowledged.size() - 1) + 1);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    void snapshotThenRestartRestoresTheSameState(int nodes) {
        assumeCapability(Capability.SNAPSHOT_ON_DEMAND);
        assumeCapability(Capability.DURABLE_RESTART);
        Cluster cluster = started(nodes);
        List<Long> before = writeNodes(cluster.client(), 30);
        awaitConverged(cluster);
        for (NodeHandle node : cluster.nodes()) {
            node.takeSnapshot();
            assertThat(node.snapshotSizeBytes()).as("snapshot of %s on disk", node.id()).isPositive();
        }
        List<Long> tail = writeNodes(cluster.client(), 10);
        Result digest = read(cluster.client(), new Query.Digest());

        cluster.nodes().forEach(NodeHandle::stop);
        cluster.nodes().forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);

        assertAllPresent(cluster.client(), before);
        assertAllPresent(cluster.client(), tail);
        assertThat(read(cluster.client(), new Query.Digest())).isEqualTo(digest);
        awaitConverged(cluster);
    }

    // ---------------------------------------------------------------- replicated engines (3 nodes)

    @Test
    void threeNodesElectExactlyOneLeaderThatStaysWhileIdle() {
        Cluster cluster = started(3);
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
    void anAcknowledgedWriteIsReadableOnAllNodesWithIdenticalState() {
        Cluster cluster = started(3);
        List<Long> acknowledged = writeNodes(cluster.client(), 25);
        applied(cluster.client(), Command.CreateEdge.of(acknowledged.get(0), acknowledged.get(1), "R", Map.of()));
        for (NodeHandle node : cluster.nodes()) {
            await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(
                    node.localRead(new Query.GetNode(acknowledged.get(acknowledged.size() - 1))))
                    .isInstanceOf(Result.NodeFound.class));
        }
        awaitConverged(cluster);
    }

    @Test
    void aLeaderWithoutQuorumRefusesWritesWithAClearErrorAndNoFalseSuccess() {
        Cluster cluster = started(3);
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
                assertAllPresent(cluster.client(), acknowledged));
        awaitConverged(cluster);
    }

    @Test
    void anIsolatedLeaderStepsDownAndHealingLosesNoAcknowledgedWrite() {
        assumeLinkLayer();
        Cluster cluster = started(3);
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
        assertAllPresent(cluster.client(), acknowledged);
        awaitConverged(cluster);
    }

    @Test
    void aCrashedLeaderIsReplacedAndNoAcknowledgedWriteIsLost() {
        Cluster cluster = started(3);
        List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 15));
        NodeHandle old = cluster.awaitLeader(CONVERGENCE);
        old.stop();

        await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != old).isPresent());
        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                submit(cluster.client(), Command.CreateNode.of("after-crash", Map.of())) instanceof Result.Applied);
        acknowledged.addAll(writeNodes(cluster.client(), 5));
        assertAllPresent(cluster.client(), acknowledged);

        old.restart();
        awaitConverged(cluster);
    }

    @Test
    void anAsymmetricCutOfTheLeadersOutgoingLinksElectsAnotherLeaderAndLosesNothing() {
        assumeLinkLayer();
        Cluster cluster = started(3);
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
            assertAllPresent(cluster.client(), acknowledged);
            awaitConverged(cluster);
            watch.assertAtMostOneLeaderPerTerm();
        }
    }

    @Test
    void aBridgePartitionKeepsOneLeaderPerTermAndLosesNothing() {
        assumeLinkLayer();
        Cluster cluster = started(3);
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
            assertAllPresent(cluster.client(), acknowledged);
            awaitConverged(cluster);
            watch.assertAtMostOneLeaderPerTerm();
        }
    }

    @Test
    void aPartitionWithoutAMajorityRefusesWritesClearlyAndLosesNothing() {
        assumeLinkLayer();
        Cluster cluster = started(3);
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
            await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> assertAllPresent(cluster.client(), acknowledged));
            awaitConverged(cluster);
            watch.assertAtMostOneLeaderPerTerm();
        }
    }

    @Test
    void aPausedLeaderIsReplacedAndCatchesUpOnceResumed() {
        Cluster cluster = started(3);
        assumeTrue(cluster.pauseUnsupported().isEmpty(), () -> cluster.pauseUnsupported().orElse(""));
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
        assertAllPresent(cluster.client(), acknowledged);
        awaitConverged(cluster);
    }

    @Test
    void aWipedFollowerCatchesUpThroughSnapshotInstallAfterLogCompaction() {
        assumeCapability(Capability.REPLICATION);
        assumeCapability(Capability.SNAPSHOT_INSTALL);
        ClusterSpec compacting = spec(3).snapshotThreshold(50).build();
        ClusterSpec keepingTenEntries = compacting.toBuilder().trailingLogs(10).build();
        // An engine that keeps no trailing entries behind a snapshot has no trailingLogs setting.
        Cluster cluster = start(engine.unsupported(keepingTenEntries).isPresent() ? compacting : keepingTenEntries);
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

    // ---------------------------------------------------------------- helpers

    protected static Result submit(GraphClient client, Command command) {
        return join(client.submit(command));
    }

    /** A read that sees every acknowledged write: linearizable, or local on an engine without that capability. */
    protected Result read(GraphClient client, Query query) {
        ReadConsistency consistency = engine.capabilities().supports(Capability.LINEARIZABLE_READ)
                ? ReadConsistency.LINEARIZABLE : ReadConsistency.LOCAL;
        return join(client.read(query, consistency));
    }

    protected static long applied(GraphClient client, Command command) {
        Result result = submit(client, command);
        assertThat(result).as("result of %s", command).isInstanceOf(Result.Applied.class);
        return ((Result.Applied) result).id();
    }

    protected static List<Long> writeNodes(GraphClient client, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(applied(client, Command.CreateNode.of("W", Map.of("i", (long) i))));
        }
        return ids;
    }

    protected void assertAllPresent(GraphClient client, List<Long> ids) {
        for (long id : ids) {
            assertThat(read(client, new Query.GetNode(id))).as("acknowledged node %d", id).isInstanceOf(Result.NodeFound.class);
        }
    }

    /** Waits until every running node reports the same digest. */
    protected static void awaitConverged(Cluster cluster) {
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            List<Result> digests = cluster.nodes().stream()
                    .filter(NodeHandle::isRunning)
                    .map(n -> n.localRead(new Query.Digest()))
                    .toList();
            assertThat(new java.util.HashSet<>(digests)).as("distinct digests of the running nodes %s", digests).hasSize(1);
        });
    }

    /** A node's index in its cluster ({@code n<i>} is {@code i}), as the network's faults name it. */
    protected static int index(NodeHandle node) {
        return Integer.parseInt(node.id().substring(1));
    }

    private static ErrorCode errorCode(Result result) {
        assertThat(result).isInstanceOf(Result.Error.class);
        return ((Result.Error) result).code();
    }

    protected static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + REQUEST_TIMEOUT.multipliedBy(3), e);
        }
    }
}
