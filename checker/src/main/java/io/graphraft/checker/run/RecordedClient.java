package io.graphraft.checker.run;

import io.graphraft.checker.history.HistoryRecorder;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.Outcome;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.time.Duration;

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
        return completeWrite(id, Answer.of(() -> client.submit(graph.write(key, value)), waitMillis));
    }

    Outcome create(long tag) {
        long id = history.invoke(process, Operation.create(tag));
        return completeWrite(id, Answer.of(() -> client.submit(CheckGraph.createElement(tag)), waitMillis));
    }

    /** A linearizable read of the register {@code key}. */
    Outcome read(String key) {
        long id = history.invoke(process, Operation.read(key));
        Answer answer = Answer.of(() -> client.read(new Query.GetNode(graph.node(key)), ReadConsistency.LINEARIZABLE),
                waitMillis);
        if (!answer.answered()) {
            history.unknown(id, answer.failure());
            return Outcome.UNKNOWN;
        }
        if (answer.result() instanceof Result.NodeFound found) {
            Object value = found.node().properties().get(CheckGraph.VALUE);
            if (value == null || value instanceof Long) {
                history.okRead(id, (Long) value);
                return Outcome.OK;
            }
            history.unknown(id, "register " + key + " holds a " + value.getClass().getSimpleName() + ": " + value);
            return Outcome.UNKNOWN;
        }
        return definiteFailureOrUnknown(id, answer.result());
    }

    private Outcome completeWrite(long id, Answer answer) {
        if (!answer.answered()) {
            history.unknown(id, answer.failure());
            return Outcome.UNKNOWN;
        }
        if (answer.result() instanceof Result.Applied) {
            history.ok(id);
            return Outcome.OK;
        }
        return definiteFailureOrUnknown(id, answer.result());
    }

    private Outcome definiteFailureOrUnknown(long id, Result result) {
        if (result instanceof Result.Error error) {
            history.fail(id, error.code() + ": " + error.message());
            return Outcome.FAIL;
        }
        history.unknown(id, "unexpected result " + result);
        return Outcome.UNKNOWN;
    }
}
