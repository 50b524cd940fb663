package io.graphraft.bench.load;

import io.graphraft.core.command.Result;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The open-loop requests of a {@link WorkloadMix}: its {@link MixedOperations} sent round-robin through a
 * {@link ClientPool}, reads at the mix's consistency. An answer that is an error (a node not found, a
 * refused read) completes the request exceptionally, so the driver counts it as failed instead of timing it.
 */
public final class MixedRequests implements OpenLoopDriver.RequestSource {
    /** The seed of every run's request sequence, so runs of one mix send the same requests. */
    public static final long SEED = 20_181;

    private final MixedOperations operations;
    private final ClientPool clients;
    private final WorkloadMix mix;

    public MixedRequests(WorkloadMix mix, ClientPool clients) {
        this.mix = mix;
        this.operations = new MixedOperations(mix, SEED);
        this.clients = clients;
    }

    @Override
    public OpenLoopDriver.Request next() {
        MixedOperations.Operation operation = operations.next();
        if (operation instanceof MixedOperations.Read read) {
            return new OpenLoopDriver.Request(OpenLoopDriver.RequestKind.READ,
                    () -> failOnError(clients.readNext(read.query(), mix.consistency())));
        }
        MixedOperations.Write write = (MixedOperations.Write) operation;
        return new OpenLoopDriver.Request(OpenLoopDriver.RequestKind.WRITE,
                () -> failOnError(clients.submitNext(write.command())));
    }

    static CompletableFuture<Result> failOnError(CompletableFuture<Result> answer) {
        return answer.thenApply(result -> {
            if (result.isError()) {
                throw new CompletionException(new IllegalStateException("error answer: " + result));
            }
            return result;
        });
    }
}
