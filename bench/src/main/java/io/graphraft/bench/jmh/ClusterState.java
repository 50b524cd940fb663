package io.graphraft.bench.jmh;

import io.graphraft.cluster.Clusters;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.command.Query;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.TrialParameters;
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

/**
 * A running cluster for one trial: its {@link Trial} (from the benchmark and every parameter) gives
 * the engine, the spec and the reason it cannot run; its leader is awaited before anything is
 * measured, and a {@link io.graphraft.bench.run.LatencyLog} is named after the trial. Cluster start
 * and stop happen here, never in measured code. The fields declare the common parameters for JMH;
 * {@code engine} has no default: the launcher passes every engine on the classpath unless told.
 */
@State(Scope.Benchmark)
public class ClusterState extends LatencyState {
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

    /** No default (JMH then requires a value): the launcher passes every engine on the classpath unless told. */
    @Param({})
    public String engine;

    @Param({TrialParameters.DEFAULT_NODES})
    public int nodes;

    @Param({TrialParameters.DEFAULT_DURABILITY})
    public String durability;

    @Param({TrialParameters.DEFAULT_CODEC})
    public String codec;

    @Param({TrialParameters.DEFAULT_STORE})
    public String store;

    /** Engine options as {@code key=value;key=value} (e.g. {@code rpc=grpc}, {@code log=rocksdb}); empty: defaults. */
    @Param({TrialParameters.DEFAULT_OPTIONS})
    public String options;

    public Cluster cluster;
    public GraphClient client;
    protected Trial trial;
    private Path dataDirectory;

    @Setup(Level.Trial)
    public void startCluster(BenchmarkParams params) {
        trial = JmhTrials.trial(params);
        trial.requireRunnable();
        startFresh();
        openLatency(trial.name());
    }

    /** A new cluster on a fresh data directory, its leader serving and {@link #prepare()} done. */
    private void startFresh() {
        dataDirectory = DataDirectories.fresh(trial.engine().name());
        cluster = Clusters.start(trial.engine(), trial.spec(dataDirectory).build());
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
        startFresh();
    }

    /**
     * Waits until the cluster answers a linearizable read: a node that just became leader may not
     * serve yet (it first commits an entry of its term), and that wait is not what is measured.
     */
    public static void awaitServing(Cluster cluster) {
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

    /** Hook: unmeasured work at the end of the trial, while the cluster still runs (writing facts). */
    protected void finish() {
    }
}
