package io.graphraft.tck;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.model.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.join;
import static io.graphraft.tck.ClusterFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Contract cases: commands, reads and bad input, on one node and on three. */
public interface CommandContract extends EngineUnderTest {
    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void writesAndReadsEveryCommandType(int nodes) {
        Cluster cluster = clusters().started(nodes);
        GraphClient client = cluster.client();
        long alice = applied(client, Command.CreateNode.of("Person", Map.of("name", "Alice", "age", 30L)));
        long bob = applied(client, Command.CreateNode.of("Person", Map.of("name", "Bob", "score", 0.5, "vip", true)));
        long knows = applied(client, Command.CreateEdge.of(alice, bob, "KNOWS", Map.of("since", 2020L)));
        assertThat(applied(client, Command.UpdateNode.of(bob, Map.of("city", "Oslo")))).isEqualTo(bob);

        Result.NodeFound found = (Result.NodeFound) clusters().read(client, new Query.GetNode(bob));
        assertThat(found.node().label()).isEqualTo("Person");
        assertThat(found.node().properties()).containsEntry("name", "Bob").containsEntry("city", "Oslo")
                .containsEntry("score", 0.5).containsEntry("vip", true);
        assertThat(((Result.EdgeFound) clusters().read(client, new Query.GetEdge(knows))).edge().from()).isEqualTo(alice);
        assertThat(clusters().read(client, new Query.Neighbors(alice, Direction.OUT))).isEqualTo(new Result.NeighborIds(List.of(bob)));
        assertThat(clusters().read(client, new Query.Neighbors(bob, Direction.IN))).isEqualTo(new Result.NeighborIds(List.of(alice)));
        assertThat(clusters().read(client, new Query.Count())).isEqualTo(new Result.Counts(2, 1));

        long loop = applied(client, Command.CreateEdge.of(alice, alice, "SELF", Map.of()));
        assertThat(applied(client, new Command.DeleteEdge(knows))).isEqualTo(knows);
        assertThat(applied(client, new Command.DeleteNode(alice))).isEqualTo(alice);
        assertThat(clusters().read(client, new Query.GetEdge(loop)).isError()).as("deleting a node deletes its edges").isTrue();
        assertThat(clusters().read(client, new Query.Count())).isEqualTo(new Result.Counts(1, 0));
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void aBatchIsOneLogEntryWithOneResultPerCommand(int nodes) {
        Cluster cluster = clusters().started(nodes);
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
        assertThat(clusters().read(client, new Query.Count())).isEqualTo(new Result.Counts(101, 0));
        long entriesUsed = cluster.awaitLeader(CONVERGENCE).lastAppliedIndex() - indexBefore;
        assertThat(entriesUsed).as("log entries used by a batch of 101 commands").isBetween(1L, 10L);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void commandsThatCannotApplyAreErrorResultsThatChangeNothing(int nodes) {
        Cluster cluster = clusters().started(nodes);
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("A", Map.of()));
        Result digest = clusters().read(client, new Query.Digest());

        assertThat(errorCode(submit(client, Command.UpdateNode.of(404, Map.of("x", 1L))))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(submit(client, Command.CreateEdge.of(a, 404, "R", Map.of())))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(submit(client, new Command.DeleteNode(404)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(submit(client, new Command.DeleteEdge(404)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(errorCode(clusters().read(client, new Query.GetNode(404)))).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(clusters().read(client, new Query.Digest())).isEqualTo(digest);
        assertThat(applied(client, Command.CreateNode.of("B", Map.of()))).as("the log moves on").isEqualTo(a + 1);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void malformedCommandBytesAreAnErrorResultAndNothingStoredIsLost(int nodes) {
        Cluster cluster = clusters().started(nodes);
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("Keep", Map.of("k", "v")));
        Result digest = clusters().read(client, new Query.Digest());

        for (byte[] garbage : List.of(new byte[] {0x7f, 0x01}, new byte[] {1}, "{\"type\":\"Nope\"}".getBytes(),
                new byte[] {1, 1, 5, 'P', 'e', 'r', 's', 'o', 'n', 1, 1, 'k', 9})) {
            Result result = client.codec().decodeResult(join(client.submitEncoded(garbage)));
            assertThat(errorCode(result)).isEqualTo(ErrorCode.MALFORMED);
            assertThat(((Result.Error) result).message()).isNotBlank();
        }
        assertThat(clusters().read(client, new Query.Digest())).isEqualTo(digest);
        assertThat(clusters().read(client, new Query.GetNode(a))).isInstanceOf(Result.NodeFound.class);
        assertThat(applied(client, Command.CreateNode.of("Next", Map.of()))).isEqualTo(a + 1);
    }

    @ParameterizedTest(name = "{0} node(s)")
    @ValueSource(ints = {1, 3})
    default void linearizableReadsSeeEveryAcknowledgedWriteAndLocalReadsCatchUp(int nodes) {
        Cluster cluster = clusters().started(nodes);
        GraphClient client = cluster.client();
        for (int i = 0; i < 20; i++) {
            long id = applied(client, Command.CreateNode.of("N", Map.of("i", (long) i)));
            if (engine().capabilities().supports(Capability.LINEARIZABLE_READ)) {
                assertThat(join(client.read(new Query.GetNode(id), ReadConsistency.LINEARIZABLE)))
                        .isInstanceOf(Result.NodeFound.class);
            }
        }
        for (NodeHandle node : cluster.nodes()) {
            await().atMost(CONVERGENCE).untilAsserted(() ->
                    assertThat(node.localRead(new Query.Count())).isEqualTo(new Result.Counts(20, 0)));
        }
    }

    private static ErrorCode errorCode(Result result) {
        assertThat(result).isInstanceOf(Result.Error.class);
        return ((Result.Error) result).code();
    }
}
