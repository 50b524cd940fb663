package io.graphraft.bench.jmh;

import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.load.WriteCommands;
import io.graphraft.core.engine.GraphClient;
import org.awaitility.Awaitility;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Family 2b — concurrent writers: {@code writers} closed-loop writers, each sending its next
 * CreateNode as soon as its previous one is answered, spread over up to
 * {@value ClientPool#MAX_CLIENTS} independent clients. This is what the engines' group commit and pipelining win. One benchmark
 * invocation waits for one completed write, so JMH's throughput is completed writes per second;
 * each write's latency goes to the HdrHistogram logs (p50/p99 per writer count).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ConcurrentWritersBenchmark {
    private static final Object DONE = new Object();

    @State(Scope.Benchmark)
    public static class Writers {
        @Param({"1", "8", "64"})
        public int writers;

        private final LinkedBlockingQueue<Object> completions = new LinkedBlockingQueue<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private ClientPool clients;
        private ExecutorService resubmitter;
        private ClusterState state;
        private volatile boolean running;

        @Setup(Level.Trial)
        public void openClients(ClusterState cluster) {
            state = cluster;
            clients = new ClientPool(cluster.cluster, writers);
            // Next writes are sent from our own thread, never from an engine's callback thread.
            resubmitter = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "writers-driver");
                thread.setDaemon(true);
                return thread;
            });
        }

        @Setup(Level.Iteration)
        public void startWriters() {
            running = true;
            for (int writer = 0; writer < writers; writer++) {
                send(writer);
            }
        }

        @TearDown(Level.Iteration)
        public void stopWriters() {
            running = false;
            Awaitility.await("writes in flight to finish").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(5)).until(() -> inFlight.get() == 0);
            completions.clear();
        }

        @TearDown(Level.Trial)
        public void closeClients() {
            resubmitter.shutdownNow();
            clients.close();
        }

        private void send(int writer) {
            GraphClient client = clients.client(writer);
            inFlight.incrementAndGet();
            long start = System.nanoTime();
            client.submit(WriteCommands.CREATE_NODE).whenComplete((result, failure) -> {
                // Timed where the answer arrives; only the bookkeeping and the next send hop threads.
                long nanos = System.nanoTime() - start;
                resubmitter.execute(() -> {
                    if (failure != null) {
                        completions.add(failure);
                    } else {
                        state.latency.record(nanos);
                        completions.add(result.isError() ? new IllegalStateException("write failed: " + result) : DONE);
                    }
                    inFlight.decrementAndGet();
                    if (running) {
                        send(writer);
                    }
                });
            });
        }

        Object next() throws InterruptedException {
            Object completion = completions.take();
            if (completion instanceof Throwable failure) {
                throw new IllegalStateException("a measured write failed", failure);
            }
            return completion;
        }
    }

    @Benchmark
    public Object completedWrite(Writers writers) throws InterruptedException {
        return writers.next();
    }

}
