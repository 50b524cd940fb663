package io.graphraft.bench;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Query;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;
import org.awaitility.Awaitility;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A running cluster for one trial, from the common parameters (engine, nodes, durability, codec,
 * store), with its leader awaited before anything is measured, and a {@link LatencyLog} named after
 * the benchmark and its parameters. Cluster start and stop happen here, never in measured code.
 */
@State(Scope.Benchmark)
public class ClusterState extends LatencyState {
    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

    @Param({"baseline-durable", "ratis", "copycat"})
    public String engine;

    @Param({"1"})
    public int nodes;

    @Param({"fsync"})
    public String durability;

    @Param({"binary"})
    public String codec;

    @Param({"heap"})
    public String store;

    /** Engine options as {@code key=value;key=value} (e.g. {@code rpc=grpc}, {@code log=rocksdb}); empty: defaults. */
    @Param({""})
    public String options;

    public Cluster cluster;
    public GraphClient client;
    private Path dataDirectory;

    @Setup(Level.Trial)
    public void startCluster(BenchmarkParams params) {
        Engine chosen = Engines.byName(engine);
        missingCapability(chosen, getClass()).ifPresent(reason -> {
            throw new UnsupportedSettingException(reason);
        });
        checkParameters();
        startFresh(chosen);
        openLatency(params);
    }

    /** A new cluster on a fresh data directory, its leader serving and {@link #prepare()} done. */
    private void startFresh(Engine chosen) {
        dataDirectory = DataDirectories.fresh(engine);
        cluster = Clusters.start(chosen, customize(spec(dataDirectory)).build());
        try {
            cluster.awaitLeader(LEADER_TIMEOUT);
            client = cluster.client();
            awaitServing(cluster);
            prepare();
        } catch (RuntimeException e) {
            cluster.close();
            cluster = null;
            Directories.deleteRecursively(dataDirectory);
            throw e;
        }
    }

    /** Replaces the cluster by a new, empty one (between iterations; the latency log carries on). */
    protected void replaceByEmptyCluster() {
        cluster.close();
        Directories.deleteRecursively(dataDirectory);
        startFresh(Engines.byName(engine));
    }

    /** Hook: reject parameters a benchmark cannot run with, before any cluster starts. */
    protected void checkParameters() {
    }

    /**
     * Waits until the cluster answers a linearizable read: a node that just became leader may not
     * serve yet (it first commits an entry of its term), and that wait is not what is measured.
     */
    static void awaitServing(Cluster cluster) {
        Awaitility.await("the cluster to serve").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(5))
                .ignoreExceptions()
                .until(() -> !cluster.client().read(new Query.Count(), ReadConsistency.LINEARIZABLE).join().isError());
    }

    /** Hook: unmeasured work once the leader is up (loading a graph, taking a snapshot). */
    protected void prepare() {
    }

    @TearDown(Level.Trial)
    public void stopCluster() {
        if (cluster != null) {
            finish();
        }
        closeLatency();
        if (cluster != null) {
            cluster.close();
        }
        Directories.deleteRecursively(dataDirectory);
    }

    /** For benchmarks that only make sense replicated (failover, catch-up). */
    protected void requireReplicated(String benchmark) {
        if (nodes < 3) {
            throw new IllegalArgumentException(benchmark + " needs a replicated cluster: run it with nodes=3 (was "
                    + nodes + ")");
        }
    }

    /** Hook: unmeasured work at the end of the trial, while the cluster still runs (writing facts). */
    protected void finish() {
    }

    /** The spec from the common parameters. */
    public ClusterSpec.Builder spec(Path directory) {
        return spec(directory, nodes, durability, codec, store, options);
    }

    /** A spec from the harness's string parameters (JMH params, suite steps, the load command's options). */
    public static ClusterSpec.Builder spec(Path directory, int nodes, String durability, String codec, String store,
                                           String options) {
        ClusterSpec.Builder builder = ClusterSpec.builder(directory)
                .nodes(nodes)
                .durability(Durability.valueOf(durability.toUpperCase(Locale.ROOT)))
                .codec(CodecKind.parse(codec))
                .store(StoreKind.parse(store));
        return withOptions(builder, options);
    }

    /** Adds {@code key=value;key=value} engine options to a spec. */
    public static ClusterSpec.Builder withOptions(ClusterSpec.Builder builder, String options) {
        for (String option : options.split(";")) {
            if (option.isBlank()) {
                continue;
            }
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("engine option '" + option + "' is not key=value");
            }
            builder.option(option.substring(0, eq).trim(), option.substring(eq + 1).trim());
        }
        return builder;
    }

    /** Hook for benchmarks that set more of the spec (snapshot thresholds, timeouts). */
    protected ClusterSpec.Builder customize(ClusterSpec.Builder builder) {
        return builder;
    }

    /** Why {@code engine} cannot serve a state of {@code type} (see {@link Requires}), or empty. */
    public static Optional<String> missingCapability(Engine engine, Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Requires requires = c.getAnnotation(Requires.class);
            if (requires != null) {
                for (Capability capability : requires.value()) {
                    Optional<String> gap = engine.capabilities().gap(capability);
                    if (gap.isPresent()) {
                        return Optional.of("engine '" + engine.name() + "' lacks " + capability + ": " + gap.get());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code Benchmark.method-key=value-...}, safe as a file name. */
    public static String logName(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        StringBuilder name = new StringBuilder(shortName);
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            sorted.put(key, params.getParam(key));
        }
        sorted.forEach((key, value) -> name.append('-').append(key).append('=').append(value));
        if (params.getThreads() > 1) {
            name.append("-threads=").append(params.getThreads());
        }
        return name.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
    }
}
