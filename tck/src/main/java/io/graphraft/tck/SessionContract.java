package io.graphraft.tck;

import io.graphraft.core.client.SessionClient;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static io.graphraft.tck.ClusterFixture.applied;
import static io.graphraft.tck.ClusterFixture.awaitConverged;
import static io.graphraft.tck.ClusterFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract cases: exactly-once writes through client sessions (Raft thesis 6.3). A write resent with
 * its session and sequence number, because its answer was lost or its leader crashed, applies once and
 * is answered as the first time, also after a snapshot and a restart.
 */
public interface SessionContract extends EngineUnderTest {
    @ParameterizedTest(name = "{0} codec")
    @EnumSource(CodecKind.class)
    default void theSameSessionAndSequenceNumberTwiceAppliesOnceAndIsAnsweredTheSame(CodecKind codec) {
        Cluster cluster = clusters().started(clusters().spec(1).codec(codec));
        GraphClient client = cluster.client();
        long session = applied(client, new Command.OpenSession());
        Command.InSession write = new Command.InSession(session, 1, Command.CreateNode.of("Once", Map.of()));
        Result first = submit(client, write);
        assertThat(first).isInstanceOf(Result.Applied.class);
        assertThat(submit(client, write)).as("the repeat's answer").isEqualTo(first);
        assertThat(clusters().read(client, new Query.Count())).isEqualTo(new Result.Counts(1, 0));
        Result digest = clusters().read(client, new Query.Digest());

        Command node = Command.CreateNode.of("Never", Map.of());
        assertError(submit(client, new Command.InSession(session, -1, node)), ErrorCode.INVALID);
        assertError(submit(client, new Command.InSession(session, 0, node)), ErrorCode.INVALID);
        assertError(submit(client, new Command.InSession(session + 1_000_000, 1, node)), ErrorCode.UNKNOWN_SESSION);
        assertThat(clusters().read(client, new Query.Digest())).as("after refused writes").isEqualTo(digest);

        assertThat(submit(client, new Command.InSession(session, 2, Command.CreateNode.of("Next", Map.of()))))
                .isEqualTo(new Result.Applied(((Result.Applied) first).id() + 1));
        assertError(submit(client, new Command.InSession(session, 1, node)), ErrorCode.INVALID);
        assertThat(submit(client, write)).as("below the last sequence number: refused, not applied").isInstanceOf(Result.Error.class);
        assertThat(clusters().read(client, new Query.Count())).isEqualTo(new Result.Counts(2, 0));
    }

    @Test
    default void writesRetriedInTheirSessionsThroughALeaderCrashApplyExactlyOnce() throws Exception {
        Cluster cluster = clusters().started(3);
        AnswerRecordingClient recording = new AnswerRecordingClient(cluster.client());
        SessionClient client = new SessionClient(recording, CONVERGENCE);
        NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
        int count = 20;
        List<CompletableFuture<Result>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            writes.add(client.submit(Command.CreateNode.of("Once", Map.of("i", (long) i))));
        }
        leader.stop(); // while the writes are in flight: those whose answers are lost go again in their sessions

        HashSet<Result> answers = new HashSet<>();
        for (CompletableFuture<Result> write : writes) {
            answers.add(write.get(CONVERGENCE.toSeconds() * 2, TimeUnit.SECONDS));
        }
        assertThat(answers).as("one node id per write").hasSize(count).allMatch(r -> r instanceof Result.Applied);

        // Every write again, as a client whose answer was lost would send it. A session keeps its last write's
        // answer: that write is answered as before; an earlier one (the session carried a later write since,
        // as the client reuses idle sessions) is refused, and neither applies again.
        Map<Long, Long> lastSequence = recording.answered().keySet().stream()
                .collect(Collectors.toMap(Command.InSession::session, Command.InSession::sequence, Math::max));
        for (Map.Entry<Command.InSession, Result> write : recording.answered().entrySet()) {
            Result again = await().atMost(CONVERGENCE).ignoreExceptions().until(() -> submit(cluster.client(), write.getKey()), r -> true);
            if (write.getKey().sequence() == lastSequence.get(write.getKey().session())) {
                assertThat(again).as("%s sent again", write.getKey()).isEqualTo(write.getValue());
            } else {
                assertError(again, ErrorCode.INVALID);
            }
        }
        assertThat(recording.answered().keySet().stream().map(Command.InSession::session).distinct().count())
                .as("sessions the writes used").isPositive();
        assertThat(clusters().read(cluster.client(), new Query.Count())).isEqualTo(new Result.Counts(count, 0));
        // The crashed leader's restart and catch-up are FaultContract's cases; here the survivors must agree.
        awaitConverged(cluster);
    }

    @Test
    default void theSessionTableSurvivesASnapshotAndARestart() {
        clusters().assumeCapability(Capability.SNAPSHOT_ON_DEMAND);
        clusters().assumeCapability(Capability.DURABLE_RESTART);
        Cluster cluster = clusters().started(1);
        long session = applied(cluster.client(), new Command.OpenSession());
        Command.InSession write = new Command.InSession(session, 1, Command.CreateNode.of("Before the snapshot", Map.of()));
        Result answer = submit(cluster.client(), write);
        assertThat(answer).isInstanceOf(Result.Applied.class);
        cluster.nodes().forEach(NodeHandle::takeSnapshot);

        cluster.nodes().forEach(NodeHandle::stop);
        cluster.nodes().forEach(NodeHandle::restart);
        cluster.awaitLeader(CONVERGENCE);

        Result again = await().atMost(CONVERGENCE).ignoreExceptions().until(() -> submit(cluster.client(), write), r -> true);
        assertThat(again).as("the repeat after the restart").isEqualTo(answer);
        assertThat(clusters().read(cluster.client(), new Query.Count())).isEqualTo(new Result.Counts(1, 0));
        assertThat(submit(cluster.client(), new Command.InSession(session, 2, Command.CreateNode.of("After", Map.of()))))
                .isInstanceOf(Result.Applied.class);
        assertThat(clusters().read(cluster.client(), new Query.Count())).isEqualTo(new Result.Counts(2, 0));
    }

    private static void assertError(Result result, ErrorCode code) {
        assertThat(result).isInstanceOf(Result.Error.class);
        assertThat(((Result.Error) result).code()).isEqualTo(code);
        assertThat(((Result.Error) result).message()).isNotBlank();
    }
}
