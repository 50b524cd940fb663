package io.graphraft.checker.run;

import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryReader;
import io.graphraft.checker.history.HistoryRecorder;
import io.graphraft.checker.history.HistoryWriter;
import io.graphraft.checker.history.Outcome;
import io.graphraft.checker.linearizability.LinearizabilityChecker;
import io.graphraft.checker.report.CheckSummary;
import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.util.Directories;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One check: starts a cluster of the engine, makes the registers, runs the workload and the nemesis side by side
 * for the configured time, heals everything, reads the final state, and checks the recorded history (read back
 * from its file, as a later re-check would) for linearizability per key and for the set.
 */
public final class CheckRun {
    /** Generous bounds on waits for a busy 2-core machine; nothing here is measured. */
    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);
    static final int CONTEXT_EVENTS = 6;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final CheckConfig config;
    private final Path runFolder;
    private final Path dataParent;
    private final Consumer<String> out;
    /** The workload's start ({@link System#nanoTime()}); 0 before it started. Progress lines count from it. */
    private final AtomicLong origin = new AtomicLong();

    private CheckRun(CheckConfig config, Path runFolder, Path dataParent, Consumer<String> out) {
        this.config = config;
        this.runFolder = runFolder;
        this.dataParent = dataParent;
        this.out = out;
    }

    /**
     * Runs the check, writing {@code history.jsonl} (and, in a process topology, the nodes' logs below
     * {@code nodes/}) into {@code runFolder}, and printing progress to {@code out}. The nodes keep their files in a
     * new directory below {@code dataParent}, deleted at the end.
     *
     * @throws UnsupportedSettingException if the engine cannot run the cluster
     * @throws IllegalArgumentException    naming the engine if there is none of that name
     */
    public static CheckResult run(CheckConfig config, Path runFolder, Path dataParent, Consumer<String> out)
            throws IOException {
        return new CheckRun(config, runFolder, dataParent, out).run();
    }

    private CheckResult run() throws IOException {
        Engine engine = Engines.byName(config.engine());
        List<String> notes = new ArrayList<>();
        Path data = Files.createTempDirectory(Files.createDirectories(dataParent), "graphraft-check-");
        Path historyFile = runFolder.resolve("history.jsonl");
        try {
            ClusterSpec spec = spec(engine, data, notes);
            Deployment deployment = deployment(engine, notes);
            Map<String, Object> clusterFacts = new LinkedHashMap<>(spec.describe());
            clusterFacts.put("topology", config.topology().label());
            clusterFacts.put("linkLayer", deployment.linkLayer().isPresent());

            Recorded recorded;
            print("starting " + config.engine() + ": " + clusterFacts);
            try (Cluster cluster = Clusters.start(engine, spec, deployment)) {
                try {
                    recorded = exercise(engine, cluster, historyFile, notes);
                } finally {
                    keepNodeLogs(data);
                }
            }
            print("checking " + historyFile + " ...");
            History history = HistoryReader.read(historyFile);
            CheckSummary summary = CheckSummary.check(history, recorded.finalRead.elements(), new LinearizabilityChecker(),
                    CONTEXT_EVENTS);
            return new CheckResult(config, clusterFacts, recorded.plan, notes, recorded.roundsStruck,
                    recorded.nemesisFailures, recorded.finalRead, summary, historyFile, recorded.workload);
        } finally {
            Directories.deleteRecursively(data);
        }
    }

    /** What happened to a cluster, up to its final read. */
    private record Recorded(NemesisPlan plan, int roundsStruck, List<String> nemesisFailures, FinalRead finalRead,
                            Duration workload) {
    }

    private Recorded exercise(Engine engine, Cluster cluster, Path historyFile, List<String> notes) throws IOException {
        cluster.awaitLeader(LEADER_TIMEOUT);
        CheckGraph graph = CheckGraph.create(cluster.client(), config.keys(), LEADER_TIMEOUT);
        NemesisPlan plan = NemesisPlan.generate(config.seed(), config.nodes(), config.rounds(), config.duration(),
                usableFaults(engine, cluster, notes));
        for (NemesisRound round : plan.rounds()) {
            print(String.format(Locale.ROOT, "plan: round %d at %.1f s for %.1f s: %s", round.number(),
                    round.start().toMillis() / 1e3, round.hold().toMillis() / 1e3, round.fault().describe()));
        }
        try (HistoryRecorder history = new HistoryRecorder(HistoryWriter.create(historyFile))) {
            Nemesis nemesis = new Nemesis(cluster, history, this::print);
            Workload workload = new Workload(cluster, graph, history, config.clients(), config.seed(), config.requestTimeout());
            AtomicInteger struck = new AtomicInteger();
            AtomicReference<RuntimeException> nemesisError = new AtomicReference<>();
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "check-progress"));
            origin.set(System.nanoTime());
            Thread nemesisThread = daemon(() -> {
                try {
                    struck.set(nemesis.run(plan, origin.get()));
                } catch (RuntimeException e) {
                    nemesisError.set(e);
                }
            }, "check-nemesis");
            nemesisThread.start();
            progress.scheduleAtFixedRate(() -> print(String.format(Locale.ROOT, "%d ok, %d fail, %d unknown",
                            workload.completed(Outcome.OK), workload.completed(Outcome.FAIL), workload.completed(Outcome.UNKNOWN))),
                    PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            try {
                workload.run(origin.get(), config.duration());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the workload ran", e);
            } finally {
                workload.stop();
                progress.shutdownNow();
                nemesis.stop();
                joinQuietly(nemesisThread);
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - origin.get());
            if (nemesisError.get() != null) {
                notes.add("the nemesis stopped early: " + nemesisError.get());
            }
            print("workload done; healing every fault");
            healCompletely(nemesis);
            FinalRead finalRead = FinalRead.read(cluster.newClient(), history, graph, config.clients(),
                    config.requestTimeout(), RECOVERY_TIMEOUT);
            print("final read: " + (finalRead.elements() == null ? "no set" : finalRead.elements().size() + " elements")
                    + (finalRead.problems().isEmpty() ? "" : "; problems: " + finalRead.problems()));
            return new Recorded(plan, struck.get(), nemesis.failures(), finalRead, ran);
        }
    }

    /** Heals, restarting nodes that fail to start again until {@link #RECOVERY_TIMEOUT}. */
    private static void healCompletely(Nemesis nemesis) {
        try {
            Awaitility.await("every fault healed").atMost(RECOVERY_TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        nemesis.healAll();
                        return nemesis.healed();
                    });
        } catch (ConditionTimeoutException e) {
            // the final read says whether the cluster serves anyway; the nemesis's failures are in the report
        }
    }

    private ClusterSpec spec(Engine engine, Path data, List<String> notes) {
        ClusterSpec.Builder builder = ClusterSpec.builder(data).nodes(config.nodes()).requestTimeout(config.requestTimeout());
        if (engine.unsupported(builder.build()).isPresent()) {
            builder.durability(Durability.NONE);
            notes.add("durability=none: the engine does not run this cluster with fsync");
        }
        if (config.electionTimeout() != null) {
            ClusterSpec withTimeout = builder.build().toBuilder().electionTimeout(config.electionTimeout()).build();
            Optional<String> gap = engine.unsupported(withTimeout);
            if (gap.isEmpty()) {
                builder.electionTimeout(config.electionTimeout());
            } else {
                notes.add("the engine's own election timeout: " + gap.get());
            }
        }
        ClusterSpec spec = builder.build();
        Optional<String> reason = engine.unsupported(spec);
        if (reason.isPresent()) {
            throw new UnsupportedSettingException(reason.get());
        }
        return spec;
    }

    private Deployment deployment(Engine engine, List<String> notes) {
        Deployment deployment = Deployment.of(config.topology());
        if (config.nodes() < 2) {
            return deployment;
        }
        Optional<String> gap = engine.capabilities().gap(Capability.ISOLATION);
        if (gap.isPresent()) {
            notes.add("no link layer between the nodes (the engine cannot route its peer traffic: " + gap.get() + ")");
            return deployment;
        }
        return deployment.withLinkLayer(LinkSettings.NONE);
    }

    /** The configured faults this cluster can take; a note says why each other one is left out. */
    private Set<FaultKind> usableFaults(Engine engine, Cluster cluster, List<String> notes) {
        Set<FaultKind> usable = EnumSet.noneOf(FaultKind.class);
        for (FaultKind kind : config.faults()) {
            Optional<String> skip = Optional.empty();
            if (config.nodes() < kind.minimumNodes()) {
                skip = Optional.of("it needs at least " + kind.minimumNodes() + " nodes");
            } else if (kind == FaultKind.PAUSE) {
                skip = cluster.pauseUnsupported();
            } else if (kind == FaultKind.KILL) {
                skip = engine.capabilities().gap(Capability.DURABLE_RESTART)
                        .map(reason -> "the engine loses a killed node's state: " + reason);
            } else if (kind.cutsLinks() && cluster.network().isEmpty()) {
                skip = Optional.of("no link layer carries the nodes' traffic");
            }
            skip.ifPresentOrElse(reason -> notes.add(kind.label() + " skipped: " + reason), () -> usable.add(kind));
        }
        if (config.rounds() > 0 && usable.isEmpty()) {
            notes.add("no configured fault applies to this cluster: the run has no nemesis");
        }
        return usable;
    }

    /** Copies the node logs a process topology writes beside the node directories into {@code nodes/}. */
    private void keepNodeLogs(Path data) {
        try (Stream<Path> files = Files.list(data)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().matches("node-\\d+\\.log")).toList();
            if (!logs.isEmpty()) {
                Path target = Files.createDirectories(runFolder.resolve("nodes"));
                for (Path log : logs) {
                    Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node logs of " + data, e);
        }
    }

    private void print(String line) {
        long start = origin.get();
        out.accept(start == 0 ? "           " + line
                : String.format(Locale.ROOT, "%7.1f s  %s", (System.nanoTime() - start) / 1e9, line));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
