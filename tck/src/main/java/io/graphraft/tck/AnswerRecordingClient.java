package io.graphraft.tck;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Passes everything on, and keeps the first answer each session write got. */
final class AnswerRecordingClient implements GraphClient {
    private final GraphClient delegate;
    private final Map<Command.InSession, Result> answered = new ConcurrentHashMap<>();

    AnswerRecordingClient(GraphClient delegate) {
        this.delegate = delegate;
    }

    Map<Command.InSession, Result> answered() {
        return answered;
    }

    @Override
    public Codec codec() {
        return delegate.codec();
    }

    @Override
    public CompletableFuture<Result> submit(Command command) {
        CompletableFuture<Result> answer = delegate.submit(command);
        if (command instanceof Command.InSession write) {
            return answer.thenApply(result -> {
                answered.putIfAbsent(write, result);
                return result;
            });
        }
        return answer;
    }

    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        return delegate.submitEncoded(command);
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        return delegate.readEncoded(query, consistency);
    }
}
