package io.graphraft.tck;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NetworkFaults;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.REQUEST_TIMEOUT;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.join;
import static io.graphraft.tck.ClusterFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Contract cases: the read levels ({@link ReadConsistency}) an engine declares, each skipped with the
 * engine's reason where it declares the level's capability a gap. A case marks node {@code a} with a
 * property {@code v} and checks which value a read of a level may show: the acknowledged one, never
 * one that was not committed, never an older one once a newer leader acknowledged a newer one.
 */
public interface ReadContract extends EngineUnderTest {
    String MARK = "v";

    /** Catches a level served from a copy that need not hold the acknowledged write (a follower, a deposed leader). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ReadConsistency.class, names = {"LINEARIZABLE", "LEASE"})
    default void aReadAfterAnAcknowledgedWriteSeesItFromAnyClient(ReadConsistency level) {
        assumeLevel(level);
        Cluster cluster = clusters().started(engine().capabilities().supports(Capability.REPLICATION) ? 3 : 1);
        GraphClient writer = cluster.client();
        GraphClient fresh = cluster.newClient();
        long a = applied(writer, Command.CreateNode.of("A", Map.of(MARK, "0")));
        for (int i = 1; i <= 5; i++) {
            applied(writer, Command.UpdateNode.of(a, Map.of(MARK, String.valueOf(i))));
            assertThat(mark(join(writer.read(new Query.GetNode(a), level)))).as("%s read by the writer", level).isEqualTo(String.valueOf(i));
            assertThat(mark(join(fresh.read(new Query.GetNode(a), level)))).as("%s read by another client", level).isEqualTo(String.valueOf(i));
        }
    }

    /**
     * Catches a FOLLOWER read that the leader serves: with both followers stopped only the leader runs,
     * so such a read must be refused, or answered only once that member has stepped down. With one
     * follower stopped, the other one answers.
     */
    @Test
    default void aFollowerReadCatchesUpAndIsServedByAFollowerOnly() {
        assumeLevel(ReadConsistency.FOLLOWER);
        Cluster cluster = clusters().started(3);
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("A", Map.of(MARK, "written")));
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(mark(join(client.read(new Query.GetNode(a), ReadConsistency.FOLLOWER)))).isEqualTo("written"));

        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        List<NodeHandle> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
        followers.get(0).stop();
        for (int i = 0; i < 2; i++) { // whichever follower the client would ask first
            assertThat(mark(join(client.read(new Query.GetNode(a), ReadConsistency.FOLLOWER))))
                    .as("a FOLLOWER read while %s is stopped", followers.get(0).id()).isEqualTo("written");
        }
        followers.get(1).stop();
        Result answer;
        try {
            answer = join(client.read(new Query.GetNode(a), ReadConsistency.FOLLOWER));
        } catch (EngineUnavailableException e) {
            assertThat(e.getMessage()).as("why the FOLLOWER read was refused").isNotBlank();
            return;
        }
        // Alone, the leader steps down once it has not heard from a majority for its timeout (a process stop
        // can take that long); a member that is no longer leader may serve a FOLLOWER read, and it cannot
        // become leader again without a majority, so its role now tells which one answered.
        assertThat(leader.role()).as("role of %s, the only member running, after it answered a FOLLOWER read with %s",
                leader.id(), answer).isNotEqualTo(Role.LEADER);
    }

    /**
     * Catches a member that shows entries before they commit: the old leader appends a write that no
     * majority can acknowledge, and neither its own state nor a LOCAL or FOLLOWER read may show it.
     */
    @Test
    default void localAndFollowerReadsNeverShowAWriteThatWasNotCommitted() {
        clusters().assumeLinkLayer();
        Cluster cluster = clusters().started(3);
        NetworkFaults network = cluster.network().orElseThrow();
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("A", Map.of(MARK, "committed")));
        awaitConverged(cluster); // every member holds the committed value: a follower missing it is no finding
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);

        network.partition(List.of(Set.of(0), Set.of(1), Set.of(2))); // no majority anywhere: nothing can commit
        CompletableFuture<Result> uncommitted = client.submit(Command.UpdateNode.of(a, Map.of(MARK, "uncommitted")));
        await().atMost(REQUEST_TIMEOUT.multipliedBy(3)).until(uncommitted::isDone);
        assertThatThrownBy(uncommitted::get).as("a write without a majority").isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EngineUnavailableException.class);

        for (NodeHandle node : cluster.nodes()) {
            assertThat(mark(node.localRead(new Query.GetNode(a)))).as("state of %s (leader was %s)", node.id(), leader.id())
                    .isEqualTo("committed");
        }
        assertNeverUncommitted(client, a, ReadConsistency.LOCAL);
        if (engine().capabilities().supports(Capability.FOLLOWER_READ)) {
            assertNeverUncommitted(client, a, ReadConsistency.FOLLOWER);
        }
        network.healAll();
    }

    /**
     * Catches a LEASE read answered by a leader whose lease expired: a client that still takes the
     * isolated old leader for the leader asks it after a new leader acknowledged a write; the answer
     * may be an error or the new state (redirected), never the old state.
     */
    @Test
    default void aLeaseReadAtALeaderCutOffAfterANewerWriteIsRefusedOrRedirected() {
        assertReadAtACutOffLeaderIsRefusedOrRedirected(ReadConsistency.LEASE);
    }

    /**
     * The same for a LINEARIZABLE read: a leader cut off from its majority must not confirm its read
     * index. Slow (it waits for the engines' step-down or request timeouts), so it runs with the slow
     * suites, among them the contract suite in process topology.
     */
    @Test
    @Tag("slow")
    default void aLinearizableReadAtALeaderCutOffAfterANewerWriteIsRefusedOrRedirected() {
        assertReadAtACutOffLeaderIsRefusedOrRedirected(ReadConsistency.LINEARIZABLE);
    }

    private void assertReadAtACutOffLeaderIsRefusedOrRedirected(ReadConsistency level) {
        assumeLevel(level);
        clusters().assumeLinkLayer();
        Cluster cluster = clusters().started(3);
        GraphClient client = cluster.client();
        long a = applied(client, Command.CreateNode.of("A", Map.of(MARK, "before")));
        NodeHandle old = cluster.awaitLeader(CONVERGENCE);
        GraphClient stale = cluster.newClient();
        // only the leader acknowledges a write: the stale client now takes it for the leader
        applied(stale, Command.UpdateNode.of(a, Map.of(MARK, "before")));
        assertThat(mark(join(stale.read(new Query.GetNode(a), level)))).isEqualTo("before");

        old.isolate();
        await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != old).isPresent());
        await().atMost(CONVERGENCE).ignoreExceptions().until(() ->
                submit(client, Command.UpdateNode.of(a, Map.of(MARK, "after"))) instanceof Result.Applied);

        for (int i = 0; i < 3; i++) {
            try {
                assertThat(mark(join(stale.read(new Query.GetNode(a), level))))
                        .as("a %s read through a client that took the cut-off %s for the leader", level, old.id())
                        .isEqualTo("after");
            } catch (EngineUnavailableException refused) {
                // refused: what a leader that cannot confirm its leadership must do
            }
        }
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(mark(join(client.read(new Query.GetNode(a), level)))).isEqualTo("after"));
        old.heal();
    }

    private void assumeLevel(ReadConsistency level) {
        level.capability().ifPresent(clusters()::assumeCapability);
    }

    private static void assertNeverUncommitted(GraphClient client, long node, ReadConsistency level) {
        try {
            assertThat(mark(join(client.read(new Query.GetNode(node), level)))).as("%s read during the partition", level)
                    .isEqualTo("committed");
        } catch (EngineUnavailableException unanswered) {
            // no answer shows nothing
        }
    }

    private static Object mark(Result result) {
        assertThat(result).isInstanceOf(Result.NodeFound.class);
        return ((Result.NodeFound) result).node().properties().get(MARK);
    }
}
