package io.graphraft.checker.run;

import io.graphraft.checker.history.HistoryRecorder;
import io.graphraft.checker.history.Outcome;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the check reads once every fault is healed: it waits until the cluster serves a linearizable read, reads
 * every register (recorded like any read, by a process of its own, again until one read succeeds), then the set:
 * the ids of every element node and each one's tag. Reads change nothing, so trying one again is safe.
 *
 * @param served   whether the cluster served within the deadline
 * @param elements the tags of the element nodes, duplicates included; null if the set could not be read
 * @param problems what went wrong: a register never read, the set not read, an element node without a tag
 * @param took     from the final heal to the end of the reads
 */
record FinalRead(boolean served, List<Long> elements, List<String> problems, Duration took) {
    /** Element reads in flight at once. */
    private static final int IN_FLIGHT = 64;
    /** Ids per page of the element listing: at most 10 bytes each, a page stays below 64 KiB. */
    private static final int PAGE = 4096;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    FinalRead {
        elements = elements == null ? null : List.copyOf(elements);
        problems = List.copyOf(problems);
    }

    /**
     * @param process  the process number the register reads are recorded under
     * @param deadline how long the cluster may take to serve, and then the reads
     */
    static FinalRead read(GraphClient client, HistoryRecorder history, CheckGraph graph, int process,
                          Duration requestTimeout, Duration deadline) {
        long start = System.nanoTime();
        long waitMillis = requestTimeout.plus(RecordedClient.ANSWER_GRACE).toMillis();
        List<String> problems = new ArrayList<>();
        try {
            Awaitility.await("the cluster to serve a linearizable read").atMost(deadline).pollInSameThread()
                    .pollInterval(RETRY_PAUSE)
                    .until(() -> Answer.of(() -> client.read(new Query.Count(), ReadConsistency.LINEARIZABLE), waitMillis),
                            answer -> answer.answered() && !answer.result().isError());
        } catch (ConditionTimeoutException e) {
            problems.add("the cluster did not serve a linearizable read within " + deadline.toSeconds()
                    + " s of the final heal");
            return new FinalRead(false, null, problems, Duration.ofNanos(System.nanoTime() - start));
        }
        RecordedClient reader = new RecordedClient(client, process, history, graph, requestTimeout);
        for (String key : graph.keys()) {
            if (!retried(deadline, () -> reader.read(key) == Outcome.OK)) {
                problems.add("register " + key + " could not be read within " + deadline.toSeconds()
                        + " s after the final heal");
            }
        }
        List<Long> elements = readSet(client, waitMillis, deadline, problems);
        return new FinalRead(true, elements, problems, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<Long> readSet(GraphClient client, long waitMillis, Duration deadline, List<String> problems) {
        List<Long> nodes = new ArrayList<>();
        while (true) {
            long after = nodes.isEmpty() ? 0 : nodes.get(nodes.size() - 1);
            Answer listed = answered(client, new Query.NodesByLabel(CheckGraph.ELEMENT_LABEL, after, PAGE), waitMillis, deadline);
            if (!(listed.result() instanceof Result.NodeIds page)) {
                problems.add("the set was not read: listing the element nodes after id " + after + " gave " + listed);
                return null;
            }
            nodes.addAll(page.ids());
            if (page.ids().size() < PAGE) {
                break;
            }
        }
        List<Long> elements = new ArrayList<>(nodes.size());
        for (int from = 0; from < nodes.size(); from += IN_FLIGHT) {
            List<Long> window = nodes.subList(from, Math.min(nodes.size(), from + IN_FLIGHT));
            List<CompletableFuture<Result>> reads = new ArrayList<>();
            for (long node : window) {
                reads.add(client.read(new Query.GetNode(node), ReadConsistency.LINEARIZABLE));
            }
            for (int i = 0; i < window.size(); i++) {
                long node = window.get(i);
                CompletableFuture<Result> sent = reads.get(i);
                Answer read = Answer.of(() -> sent, waitMillis);
                if (!read.answered()) {
                    read = answered(client, new Query.GetNode(node), waitMillis, deadline);
                }
                if (read.result() instanceof Result.NodeFound found
                        && found.node().properties().get(CheckGraph.TAG) instanceof Long tag) {
                    elements.add(tag);
                } else {
                    problems.add("element node " + node + " (listed by NodesByLabel) read as " + read);
                }
            }
        }
        return elements;
    }

    /** The answer to {@code query}, asked again while none comes, for at most {@code deadline}. */
    private static Answer answered(GraphClient client, Query query, long waitMillis, Duration deadline) {
        AtomicReference<Answer> answer = new AtomicReference<>();
        retried(deadline, () -> {
            answer.set(Answer.of(() -> client.read(query, ReadConsistency.LINEARIZABLE), waitMillis));
            return answer.get().answered();
        });
        return answer.get();
    }

    /**
     * Tries {@code attempt} until it succeeds, pausing between attempts, for at most {@code deadline}. Attempts run
     * on this thread: an attempt still running when the deadline passes must not overlap the next operation of
     * the same recorded process.
     */
    private static boolean retried(Duration deadline, Callable<Boolean> attempt) {
        try {
            Awaitility.await().atMost(deadline).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(RETRY_PAUSE)
                    .until(attempt);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
