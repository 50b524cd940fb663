package io.graphraft.checker.run;

import io.graphraft.checker.history.HistoryRecorder;
import io.graphraft.checker.history.Outcome;
import io.graphraft.core.engine.Cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The check's clients: {@code clients} processes, each with its own client of the cluster, each running one
 * operation at a time, as fast as answers come, until the run's end: {@value #WRITE_PERCENT} % register writes,
 * {@value #READ_PERCENT} % linearizable register reads, the rest creations of set elements, on keys drawn
 * uniformly. Each process draws its operations from its own generator seeded from the run's seed. Every value
 * written and every element created is unique in the run.
 */
final class Workload {
    static final int WRITE_PERCENT = 40;
    static final int READ_PERCENT = 40;

    private final Cluster cluster;
    private final CheckGraph graph;
    private final HistoryRecorder history;
    private final int clients;
    private final long seed;
    private final Duration requestTimeout;
    private final AtomicLong nextValue = new AtomicLong(1);
    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    private volatile boolean stopped;

    Workload(Cluster cluster, CheckGraph graph, HistoryRecorder history, int clients, long seed, Duration requestTimeout) {
        this.cluster = cluster;
        this.graph = graph;
        this.history = history;
        this.clients = clients;
        this.seed = seed;
        this.requestTimeout = requestTimeout;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    /**
     * Runs every process until {@code duration} after {@code origin} ({@link System#nanoTime()}); an operation
     * under way then is waited for. Processes are numbered 0 .. clients-1.
     */
    void run(long origin, Duration duration) throws InterruptedException {
        long end = origin + duration.toNanos();
        List<RecordedClient> processes = new ArrayList<>();
        for (int process = 0; process < clients; process++) {
            processes.add(new RecordedClient(cluster.newClient(), process, history, graph, requestTimeout));
        }
        ExecutorService threads = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "check-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int process = 0; process < clients; process++) {
                RecordedClient client = processes.get(process);
                Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * (process + 1)));
                running.add(threads.submit(() -> loop(client, random, end)));
            }
            for (Future<?> process : running) {
                process.get();
            }
        } catch (ExecutionException e) {
            stopped = true;
            throw new IllegalStateException("a check client failed: " + e.getCause(), e.getCause());
        } finally {
            stopped = true;
            threads.shutdownNow();
        }
    }

    /** Makes every process finish its current operation and end. */
    void stop() {
        stopped = true;
    }

    /** Operations completed so far with {@code outcome}. */
    long completed(Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    private void loop(RecordedClient client, Random random, long end) {
        List<String> keys = graph.keys();
        while (!stopped && System.nanoTime() < end) {
            int pick = random.nextInt(100);
            String key = keys.get(random.nextInt(keys.size()));
            Outcome outcome;
            if (pick < WRITE_PERCENT) {
                outcome = client.write(key, nextValue.getAndIncrement());
            } else if (pick < WRITE_PERCENT + READ_PERCENT) {
                outcome = client.read(key);
            } else {
                outcome = client.create(nextValue.getAndIncrement());
            }
            outcomes.get(outcome).increment();
        }
    }
}
