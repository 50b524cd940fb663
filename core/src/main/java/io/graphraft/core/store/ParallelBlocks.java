package io.graphraft.core.store;

import io.graphraft.core.codec.CodecException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes or decodes snapshot blocks on one thread per core while the caller keeps their order:
 * tasks run ahead (a few per thread), and their results reach the consumer on the caller's thread,
 * in submission order. Its threads end with {@link #close()}.
 */
final class ParallelBlocks<R> implements AutoCloseable {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;
    private final ArrayDeque<Future<R>> pending = new ArrayDeque<>();
    private final ResultConsumer<R> consumer;

    ParallelBlocks(ResultConsumer<R> consumer) {
        this.consumer = consumer;
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "snapshot-blocks-" + id + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void submit(Callable<R> task) throws IOException {
        while (pending.size() >= 2 * THREADS) {
            consumeOldest();
        }
        pending.add(pool.submit(task));
    }

    /** Waits for every task and hands the remaining results to the consumer. */
    void finish() throws IOException {
        while (!pending.isEmpty()) {
            consumeOldest();
        }
    }

    private void consumeOldest() throws IOException {
        R result;
        try {
            result = pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while encoding or decoding a snapshot");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof HeapGraphStore.RecordTooLargeException tooLarge) {
                throw new IOException(tooLarge.getMessage(), tooLarge);
            }
            if (cause instanceof CodecException codec) {
                throw new IOException("snapshot content is corrupt: " + codec.getMessage(), codec);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("snapshot block task failed", cause);
        }
        consumer.accept(result);
    }

    /** Abandons what is still pending and stops the threads. */
    @Override
    public void close() {
        pending.forEach(future -> future.cancel(true));
        pending.clear();
        pool.shutdownNow();
    }

    @FunctionalInterface
    interface ResultConsumer<R> {
        void accept(R result) throws IOException;
    }
}
