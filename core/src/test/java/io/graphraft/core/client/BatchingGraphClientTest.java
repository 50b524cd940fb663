package io.graphraft.core.client;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What callers see through the batching decorator, against an engine stand-in whose answers the test
 * controls: own results, per-command errors, entry-level failures, the order and shape of entries.
 */
class BatchingGraphClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private InMemoryEngineClient held() {
        return open(InMemoryEngineClient.held(temp.resolve("engine-" + opened.size()), CodecKind.BINARY));
    }

    private InMemoryEngineClient answering(CodecKind codec) {
        return open(InMemoryEngineClient.answering(temp.resolve("engine-" + opened.size()), codec));
    }

    private BatchingGraphClient batching(GraphClient delegate, BatchPolicy policy) {
        return open(BatchingGraphClient.batching(delegate, policy));
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static Command.CreateNode node(long i) {
        return Command.CreateNode.of("N", Map.of("i", i));
    }

    private static Result result(CompletableFuture<Result> future) {
        assertThat(future).succeedsWithin(WAIT);
        return future.join();
    }

    private static List<Result> results(List<CompletableFuture<Result>> futures) {
        return futures.stream().map(BatchingGraphClientTest::result).toList();
    }

    /**
     * Answers entries in order until every future is complete. (An entry may be answered before the
     * decorator has hooked onto its answer; its callers then complete on the decorator's thread a little
     * later, so "not done yet" does not mean another entry is coming.)
     */
    private static void answerUntilDone(InMemoryEngineClient engine, List<CompletableFuture<Result>> futures) {
        BooleanSupplier done = () -> futures.stream().allMatch(CompletableFuture::isDone);
        while (true) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> done.getAsBoolean() || engine.unanswered() > 0);
            if (engine.unanswered() == 0) {
                return;
            }
            engine.answerNext();
        }
    }

    private static int sizeOf(Command entry) {
        return entry instanceof Command.Batch batch ? batch.commands().size() : 1;
    }

    @Test
    void commandsQueuedBehindAnEntryLeaveTogetherInOrderAndEachCallerGetsItsOwnResult() {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1).withMaxCommands(4));
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(client.submit(node(i)));
        }
        assertThat(engine.entries()).as("the first command leaves at once, as itself").containsExactly(node(0));

        answerUntilDone(engine, futures);

        assertThat(engine.entries()).containsExactly(
                node(0),
                new Command.Batch(List.of(node(1), node(2), node(3), node(4))),
                new Command.Batch(List.of(node(5), node(6), node(7), node(8))),
                node(9));
        assertThat(results(futures)).extracting(r -> ((Result.Applied) r).id())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(client.entriesSent()).isEqualTo(4);
        assertThat(client.commandsSent()).isEqualTo(10);
    }

    @Test
    void aFailingCommandFailsOnlyItsCaller() {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1));
        CompletableFuture<Result> first = client.submit(node(0));
        List<CompletableFuture<Result>> batchMates = List.of(
                client.submit(node(1)),
                client.submit(Command.UpdateNode.of(99, Map.of("x", 1L))),
                client.submit(Command.CreateEdge.of(1, 77, "E", Map.of())),
                client.submit(Command.UpdateNode.of(1, Map.of("x", 2L))),
                client.submit(new Command.DeleteEdge(5)),
                client.submit(Command.CreateEdge.of(1, 2, "E", Map.of())));

        engine.answerNext();
        engine.answerNext();

        assertThat(engine.entries()).hasSize(2);
        assertThat(sizeOf(engine.entries().get(1))).as("the six commands shared one entry").isEqualTo(6);
        assertThat(result(first)).isEqualTo(new Result.Applied(1));
        assertThat(results(batchMates)).containsExactly(
                new Result.Applied(2),
                new Result.Error(ErrorCode.NOT_FOUND, "node 99 does not exist"),
                new Result.Error(ErrorCode.NOT_FOUND, "edge target node 77 does not exist"),
                new Result.Applied(1),
                new Result.Error(ErrorCode.NOT_FOUND, "edge 5 does not exist"),
                new Result.Applied(1));
    }

    @Test
    void anEntryThatFailsAsAWholeFailsEveryCallerOfThatEntryAndNoOther() {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1));
        CompletableFuture<Result> first = client.submit(node(0));
        List<CompletableFuture<Result>> failed = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            failed.add(client.submit(node(i)));
        }
        engine.answerNext();
        engine.awaitEntries(2);
        List<CompletableFuture<Result>> later = List.of(client.submit(node(5)), client.submit(node(6)));

        EngineUnavailableException timeout = new EngineUnavailableException(
                "no answer within the request timeout (the write may still be applied)");
        engine.failNext(timeout);
        engine.answerNext();

        assertThat(result(first)).isEqualTo(new Result.Applied(1));
        for (CompletableFuture<Result> future : failed) {
            assertThat(future).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isSameAs(timeout);
        }
        assertThat(results(later)).as("the next entry is not affected")
                .containsExactly(new Result.Applied(2), new Result.Applied(3));
    }

    @Test
    void anEntryAnsweredWithOneErrorGivesThatErrorToEachOfItsCallers() {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1));
        CompletableFuture<Result> first = client.submit(node(0));
        List<CompletableFuture<Result>> batchMates = List.of(client.submit(node(1)), client.submit(node(2)));
        engine.answerNext();
        Result.Error malformed = new Result.Error(ErrorCode.MALFORMED, "malformed command: too large");
        engine.answerNextWith(engine.codec().encodeResult(malformed));

        assertThat(result(first)).isEqualTo(new Result.Applied(1));
        assertThat(results(batchMates)).containsOnly(malformed);
    }

    @Test
    void anAnswerThatDoesNotMatchTheEntryFailsEachCallerSayingTheOutcomeIsUnknown() {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1));
        client.submit(node(0));
        List<CompletableFuture<Result>> batchMates = List.of(client.submit(node(1)), client.submit(node(2)));
        engine.answerNext();
        engine.answerNextWith(engine.codec().encodeResult(new Result.BatchApplied(List.of(new Result.Applied(2)))));

        for (CompletableFuture<Result> future : batchMates) {
            assertThat(future).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class)
                    .withMessageContaining("batch of 2 commands").withMessageContaining("a batch result of 1")
                    .withMessageContaining("unknown");
        }
    }

    @Test
    void aDelegateThatThrowsFailsTheCallersOfThatEntryAndTheClientCarriesOn() {
        InMemoryEngineClient engine = held();
        int[] calls = new int[1];
        GraphClient flaky = new GraphClient() {
            @Override
            public io.graphraft.core.codec.Codec codec() {
                return engine.codec();
            }

            @Override
            public CompletableFuture<byte[]> submitEncoded(byte[] command) {
                if (calls[0]++ == 0) {
                    throw new IllegalStateException("connection refused");
                }
                return engine.submitEncoded(command);
            }

            @Override
            public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
                return engine.readEncoded(query, consistency);
            }
        };
        BatchingGraphClient client = batching(flaky, BatchPolicy.auto());
        CompletableFuture<Result> refused = client.submit(node(0));
        assertThat(refused).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().withMessage("connection refused");

        CompletableFuture<Result> next = client.submit(node(1));
        engine.answerNext();
        assertThat(result(next)).isEqualTo(new Result.Applied(1));
    }

    @Test
    void aCallersOwnBatchLeavesAsOneEntryOfItsOwnNeverNested() {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1));
        Command.Batch own = new Command.Batch(List.of(node(10), Command.UpdateNode.of(42, Map.of())));
        List<CompletableFuture<Result>> futures = List.of(
                client.submit(node(0)), client.submit(node(1)), client.submit(node(2)), client.submit(own),
                client.submit(node(3)), client.submit(node(4)));

        answerUntilDone(engine, futures);

        assertThat(engine.entries()).containsExactly(
                node(0),
                new Command.Batch(List.of(node(1), node(2))),
                own,
                new Command.Batch(List.of(node(3), node(4))));
        assertThat(results(futures)).containsExactly(
                new Result.Applied(1), new Result.Applied(2), new Result.Applied(3),
                new Result.BatchApplied(List.of(new Result.Applied(4), new Result.Error(ErrorCode.NOT_FOUND, "node 42 does not exist"))),
                new Result.Applied(5), new Result.Applied(6));
    }

    @Test
    void anEntryHoldsNoMoreThanMaxBytesAndALargerCommandLeavesAlone() {
        InMemoryEngineClient engine = held();
        int size = engine.codec().encodeCommand(node(1)).length;
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1).withMaxBytes(3 * size));
        Command large = Command.CreateNode.of("N", Map.of("blob", "x".repeat(4 * size)));
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        futures.add(client.submit(node(0)));
        for (int i = 1; i <= 5; i++) {
            futures.add(client.submit(node(i)));
        }
        futures.add(client.submit(large));
        futures.add(client.submit(node(6)));

        answerUntilDone(engine, futures);

        assertThat(engine.entries()).containsExactly(
                node(0),
                new Command.Batch(List.of(node(1), node(2), node(3))),
                new Command.Batch(List.of(node(4), node(5))),
                large,
                node(6));
        assertThat(results(futures)).extracting(r -> ((Result.Applied) r).id()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void aLoneWriterSendsEachCommandAsItselfOneEntryEach() {
        InMemoryEngineClient engine = answering(CodecKind.BINARY);
        BatchingGraphClient client = batching(engine, BatchPolicy.auto());
        for (int i = 0; i < 50; i++) {
            assertThat(result(client.submit(node(i)))).isEqualTo(new Result.Applied(i + 1));
        }
        assertThat(engine.entries()).hasSize(50).allMatch(entry -> entry instanceof Command.CreateNode);
        assertThat(client.entriesSent()).isEqualTo(50);
    }

    @Test
    void aPositiveLingerHoldsAPartialEntryUntilItIsFullItsTimeIsUpOrTheClientCloses() {
        InMemoryEngineClient engine = answering(CodecKind.BINARY);
        BatchingGraphClient patient = batching(engine, BatchPolicy.auto().withMaxCommands(3).withLinger(Duration.ofHours(1)));
        CompletableFuture<Result> a = patient.submit(node(0));
        CompletableFuture<Result> b = patient.submit(node(1));
        assertThat(engine.entryCount()).as("a partial entry lingers").isZero();
        CompletableFuture<Result> c = patient.submit(node(2));
        assertThat(results(List.of(a, b, c))).extracting(r -> ((Result.Applied) r).id()).containsExactly(1L, 2L, 3L);
        assertThat(engine.entries()).containsExactly(new Command.Batch(List.of(node(0), node(1), node(2))));

        CompletableFuture<Result> d = patient.submit(node(3));
        assertThat(engine.entryCount()).isEqualTo(1);
        patient.close();
        assertThat(d).as("close sends what lingers").isCompletedWithValue(new Result.Applied(4));

        BatchingGraphClient brief = batching(engine, BatchPolicy.auto().withLinger(Duration.ofMillis(1)));
        assertThat(result(brief.submit(node(4)))).as("the linger ends by itself").isEqualTo(new Result.Applied(5));
    }

    @Test
    void closeSendsWhatIsQueuedWaitsForTheAnswersThenRefusesNewCommandsAndLeavesTheDelegateOpen() throws Exception {
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto().withMaxInFlight(1).withMaxCommands(2));
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(client.submit(node(i)));
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            client.close();
            closed.countDown();
        }, "closer");
        closer.start();
        try {
            engine.answerNext();
            engine.answerNext();
            assertThat(closed.getCount()).as("close waits for the last entry").isOne();
            engine.answerNext();
            assertThat(closed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            closer.join(WAIT.toMillis());
        }

        assertThat(results(futures)).extracting(r -> ((Result.Applied) r).id()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(client.submit(node(5))).failsWithin(WAIT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(EngineUnavailableException.class).withMessageContaining("closed");
        CompletableFuture<Result> direct = engine.submit(node(6));
        engine.answerNext();
        assertThat(result(direct)).isEqualTo(new Result.Applied(6));
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("graphraft-batching-dispatcher")));
    }

    @Test
    void encodedSubmitsAndReadsPassStraightThrough() {
        InMemoryEngineClient engine = answering(CodecKind.BINARY);
        BatchingGraphClient client = batching(engine, BatchPolicy.auto());
        byte[] garbage = {9, 9, 9};
        byte[] answer = client.submitEncoded(garbage).join();
        assertThat(engine.entryBytes(0)).isSameAs(garbage);
        assertThat(engine.codec().decodeResult(answer)).isInstanceOf(Result.Error.class)
                .extracting(r -> ((Result.Error) r).code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(client.entriesSent()).isZero();

        result(client.submit(node(0)));
        assertThat(client.read(new Query.Count(), ReadConsistency.LINEARIZABLE).join()).isEqualTo(new Result.Counts(1, 0));
    }

    @Test
    void aPolicyOutOfRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> BatchPolicy.auto().withMaxCommands(0)).hasMessageContaining("maxCommands");
        assertThatThrownBy(() -> BatchPolicy.auto().withMaxBytes(0)).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> BatchPolicy.auto().withLinger(Duration.ofMillis(-1))).hasMessageContaining("linger");
        assertThatThrownBy(() -> BatchPolicy.auto().withMaxInFlight(0)).hasMessageContaining("maxInFlight");
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("auto", BatchPolicy.auto()),
                Arguments.of("one in flight, five a batch", BatchPolicy.auto().withMaxInFlight(1).withMaxCommands(5)),
                Arguments.of("300 bytes a batch", BatchPolicy.auto().withMaxBytes(300)),
                Arguments.of("four in flight, 1 ms linger", BatchPolicy.auto().withMaxInFlight(4).withLinger(Duration.ofMillis(1))));
    }

    /**
     * One thread queues a fixed sequence without waiting, so the order is fixed; the engine answers
     * only once everything is queued (so entries are as full as the policy allows) or as entries come
     * (so they form as they happen to). Either way every caller's result and the final graph are those
     * of the same sequence sent unbatched.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void resultsAreThoseOfTheSameSequenceSentUnbatched(String name, BatchPolicy policy) {
        for (CodecKind codec : CodecKind.values()) {
            List<Command> sequence = MixedCommands.of(7, 400);

            InMemoryEngineClient reference = answering(codec);
            List<CompletableFuture<Result>> unbatched = sequence.stream().map(reference::submit).toList();
            List<Result> expected = results(unbatched);
            Result expectedDigest = reference.machine().query(new Query.Digest());
            assertThat(expected).as("the sequence exercises failing commands").anyMatch(Result::isError);
            if (name.equals("auto")) {
                assertComparisonSeesAReordering(sequence, codec, expected, expectedDigest);
            }

            InMemoryEngineClient heldEngine = open(InMemoryEngineClient.held(temp.resolve("held-" + codec), codec));
            BatchingGraphClient queuedFirst = batching(heldEngine, policy);
            List<CompletableFuture<Result>> batched = sequence.stream().map(queuedFirst::submit).toList();
            answerUntilDone(heldEngine, batched);
            assertThat(results(batched)).isEqualTo(expected);
            assertThat(heldEngine.machine().query(new Query.Digest())).isEqualTo(expectedDigest);
            assertThat(heldEngine.entryCount()).as("commands shared entries").isLessThan(sequence.size());

            InMemoryEngineClient engine = answering(codec);
            BatchingGraphClient asTheyCome = batching(engine, policy);
            List<CompletableFuture<Result>> live = sequence.stream().map(asTheyCome::submit).toList();
            assertThat(results(live)).isEqualTo(expected);
            assertThat(engine.machine().query(new Query.Digest())).isEqualTo(expectedDigest);
        }
    }

    /**
     * The comparison above can fail: if two callers' creates were applied in each other's place, each
     * caller would get the other's id and the graph would differ.
     */
    private void assertComparisonSeesAReordering(List<Command> sequence, CodecKind codec, List<Result> expected,
                                                 Result expectedDigest) {
        int first = 0;
        while (!(sequence.get(first) instanceof Command.CreateNode)) {
            first++;
        }
        int second = first + 1;
        while (!(sequence.get(second) instanceof Command.CreateNode)) {
            second++;
        }
        List<Command> swapped = new ArrayList<>(sequence);
        Collections.swap(swapped, first, second);
        InMemoryEngineClient other = answering(codec);
        List<Result> perCaller = new ArrayList<>(results(swapped.stream().map(other::submit).toList()));
        Collections.swap(perCaller, first, second);
        assertThat(perCaller).isNotEqualTo(expected);
        assertThat(other.machine().query(new Query.Digest())).isNotEqualTo(expectedDigest);
    }

    /**
     * Many writers, each waiting for its answer before its next write. The engine answers an entry
     * only once every running writer has a write outstanding, so writers always queue behind the
     * entries in flight and must share entries; every write still gets its own id.
     */
    @Test
    void manyConcurrentWritersAllCompleteWithTheirOwnIdsInFewerEntriesThanWrites() throws Exception {
        int writers = 64;
        int writesEach = 50;
        InMemoryEngineClient engine = held();
        BatchingGraphClient client = batching(engine, BatchPolicy.auto());
        WaitingWriters waiting = new WaitingWriters(writers);
        List<List<Result>> answers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Result> mine = new ArrayList<>();
            answers.add(mine);
            int writer = w;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < writesEach; i++) {
                        waiting.submitting();
                        CompletableFuture<Result> future = client.submit(node(writer * 1000L + i));
                        mine.add(future.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                        waiting.answered();
                    }
                } catch (Exception e) {
                    mine.add(new Result.Error(ErrorCode.INVALID, "writer failed: " + e));
                } finally {
                    waiting.finished();
                }
            }, "writer-" + w));
        }
        threads.forEach(Thread::start);
        try {
            while (true) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(1))
                        .until(() -> waiting.noneRunning() || (waiting.everyRunningWriterWaiting() && engine.unanswered() > 0));
                if (waiting.noneRunning()) {
                    break;
                }
                engine.answerNext();
            }
        } finally {
            for (Thread thread : threads) {
                thread.join(WAIT.toMillis());
            }
        }

        Set<Long> ids = new HashSet<>();
        for (List<Result> mine : answers) {
            assertThat(mine).hasSize(writesEach).allMatch(r -> r instanceof Result.Applied);
            mine.forEach(r -> ids.add(((Result.Applied) r).id()));
        }
        assertThat(ids).as("every write its own id").hasSize(writers * writesEach);
        assertThat(engine.machine().query(new Query.Count())).isEqualTo(new Result.Counts(writers * writesEach, 0));
        assertThat(engine.machine().lastAppliedIndex()).isEqualTo(engine.entryCount()).isLessThan(writers * writesEach);
        assertThat(client.commandsSent()).isEqualTo(writers * writesEach);
    }

    /** Counts writers with a write outstanding, so the test engine can wait until all of them have one. */
    private static final class WaitingWriters {
        private int running;
        private int outstanding;

        WaitingWriters(int writers) {
            this.running = writers;
        }

        synchronized void submitting() {
            outstanding++;
        }

        synchronized void answered() {
            outstanding--;
        }

        synchronized void finished() {
            running--;
        }

        synchronized boolean everyRunningWriterWaiting() {
            return outstanding >= running;
        }

        synchronized boolean noneRunning() {
            return running == 0;
        }
    }
}
