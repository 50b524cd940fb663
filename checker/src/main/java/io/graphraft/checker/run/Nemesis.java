package io.graphraft.checker.run;

import io.graphraft.checker.history.HistoryRecorder;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.NetworkFaults;
import io.graphraft.core.engine.NodeHandle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@link NemesisPlan} against a cluster: each round's fault strikes and is healed at the planned times
 * (relative to the workload's start), and every fault, heal and failure to do either is recorded in the history
 * as a nemesis event. It remembers what it broke (stopped and paused nodes, cut links) so that {@link #healAll}
 * can undo everything, also after a step failed. One thread at a time: {@link #run} on the nemesis's thread, the
 * other calls once it returned.
 */
public final class Nemesis {
    private final Cluster cluster;
    private final HistoryRecorder history;
    private final Consumer<String> log;
    private final CountDownLatch stop = new CountDownLatch(1); // stop() may come from any thread
    private final Set<Integer> stopped = new TreeSet<>();
    private final Set<Integer> paused = new TreeSet<>();
    private final List<String> failures = new ArrayList<>();
    private boolean linksCut;
    private String round = "";

    /** @param log where a line goes for every event, as it happens */
    public Nemesis(Cluster cluster, HistoryRecorder history, Consumer<String> log) {
        this.cluster = cluster;
        this.history = history;
        this.log = log;
    }

    /**
     * Runs the plan's rounds, {@code origin} ({@link System#nanoTime()}) being the workload's start; returns after
     * the last round healed, or at once (healed) after {@link #stop()}.
     *
     * @return how many rounds struck
     */
    public int run(NemesisPlan plan, long origin) {
        int struck = 0;
        try {
            for (NemesisRound planned : plan.rounds()) {
                if (!waitUntil(origin, planned.start())) {
                    break;
                }
                round = "round " + planned.number() + ": " + planned.fault().describe();
                planned.fault().strike(this);
                struck++;
                waitUntil(origin, planned.healAt());
                healAll();
                round = "";
            }
        } finally {
            round = "";
            healAll();
        }
        return struck;
    }

    /** Makes {@link #run} heal and return now. */
    public void stop() {
        stop.countDown();
    }

    /**
     * Resumes paused nodes, heals every link and restarts stopped nodes. A node that cannot be restarted stays
     * stopped (and recorded as a failure) for the next call.
     */
    public void healAll() {
        for (int node : List.copyOf(paused)) {
            if (act("resume", Nodes.name(node), () -> node(node).resume())) {
                paused.remove(node);
            }
        }
        if (linksCut && act("heal", "every link", () -> network().healAll())) {
            linksCut = false;
        }
        for (int node : List.copyOf(stopped)) {
            if (act("restart", Nodes.name(node), () -> node(node).restart())) {
                stopped.remove(node);
            }
        }
    }

    /** Whether every fault was healed: no node stopped or paused, no link cut. */
    public boolean healed() {
        return stopped.isEmpty() && paused.isEmpty() && !linksCut;
    }

    /** What the nemesis could not do, one line each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    int nodeCount() {
        return cluster.nodes().size();
    }

    /** The node a choice names now: the current leader if it asks for one and there is one, else its fallback. */
    int resolve(NodeChoice choice) {
        if (choice.leader()) {
            Optional<NodeHandle> leader = cluster.leader();
            if (leader.isPresent()) {
                round += "; the leader was " + leader.get().id();
                return cluster.nodes().indexOf(leader.get());
            }
            round += "; no leader, so " + Nodes.name(choice.fallback());
        }
        return choice.fallback();
    }

    void kill(Set<Integer> nodes) {
        for (int node : nodes) {
            if (act("kill", Nodes.name(node), () -> node(node).stop())) {
                stopped.add(node);
            }
        }
    }

    void pause(int node) {
        if (act("pause", Nodes.name(node), () -> node(node).pause())) {
            paused.add(node);
        }
    }

    void partition(List<Set<Integer>> sides, String note) {
        linksCut = true;
        act("partition", Nodes.sides(sides) + note, () -> network().partition(sides));
    }

    void cut(List<int[]> links) {
        linksCut = true;
        List<String> names = links.stream().map(l -> Nodes.name(l[0]) + "->" + Nodes.name(l[1])).toList();
        act("cut", String.join(", ", names), () -> links.forEach(l -> network().cut(l[0], l[1])));
    }

    void bridge(int bridge, Set<Integer> sideA, Set<Integer> sideB) {
        linksCut = true;
        act("bridge", Nodes.name(bridge) + " between " + Nodes.sides(List.of(sideA, sideB)),
                () -> network().bridge(bridge, sideA, sideB));
    }

    private NodeHandle node(int index) {
        return cluster.nodes().get(index);
    }

    private NetworkFaults network() {
        return cluster.network().orElseThrow(() -> new IllegalStateException(
                "this cluster has no link layer between its nodes: links cannot be cut"));
    }

    /** Does one step and records it, or records why it failed; returns whether it succeeded. */
    private boolean act(String kind, String what, Runnable step) {
        String context = round.isEmpty() ? "" : "  (" + round + ")";
        try {
            step.run();
        } catch (RuntimeException e) {
            String failure = kind + " " + what + " failed: " + e.getMessage();
            failures.add(failure);
            history.nemesis("error", failure + context);
            log.accept("nemesis error  " + failure + context);
            return false;
        }
        history.nemesis(kind, what + context);
        log.accept("nemesis " + kind + "  " + what + context);
        return true;
    }

    /** Waits until {@code offset} after {@code origin}; false if stopped first. */
    private boolean waitUntil(long origin, Duration offset) {
        long remaining = origin + offset.toNanos() - System.nanoTime();
        try {
            return remaining <= 0 ? stop.getCount() > 0 : !stop.await(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
