package io.graphraft.tck;

import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches a cluster while a case runs and records which nodes reported themselves leader in which
 * term: Raft's election safety says at most one per term. A sampler can miss a short-lived leader,
 * never invent one, so a violation it reports is real.
 */
final class LeaderWatch implements AutoCloseable {
    private final Cluster cluster;
    private final Map<Long, Set<String>> leadersByTerm = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leader-watch");
        thread.setDaemon(true);
        return thread;
    });

    LeaderWatch(Cluster cluster) {
        this.cluster = cluster;
        sampler.scheduleWithFixedDelay(this::sample, 0, 2, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        for (NodeHandle node : cluster.nodes()) {
            try {
                // Role and term are two reads: a leader stepping down between them would be charged to the
                // next term. Terms only grow, so a term that did not change around the role read is the
                // term the node was leader in.
                long before = node.term();
                if (node.role() == Role.LEADER && node.term() == before) {
                    leadersByTerm.computeIfAbsent(before, t -> new ConcurrentSkipListSet<>()).add(node.id());
                }
            } catch (EngineUnavailableException | IllegalStateException e) {
                // stopped or not answering right now: no leader to record
            }
        }
    }

    void assertAtMostOneLeaderPerTerm() {
        Map<Long, Set<String>> seen = new TreeMap<>();
        leadersByTerm.forEach((term, ids) -> seen.put(term, new TreeSet<>(ids)));
        assertThat(seen).as("leaders seen per term").allSatisfy((term, ids) ->
                assertThat(ids).as("leaders of term %d", term).hasSizeLessThanOrEqualTo(1));
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
