package io.graphraft.bench.jmh;

import io.graphraft.core.command.Result;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * {@code loops} closed-loop clients: each sends its next request as soon as its previous one is answered.
 * Measured loops time every request where its answer arrives and hand each completion to the benchmark
 * ({@link #next()}: one benchmark invocation per completed request, so JMH's throughput is completed requests
 * per second); background loops only keep the cluster busy and fail the iteration if a request failed.
 */
final class ClosedLoop implements AutoCloseable {
    private static final Object DONE = new Object();
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final String what;
    private final int loops;
    private final IntFunction<CompletableFuture<Result>> request;
    private final LongConsumer latency;
    private final LinkedBlockingQueue<Object> completions = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Throwable> backgroundFailure = new AtomicReference<>();
    private final ExecutorService resubmitter;
    private volatile boolean running;

    private ClosedLoop(String what, int loops, IntFunction<CompletableFuture<Result>> request, LongConsumer latency) {
        this.what = what;
        this.loops = loops;
        this.request = request;
        this.latency = latency;
        // Next requests are sent from our own thread, never from an engine's callback thread.
        this.resubmitter = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, what + "-driver");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loops whose requests are measured: {@code latency} gets every answered request's nanoseconds.
     *
     * @param what what a request is ("write", "read"), for thread names and failures
     * @param request sends loop {@code i}'s next request
     */
    static ClosedLoop measured(String what, int loops, IntFunction<CompletableFuture<Result>> request, LongConsumer latency) {
        return new ClosedLoop(what, loops, request, latency);
    }

    /** Loops that only load the cluster: nothing is timed or handed to the benchmark. */
    static ClosedLoop background(String what, int loops, IntFunction<CompletableFuture<Result>> request) {
        return new ClosedLoop(what, loops, request, null);
    }

    /** Starts every loop (at the start of an iteration). */
    void start() {
        running = true;
        for (int loop = 0; loop < loops; loop++) {
            send(loop);
        }
    }

    /**
     * Stops sending and waits for the requests in flight (at the end of an iteration).
     *
     * @throws IllegalStateException if a background request failed during the iteration
     */
    void stop() {
        running = false;
        Awaitility.await(what + "s in flight to finish").atMost(DRAIN_TIMEOUT)
                .pollInterval(Duration.ofMillis(5)).until(() -> inFlight.get() == 0);
        completions.clear();
        Throwable failure = backgroundFailure.getAndSet(null);
        if (failure != null) {
            throw new IllegalStateException("a background " + what + " failed", failure);
        }
    }

    private void send(int loop) {
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        request.apply(loop).whenComplete((result, failure) -> {
            // Timed where the answer arrives; only the bookkeeping and the next send hop threads.
            long nanos = System.nanoTime() - start;
            resubmitter.execute(() -> {
                Throwable failed = failure != null ? failure
                        : result.isError() ? new IllegalStateException(what + " failed: " + result) : null;
                if (latency == null) {
                    if (failed != null) {
                        backgroundFailure.compareAndSet(null, failed);
                    }
                } else if (failed != null) {
                    completions.add(failed);
                } else {
                    latency.accept(nanos);
                    completions.add(DONE);
                }
                inFlight.decrementAndGet();
                if (running) {
                    send(loop);
                }
            });
        });
    }

    /** Waits for the next measured completion. */
    Object next() throws InterruptedException {
        Object completion = completions.take();
        if (completion instanceof Throwable failure) {
            throw new IllegalStateException("a measured " + what + " failed", failure);
        }
        return completion;
    }

    @Override
    public void close() {
        resubmitter.shutdownNow();
    }
}
