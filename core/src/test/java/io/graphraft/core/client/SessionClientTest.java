package io.graphraft.core.client;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session client over a real state machine reached through a link that loses answers: the write
 * applies, its answer does not arrive, as when a leader crashes after committing. (The contract suite
 * does the same against every engine's real cluster.)
 */
class SessionClientTest {
    private static final Duration RETRY_FOR = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private GraphStateMachine machine;

    @AfterEach
    void close() {
        if (machine != null) {
            machine.close();
        }
    }

    /** Applies every write to one state machine in order; the next {@code lostAnswers} writes apply but answer unavailable. */
    private static final class AnswerLosingClient implements GraphClient {
        private final GraphStateMachine machine;
        private final AtomicInteger lostAnswers = new AtomicInteger();
        private long index;

        AnswerLosingClient(GraphStateMachine machine) {
            this.machine = machine;
        }

        @Override
        public Codec codec() {
            return machine.codec();
        }

        @Override
        public synchronized CompletableFuture<byte[]> submitEncoded(byte[] command) {
            byte[] answer = machine.apply(++index, command);
            if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return CompletableFuture.failedFuture(new EngineUnavailableException("the leader crashed before answering"));
            }
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
            return CompletableFuture.completedFuture(machine.query(query));
        }
    }

    private AnswerLosingClient lossy(int sessionCapacity) {
        machine = new GraphStateMachine(StoreKind.HEAP.open(temp.resolve("store")), CodecKind.BINARY.codec(), sessionCapacity);
        return new AnswerLosingClient(machine);
    }

    private long nodes() {
        return ((Result.Counts) machine.query(new Query.Count())).nodes();
    }

    private static Result join(CompletableFuture<Result> future) throws Exception {
        return future.get(RETRY_FOR.toSeconds() * 2, TimeUnit.SECONDS);
    }

    @Test
    void aRetryOfAWriteWhoseAnswerWasLostAppliesTwiceWithoutASession() throws Exception {
        AnswerLosingClient link = lossy(16);
        Command write = Command.CreateNode.of("Order", Map.of());
        link.lostAnswers.set(1);
        assertThatThrownBy(() -> join(link.submit(write))).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(EngineUnavailableException.class);
        join(link.submit(write));
        assertThat(nodes()).as("the plain retry created a second node").isEqualTo(2);
    }

    @Test
    void aWriteWhoseAnswerWasLostIsRetriedInItsSessionAndAppliesOnce() throws Exception {
        AnswerLosingClient link = lossy(16);
        SessionClient client = new SessionClient(link, RETRY_FOR);
        assertThat(join(client.submit(Command.CreateNode.of("First", Map.of())))).isEqualTo(new Result.Applied(1));

        link.lostAnswers.set(3);
        assertThat(join(client.submit(Command.CreateNode.of("Order", Map.of())))).isEqualTo(new Result.Applied(2));
        assertThat(nodes()).isEqualTo(2);
        assertThat(client.idleSessions()).isEqualTo(1);

        byte[] encoded = link.codec().encodeCommand(Command.CreateNode.of("Encoded", Map.of()));
        link.lostAnswers.set(1);
        assertThat(link.codec().decodeResult(client.submitEncoded(encoded).get(60, TimeUnit.SECONDS))).isEqualTo(new Result.Applied(3));
        byte[] garbage = {0x7f};
        assertThat(link.codec().decodeResult(client.submitEncoded(garbage).get(60, TimeUnit.SECONDS)))
                .as("bytes that do not decode reach the state machine as they are").isInstanceOf(Result.Error.class);
        assertThat(nodes()).isEqualTo(3);
    }

    @Test
    void concurrentWritesTakeSessionsOfTheirOwnAndEachAppliesOnce() throws Exception {
        AnswerLosingClient link = lossy(64);
        SessionClient client = new SessionClient(link, RETRY_FOR);
        link.lostAnswers.set(10);
        List<CompletableFuture<Result>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(client.submit(Command.CreateNode.of("W", Map.of("i", (long) i))));
        }
        HashSet<Result> answers = new HashSet<>();
        for (CompletableFuture<Result> write : writes) {
            answers.add(join(write));
        }
        assertThat(answers).as("distinct node ids").hasSize(20).allMatch(r -> r instanceof Result.Applied);
        assertThat(nodes()).isEqualTo(20);
    }

    @Test
    void aWriteInAnExpiredSessionGoesAgainInANewSessionAndAppliesOnce() throws Exception {
        AnswerLosingClient link = lossy(1);
        SessionClient client = new SessionClient(link, RETRY_FOR);
        join(client.submit(Command.CreateNode.of("Opens a session", Map.of())));
        join(link.submit(new Command.OpenSession())); // someone else's session expires ours

        assertThat(join(client.submit(Command.CreateNode.of("Second", Map.of())))).isEqualTo(new Result.Applied(2));
        assertThat(nodes()).isEqualTo(2);
    }

    @Test
    void aWriteThatStaysUnansweredFailsSayingItMayHaveBeenApplied() throws Exception {
        AnswerLosingClient link = lossy(16);
        SessionClient client = new SessionClient(link, Duration.ZERO);
        join(client.submit(Command.CreateNode.of("Opens a session", Map.of())));
        link.lostAnswers.set(1);
        assertThatThrownBy(() -> join(client.submit(Command.CreateNode.of("Unanswered", Map.of()))))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("may have been applied");
        assertThat(nodes()).as("it was applied").isEqualTo(2);
        assertThat(join(client.submit(Command.CreateNode.of("Next", Map.of())))).isEqualTo(new Result.Applied(3));

        Result refused = join(client.submit(new Command.InSession(1, 1, Command.CreateNode.of("Stale", Map.of()))));
        assertThat(((Result.Error) refused).code()).as("the caller's own session commands pass through").isEqualTo(ErrorCode.INVALID);
    }
}
