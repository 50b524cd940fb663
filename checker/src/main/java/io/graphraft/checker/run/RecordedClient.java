package io.graphraft.checker.run;

import io.graphraft.checker.history.HistoryRecorder;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.Outcome;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One client process of the check: each operation is recorded as invoked right before it is sent, and as
 * {@code ok}, {@code fail} or {@code unknown} once its answer came. Nothing is ever sent twice.
 * <ul>
 *   <li>A result from the state machine is definite: {@code Applied} or a value read is {@code ok}, an error
 *       result ({@code NOT_FOUND}, ...) is {@code fail} (the command applied as a no-op, or the query answered
 *       nothing).</li>
 *   <li>Anything else is {@code unknown}: {@code EngineUnavailableException} (a timeout, no leader, a lost
 *       connection: the write may still apply), any other failure, or no answer within the request timeout
 *       plus {@link #ANSWER_GRACE} (the engine broke its promise to answer in time).</li>
 * </ul>
 */
final class RecordedClient {
    static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

    private final GraphClient client;
    private final int process;
    private final HistoryRecorder history;
    private final CheckGraph graph;
    private final long waitMillis;

    RecordedClient(GraphClient client, int process, HistoryRecorder history, CheckGraph graph, Duration requestTimeout) {
        this.client = client;
        this.process = process;
        this.history = history;
        this.graph = graph;
        this.waitMillis = requestTimeout.plus(ANSWER_GRACE).toMillis();
    }

    Outcome write(String key, long value) {
        long id = history.invoke(process, Operation.write(key, value));
        return completeWrite(id, send(() -> client.submit(graph.write(key, value))));
    }

    Outcome create(long tag) {
        long id = history.invoke(process, Operation.create(tag));
        return completeWrite(id, send(() -> client.submit(CheckGraph.createElement(tag))));
    }

    /** A linearizable read of the register {@code key}. */
    Outcome read(String key) {
        long id = history.invoke(process, Operation.read(key));
        Answer answer = await(send(() -> client.read(new Query.GetNode(graph.node(key)), ReadConsistency.LINEARIZABLE)));
        if (answer.failure != null) {
            history.unknown(id, answer.failure);
            return Outcome.UNKNOWN;
        }
        if (answer.result instanceof Result.NodeFound found) {
            Object value = found.node().properties().get(CheckGraph.VALUE);
            if (value == null || value instanceof Long) {
                history.okRead(id, (Long) value);
                return Outcome.OK;
            }
            history.unknown(id, "register " + key + " holds a " + value.getClass().getSimpleName() + ": " + value);
            return Outcome.UNKNOWN;
        }
        return definiteFailureOrUnknown(id, answer.result);
    }

    private Outcome completeWrite(long id, CompletableFuture<Result> sent) {
        Answer answer = await(sent);
        if (answer.failure != null) {
            history.unknown(id, answer.failure);
            return Outcome.UNKNOWN;
        }
        if (answer.result instanceof Result.Applied) {
            history.ok(id);
            return Outcome.OK;
        }
        return definiteFailureOrUnknown(id, answer.result);
    }

    private Outcome definiteFailureOrUnknown(long id, Result result) {
        if (result instanceof Result.Error error) {
            history.fail(id, error.code() + ": " + error.message());
            return Outcome.FAIL;
        }
        history.unknown(id, "unexpected result " + result);
        return Outcome.UNKNOWN;
    }

    /** A request that failed before it was sent is as unknown as one that failed later: say why either way. */
    private static CompletableFuture<Result> send(Supplier<CompletableFuture<Result>> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Answer await(CompletableFuture<Result> sent) {
        try {
            return new Answer(sent.get(waitMillis, TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Answer(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            return new Answer(null, "no answer within " + waitMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted while waiting for the answer");
        }
    }

    /** A result, or why there is none. */
    private record Answer(Result result, String failure) {
    }
}
