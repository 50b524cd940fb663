package io.graphraft.tck;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.JvmFlags;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Role;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.model.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.REQUEST_TIMEOUT;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.join;
import static io.graphraft.tck.ClusterFixture.submit;
import static io.graphraft.tck.ClusterFixture.writeNodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every engine passes. An engine module runs it by extending this class and naming its
 * engine; cases the engine cannot run are skipped with the reason the engine declares. The cases
 * are grouped: commands (on one node and three), setup, durability, replication, faults. Their
 * helpers are {@link ClusterFixture}'s, which an engine's own tests use too.
 *
 * <p>Every case starts its own cluster in its own temporary directory on free ports, waits by
 * polling with a deadline, and asserts behaviour, never timings.
 */
public abstract class EngineContractTest {
    @TempDir
    protected Path temp;

    /** The clusters of the running case; all stopped after it. */
    protected ClusterFixture clusters;
    private Engine engine;

    /** The engine under test, by its ServiceLoader name. */
    protected abstract String engineName();

    /** Engine-specific test tuning (e.g. election timeouts); the default changes nothing. */
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder;
    }

    @BeforeEach
    void openFixture() {
        engine = Engines.byName(engineName());
        clusters = new ClusterFixture(engine, temp, this::configure);
    }

    @AfterEach
    void closeClusters() {
        clusters.close();
    }

    protected Engine engine() {
        return engine;
    }

    /** Commands, reads and bad input, on one node and on three. */
    @Nested
    class Commands {
        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void writesAndReadsEveryCommandType(int nodes) {
            Cluster cluster = clusters.started(nodes);
            GraphClient client = cluster.client();
            long alice = applied(client, Command.CreateNode.of("Person", Map.of("name", "Alice", "age", 30L)));
            long bob = applied(client, Command.CreateNode.of("Person", Map.of("name", "Bob", "score", 0.5, "vip", true)));
            long knows = applied(client, Command.CreateEdge.of(alice, bob, "KNOWS", Map.of("since", 2020L)));
            assertThat(applied(client, Command.UpdateNode.of(bob, Map.of("city", "Oslo")))).isEqualTo(bob);

            Result.NodeFound found = (Result.NodeFound) clusters.read(client, new Query.GetNode(bob));
            assertThat(found.node().label()).isEqualTo("Person");
            assertThat(found.node().properties()).containsEntry("name", "Bob").containsEntry("city", "Oslo")
                    .containsEntry("score", 0.5).containsEntry("vip", true);
            assertThat(((Result.EdgeFound) clusters.read(client, new Query.GetEdge(knows))).edge().from()).isEqualTo(alice);
            assertThat(clusters.read(client, new Query.Neighbors(alice, Direction.OUT))).isEqualTo(new Result.NeighborIds(List.of(bob)));
            assertThat(clusters.read(client, new Query.Neighbors(bob, Direction.IN))).isEqualTo(new Result.NeighborIds(List.of(alice)));
            assertThat(clusters.read(client, new Query.Count())).isEqualTo(new Result.Counts(2, 1));

            long loop = applied(client, Command.CreateEdge.of(alice, alice, "SELF", Map.of()));
            assertThat(applied(client, new Command.DeleteEdge(knows))).isEqualTo(knows);
            assertThat(applied(client, new Command.DeleteNode(alice))).isEqualTo(alice);
            assertThat(clusters.read(client, new Query.GetEdge(loop)).isError()).as("deleting a node deletes its edges").isTrue();
            assertThat(clusters.read(client, new Query.Count())).isEqualTo(new Result.Counts(1, 0));
        }

        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void aBatchIsOneLogEntryWithOneResultPerCommand(int nodes) {
            Cluster cluster = clusters.started(nodes);
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
            assertThat(clusters.read(client, new Query.Count())).isEqualTo(new Result.Counts(101, 0));
            long entriesUsed = cluster.awaitLeader(CONVERGENCE).lastAppliedIndex() - indexBefore;
            assertThat(entriesUsed).as("log entries used by a batch of 101 commands").isBetween(1L, 10L);
        }

        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void commandsThatCannotApplyAreErrorResultsThatChangeNothing(int nodes) {
            Cluster cluster = clusters.started(nodes);
            GraphClient client = cluster.client();
            long a = applied(client, Command.CreateNode.of("A", Map.of()));
            Result digest = clusters.read(client, new Query.Digest());

            assertThat(errorCode(submit(client, Command.UpdateNode.of(404, Map.of("x", 1L))))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(errorCode(submit(client, Command.CreateEdge.of(a, 404, "R", Map.of())))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(errorCode(submit(client, new Command.DeleteNode(404)))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(errorCode(submit(client, new Command.DeleteEdge(404)))).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(errorCode(clusters.read(client, new Query.GetNode(404)))).isEqualTo(ErrorCode.NOT_FOUND);

            assertThat(clusters.read(client, new Query.Digest())).isEqualTo(digest);
            assertThat(applied(client, Command.CreateNode.of("B", Map.of()))).as("the log moves on").isEqualTo(a + 1);
        }

        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void malformedCommandBytesAreAnErrorResultAndNothingStoredIsLost(int nodes) {
            Cluster cluster = clusters.started(nodes);
            GraphClient client = cluster.client();
            long a = applied(client, Command.CreateNode.of("Keep", Map.of("k", "v")));
            Result digest = clusters.read(client, new Query.Digest());

            for (byte[] garbage : List.of(new byte[] {0x7f, 0x01}, new byte[] {1}, "{\"type\":\"Nope\"}".getBytes(),
                    new byte[] {1, 1, 5, 'P', 'e', 'r', 's', 'o', 'n', 1, 1, 'k', 9})) {
                Result result = client.codec().decodeResult(join(client.submitEncoded(garbage)));
                assertThat(errorCode(result)).isEqualTo(ErrorCode.MALFORMED);
                assertThat(((Result.Error) result).message()).isNotBlank();
            }
            assertThat(clusters.read(client, new Query.Digest())).isEqualTo(digest);
            assertThat(clusters.read(client, new Query.GetNode(a))).isInstanceOf(Result.NodeFound.class);
            assertThat(applied(client, Command.CreateNode.of("Next", Map.of()))).isEqualTo(a + 1);
        }

        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void linearizableReadsSeeEveryAcknowledgedWriteAndLocalReadsCatchUp(int nodes) {
            Cluster cluster = clusters.started(nodes);
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
    }

    /** Specs, JVM and input the engine must refuse or require before anything runs. */
    @Nested
    class Setup {
        @Test
        void unsupportedPropertyValuesAreRejectedBeforeAnythingIsSent() {
            assertThatThrownBy(() -> Command.CreateNode.of("Person", Map.of("age", 30)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'age'").hasMessageContaining("java.lang.Integer");
        }

        @Test
        void invalidOrUnsupportedSpecsFailNamingTheSetting() {
            assertThatThrownBy(() -> engine.start(clusters.spec(1).option("no-such-option", "x").build()))
                    .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("no-such-option");
            if (!engine.capabilities().supports(Capability.REPLICATION)) {
                assertThatThrownBy(() -> engine.start(clusters.spec(1).nodes(3).build()))
                        .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("nodes=3");
            }
            assertThatThrownBy(() -> ClusterSpec.builder(temp.resolve("missing")).build())
                    .hasMessageContaining("dataDirectory");
            assertThatThrownBy(() -> Engines.byName(engineName() + "-nope"))
                    .hasMessageContaining("known engines").hasMessageContaining(engineName());
        }

        /** The module's pom gives its tests what the engine declares, as the benchmark launcher gives its forks. */
        @Test
        void theTestJvmHasEveryFlagTheEngineDeclares() {
            assertThat(JvmFlags.missing(engine.jvmFlags()))
                    .as("JVM flags of %s missing from this JVM: set test.jvm.flags in the module's pom", engineName())
                    .isEmpty();
        }
    }

    /** Restarts from disk, with and without a snapshot. */
    @Nested
    class DurableRestarts {
        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void fullRestartFromDiskKeepsEveryAcknowledgedWrite(int nodes) {
            clusters.assumeCapability(Capability.DURABLE_RESTART);
            Cluster cluster = clusters.started(nodes);
            List<Long> acknowledged = writeNodes(cluster.client(), 40);
            Result digest = clusters.read(cluster.client(), new Query.Digest());

            cluster.nodes().forEach(NodeHandle::stop);
            cluster.nodes().forEach(NodeHandle::restart);
            cluster.awaitLeader(CONVERGENCE);

            clusters.assertAllPresent(cluster.client(), acknowledged);
            assertThat(clusters.read(cluster.client(), new Query.Digest())).isEqualTo(digest);
            assertThat(applied(cluster.client(), Command.CreateNode.of("after", Map.of())))
                    .isEqualTo(acknowledged.get(acknowledged.size() - 1) + 1);
        }

        @ParameterizedTest(name = "{0} node(s)")
        @ValueSource(ints = {1, 3})
        void snapshotThenRestartRestoresTheSameState(int nodes) {
            clusters.assumeCapability(Capability.SNAPSHOT_ON_DEMAND);
            clusters.assumeCapability(Capability.DURABLE_RESTART);
            Cluster cluster = clusters.started(nodes);
            List<Long> before = writeNodes(cluster.client(), 30);
            awaitConverged(cluster);
            for (NodeHandle node : cluster.nodes()) {
                node.takeSnapshot();
                assertThat(node.snapshotSizeBytes()).as("snapshot of %s on disk", node.id()).isPositive();
            }
            List<Long> tail = writeNodes(cluster.client(), 10);
            Result digest = clusters.read(cluster.client(), new Query.Digest());

            cluster.nodes().forEach(NodeHandle::stop);
            cluster.nodes().forEach(NodeHandle::restart);
            cluster.awaitLeader(CONVERGENCE);

            clusters.assertAllPresent(cluster.client(), before);
            clusters.assertAllPresent(cluster.client(), tail);
            assertThat(clusters.read(cluster.client(), new Query.Digest())).isEqualTo(digest);
            awaitConverged(cluster);
        }
    }

    /** Three nodes: one leader, identical state everywhere. */
    @Nested
    class Replication {
        @Test
        void threeNodesElectExactlyOneLeaderThatStaysWhileIdle() {
            Cluster cluster = clusters.started(3);
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
            Cluster cluster = clusters.started(3);
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

    /** Lost quorum, isolation, crashes and wiped followers: no acknowledged write is lost. */
    @Nested
    class Faults {
        @Test
        void aLeaderWithoutQuorumRefusesWritesWithAClearErrorAndNoFalseSuccess() {
            Cluster cluster = clusters.started(3);
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
                    clusters.assertAllPresent(cluster.client(), acknowledged));
            awaitConverged(cluster);
        }

        @Test
        void anIsolatedLeaderStepsDownAndHealingLosesNoAcknowledgedWrite() {
            clusters.assumeCapability(Capability.ISOLATION);
            Cluster cluster = clusters.started(3);
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
            clusters.assertAllPresent(cluster.client(), acknowledged);
            awaitConverged(cluster);
        }

        @Test
        void aCrashedLeaderIsReplacedAndNoAcknowledgedWriteIsLost() {
            Cluster cluster = clusters.started(3);
            List<Long> acknowledged = new ArrayList<>(writeNodes(cluster.client(), 15));
            NodeHandle old = cluster.awaitLeader(CONVERGENCE);
            old.stop();

            await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != old).isPresent());
            await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                    submit(cluster.client(), Command.CreateNode.of("after-crash", Map.of())) instanceof Result.Applied);
            acknowledged.addAll(writeNodes(cluster.client(), 5));
            clusters.assertAllPresent(cluster.client(), acknowledged);

            old.restart();
            awaitConverged(cluster);
        }

        @Test
        void aWipedFollowerCatchesUpThroughSnapshotInstallAfterLogCompaction() {
            clusters.assumeCapability(Capability.REPLICATION);
            clusters.assumeCapability(Capability.SNAPSHOT_INSTALL);
            ClusterSpec compacting = clusters.spec(3).snapshotThreshold(50).build();
            ClusterSpec keepingTenEntries = compacting.toBuilder().trailingLogs(10).build();
            // An engine that keeps no trailing entries behind a snapshot has no trailingLogs setting.
            Cluster cluster = clusters.start(engine.unsupported(keepingTenEntries).isPresent() ? compacting : keepingTenEntries);
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

    private static ErrorCode errorCode(Result result) {
        assertThat(result).isInstanceOf(Result.Error.class);
        return ((Result.Error) result).code();
    }
}
