package io.graphraft.core.util;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Runs slow per-node actions (closing a Raft server can take a second) on all nodes at once. */
public final class Parallel {
    private Parallel() {
    }

    /** Runs {@code action} on every item concurrently and waits; the first failure is rethrown after all finished. */
    public static <T> void forEach(List<T> items, Consumer<T> action) {
        List<CompletableFuture<Void>> runs = items.stream()
                .map(item -> CompletableFuture.runAsync(() -> action.accept(item), runnable -> {
                    Thread thread = new Thread(runnable, "parallel-" + item);
                    thread.setDaemon(true);
                    thread.start();
                }))
                .toList();
        RuntimeException first = null;
        for (CompletableFuture<Void> run : runs) {
            try {
                run.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
