package io.graphraft.checker.run;

import io.graphraft.core.command.Result;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** What came back for a request: a result, or why none came ({@code failure}). */
record Answer(Result result, String failure) {

    boolean answered() {
        return failure == null;
    }

    /** Sends a request and waits at most {@code waitMillis} for its result; a request that throws is a failure too. */
    static Answer of(Supplier<CompletableFuture<Result>> request, long waitMillis) {
        CompletableFuture<Result> sent;
        try {
            sent = request.get();
        } catch (RuntimeException e) {
            return failed(e);
        }
        try {
            return new Answer(sent.get(waitMillis, TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return failed(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return new Answer(null, "no answer within " + waitMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted while waiting for the answer");
        }
    }

    private static Answer failed(Throwable cause) {
        return new Answer(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    @Override
    public String toString() {
        return answered() ? String.valueOf(result) : failure;
    }
}
