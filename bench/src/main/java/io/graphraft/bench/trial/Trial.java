package io.graphraft.bench.trial;

import io.graphraft.bench.load.WorkloadMix;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.cluster.Topology;
import io.graphraft.cluster.agent.AgentsFile;
import io.graphraft.core.client.BatchPolicy;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Setting;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One trial of an engine benchmark, from its string parameters (JMH's, a suite step's, or the load
 * command's options): the {@link Engine}, the {@link ClusterSpec} it runs, why it cannot run (skip
 * reason) and its {@link TrialName}. This is the one place where parameters become settings:
 * <ul>
 *   <li>a parameter named after a {@link Setting} ({@link Setting#parameter()}: {@code nodes},
 *       {@code durability}, {@code codec}, {@code store}, {@code electionTimeoutMs}, ...) sets it, parsed
 *       and validated by the setting; {@value TrialParameters#ENGINE_DEFAULT} leaves the engine's own;</li>
 *   <li>a missing common parameter takes its default from {@link TrialParameters#DEFAULTS};</li>
 *   <li>{@code options} are engine options, {@code key=value;key=value};</li>
 *   <li>{@code electionTimeoutMs} also sets a heartbeat of a sixth of it where the engine has one;</li>
 *   <li>the benchmark's {@link Workload} adds its capabilities, node rule and settings;</li>
 *   <li>{@code topology}, {@code rttMs} and {@code clientBatching} say how the cluster is deployed and
 *       driven ({@link #deployment()}, {@link #clientBatching()}); a trial at their defaults is named
 *       without them ({@link TrialParameters#VARIANTS}).</li>
 * </ul>
 * A new cluster setting is a {@link Setting} and, for JMH, a {@code @Param} field of that name.
 */
public final class Trial {
    private final BenchmarkId benchmark;
    private final Map<String, String> params;
    private final Engine engine;
    private final Workload workload;

    private Trial(BenchmarkId benchmark, Map<String, String> params) {
        this.benchmark = benchmark;
        this.params = Map.copyOf(params);
        String name = params.get(TrialParameters.ENGINE);
        if (name == null) {
            throw new IllegalArgumentException(benchmark + " has no engine parameter");
        }
        params.forEach(Trial::check);
        this.engine = Engines.byName(name);
        this.workload = Workload.of(benchmark);
    }

    /**
     * @throws IllegalArgumentException naming the engine if none of that name is on the classpath, or
     *         naming the parameter whose value {@link #check} refuses
     */
    public static Trial of(BenchmarkId benchmark, Map<String, String> params) {
        return new Trial(benchmark, params);
    }

    /**
     * Checks one value of a parameter the trial model parses, as a trial parses it: the engine (known on
     * the classpath), a {@link Setting}'s parameter, and the engine options' {@code key=value} form. Other
     * parameters belong to their benchmark and pass. Lets a launcher refuse a bad value before it starts anything.
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong: an unknown engine or kind
     *         lists the known ones, a setting's value out of range says its range
     */
    public static void check(String key, String value) {
        if (TrialParameters.ENGINE.equals(key)) {
            Engines.byName(value);
        } else if (TrialParameters.OPTIONS.equals(key)) {
            ClusterSpec.builder(Path.of(".")).options(value);
        } else if (TrialParameters.WORKLOAD.equals(key)) {
            WorkloadMix.named(value);
        } else if (TrialParameters.CONSISTENCY.equals(key)) {
            parseConsistency(value);
        } else if (!TrialParameters.ENGINE_DEFAULT.equals(value)) {
            Setting.byParameter(key).ifPresent(setting -> setting.parse(value));
        }
    }

    /** The parameters {@link #check} knows: the engine, every setting's and the engine options. */
    public static List<String> checkedParameters() {
        List<String> keys = new ArrayList<>();
        keys.add(TrialParameters.ENGINE);
        Setting.ALL.forEach(setting -> keys.add(setting.parameter()));
        keys.add(TrialParameters.OPTIONS);
        keys.add(TrialParameters.WORKLOAD);
        keys.add(TrialParameters.CONSISTENCY);
        return keys;
    }

    /**
     * The level a read benchmark reads at ({@code consistency}), empty for a trial without that parameter.
     *
     * @throws IllegalArgumentException listing the levels if the value names none
     */
    public Optional<ReadConsistency> readConsistency() {
        return Optional.ofNullable(params.get(TrialParameters.CONSISTENCY)).map(Trial::parseConsistency);
    }

    private static ReadConsistency parseConsistency(String value) {
        try {
            return ReadConsistency.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + TrialParameters.CONSISTENCY + " '" + value + "'; values: "
                    + Arrays.toString(ReadConsistency.values()), e);
        }
    }

    public BenchmarkId benchmark() {
        return benchmark;
    }

    public Engine engine() {
        return engine;
    }

    /** A parameter as given, else the harness's default for it (null if it has none). */
    public String param(String key) {
        return params.getOrDefault(key, TrialParameters.DEFAULTS.get(key));
    }

    /** The name its files carry: the benchmark and the parameters as given, but variants at their default. */
    public TrialName name() {
        Map<String, String> named = new LinkedHashMap<>(params);
        TrialParameters.VARIANTS.forEach(key -> named.remove(key, TrialParameters.DEFAULTS.get(key)));
        return TrialName.of(benchmark, named);
    }

    /**
     * Where the members run ({@code topology}).
     *
     * @throws IllegalArgumentException listing the topologies if the value names none
     */
    public Topology topology() {
        return Topology.parse(param(TrialParameters.TOPOLOGY));
    }

    /**
     * The link layer's conditions ({@code rttMs}): empty for {@value TrialParameters#DEFAULT_RTT_MS} (members
     * reach each other directly); any round trip, 0 included, puts the link layer between them, so figures
     * across round trips differ only by the delay.
     *
     * @throws IllegalArgumentException if the value is neither {@value TrialParameters#DEFAULT_RTT_MS} nor milliseconds ≥ 0
     */
    public Optional<LinkSettings> linkSettings() {
        String value = param(TrialParameters.RTT_MS);
        if (TrialParameters.DEFAULT_RTT_MS.equals(value)) {
            return Optional.empty();
        }
        double millis;
        try {
            millis = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            millis = Double.NaN;
        }
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException(TrialParameters.RTT_MS + " must be '" + TrialParameters.DEFAULT_RTT_MS
                    + "' (no link layer) or a round trip in milliseconds >= 0, e.g. 0, 0.5, 2, 10 (was '" + value + "')");
        }
        return Optional.of(LinkSettings.rtt(Duration.ofNanos(Math.round(millis * 1_000_000))));
    }

    /**
     * The batching the writers' shared client does ({@code clientBatching}): empty for {@code off}, the
     * {@link BatchPolicy#auto()} policy for {@code auto}.
     *
     * @throws IllegalArgumentException listing the values if the value is neither
     */
    public Optional<BatchPolicy> clientBatching() {
        String value = param(TrialParameters.CLIENT_BATCHING);
        return switch (value) {
            case "off" -> Optional.empty();
            case "auto" -> Optional.of(BatchPolicy.auto());
            default -> throw new IllegalArgumentException("unknown " + TrialParameters.CLIENT_BATCHING + " '" + value
                    + "'; values: [off, auto]");
        };
    }

    /**
     * Whether node JVMs of {@code topology=process} are warmed until their JIT is done before JMH's own
     * warm-up ({@code nodeWarmup}): {@code jit} (the default) or {@code none}.
     *
     * @throws IllegalArgumentException listing the values if the value is neither
     */
    public boolean warmNodesUntilCompiled() {
        String value = param(TrialParameters.NODE_WARMUP);
        return switch (value) {
            case "jit" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("unknown " + TrialParameters.NODE_WARMUP + " '" + value
                    + "'; values: [jit, none]");
        };
    }

    /**
     * The environment variable naming a cluster file ({@link AgentsFile}): with it, {@code topology=process}
     * members run on the agents it names instead of as children of this JVM. An environment variable,
     * not a parameter, because JMH forks inherit it and a path does not belong in a trial's name.
     */
    public static final String CLUSTER_FILE_VARIABLE = "GRAPHRAFT_CLUSTER_FILE";

    /** How the cluster is deployed: the topology (node JVMs get the forks' flags), the agents of {@value #CLUSTER_FILE_VARIABLE}, and the link layer if {@code rttMs} is given. */
    public Deployment deployment() {
        return deployment(Optional.ofNullable(System.getenv(CLUSTER_FILE_VARIABLE)).filter(v -> !v.isBlank()).map(Path::of));
    }

    /** As {@link #deployment()}, with the members on the agents of {@code clusterFile} if one is given. */
    Deployment deployment(Optional<Path> clusterFile) {
        Deployment deployment = Deployment.of(topology());
        if (deployment.topology() == Topology.PROCESS) {
            deployment = deployment.withNodeJvmFlags(ForkFlags.nodes());
            if (clusterFile.isPresent()) {
                deployment = deployment.withAgents(AgentsFile.read(clusterFile.get()));
            }
        }
        Optional<LinkSettings> link = linkSettings();
        return link.isPresent() ? deployment.withLinkLayer(link.get()) : deployment;
    }

    /** Starts this trial's cluster in {@code dataDirectory}, deployed as {@link #deployment()}. */
    public Cluster startCluster(Path dataDirectory) {
        return Clusters.start(engine, spec(dataDirectory).build(), deployment());
    }

    /** The parameters a cluster setting or its deployment comes from, defaults included (for env.json and the load command). */
    public Map<String, String> clusterParams() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(TrialParameters.ENGINE, engine.name());
        for (Setting<?> setting : Setting.ALL) {
            String value = param(setting.parameter());
            if (value != null) {
                out.put(setting.parameter(), value);
            }
        }
        out.put(TrialParameters.OPTIONS, param(TrialParameters.OPTIONS));
        for (String variant : List.of(TrialParameters.TOPOLOGY, TrialParameters.RTT_MS, TrialParameters.CLIENT_BATCHING)) {
            out.put(variant, param(variant));
        }
        String clusterFile = System.getenv(CLUSTER_FILE_VARIABLE);
        if (topology() == Topology.PROCESS && clusterFile != null && !clusterFile.isBlank()) {
            out.put("clusterFile", clusterFile);
        }
        return out;
    }

    /**
     * The spec this trial runs in {@code dataDirectory}.
     *
     * @throws IllegalArgumentException naming the parameter if a value does not parse or is invalid
     */
    public ClusterSpec.Builder spec(Path dataDirectory) {
        ClusterSpec.Builder spec = ClusterSpec.builder(dataDirectory);
        for (Setting<?> setting : Setting.ALL) {
            String value = param(setting.parameter());
            if (value != null && !TrialParameters.ENGINE_DEFAULT.equals(value)) {
                spec.parse(setting, value);
            }
        }
        spec.options(param(TrialParameters.OPTIONS));
        withHeartbeat(spec);
        return workload.tuning().apply(engine, spec);
    }

    /** An election timeout set without a heartbeat gets a sixth of it as heartbeat, where the engine has one. */
    private void withHeartbeat(ClusterSpec.Builder spec) {
        ClusterSpec given = spec.build();
        Optional<Duration> election = given.electionTimeout();
        if (election.isPresent() && given.heartbeatInterval().isEmpty()) {
            ClusterSpec withHeartbeat = given.toBuilder().heartbeatInterval(election.get().dividedBy(6)).build();
            if (engine.unsupported(withHeartbeat).isEmpty()) {
                spec.heartbeatInterval(election.get().dividedBy(6));
            }
        }
    }

    /**
     * Why this trial cannot run: a capability the engine lacks (for the benchmark, for
     * {@code topology=process}, or for peer traffic through the link layer), a node count the benchmark
     * cannot use, or a setting the engine does not support; empty if it can.
     *
     * @throws IllegalArgumentException if a parameter is invalid (a mistake, not a reason to skip)
     */
    public Optional<String> skipReason() {
        int nodes = Setting.NODES.parse(param(TrialParameters.NODES));
        Deployment deployment = deployment();
        clientBatching(); // a bad value is a mistake, reported before anything starts
        warmNodesUntilCompiled();
        Optional<String> unmet = workload.unmet(engine, nodes, readConsistency())
                .or(() -> WorkloadMix.named(param(TrialParameters.WORKLOAD)).unmetBy(engine));
        if (unmet.isPresent()) {
            return unmet;
        }
        if (deployment.linkLayer().isPresent() && nodes > 1) {
            Optional<String> gap = engine.capabilities().gap(Capability.ISOLATION);
            if (gap.isPresent()) {
                return Optional.of("engine '" + engine.name() + "' cannot send its peer traffic through the link layer ("
                        + TrialParameters.RTT_MS + "): " + gap.get());
            }
        }
        Path probe = DataDirectories.fresh("probe");
        try {
            return Clusters.unsupported(engine, spec(probe).build(), deployment);
        } finally {
            Directories.deleteRecursively(probe);
        }
    }

    /** @throws UnsupportedSettingException with the {@link #skipReason()} if the trial cannot run */
    public void requireRunnable() {
        skipReason().ifPresent(reason -> {
            throw new UnsupportedSettingException(reason);
        });
    }

    @Override
    public String toString() {
        return name().fileName();
    }
}
