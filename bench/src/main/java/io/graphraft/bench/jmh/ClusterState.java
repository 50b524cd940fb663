package io.graphraft.bench.jmh;

import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.client.BatchingGraphClient;
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

    /** {@code jvm} or {@code process} (a JVM per member; a crash is SIGKILL, a restart a cold JVM). */
    @Param({TrialParameters.DEFAULT_TOPOLOGY})
    public String topology;

    /** {@code none} (members reach each other directly) or the round trip between members in ms through the link layer. */
    @Param({TrialParameters.DEFAULT_RTT_MS})
    public String rttMs;

    /** {@code off} or {@code auto}: the writers share one client that coalesces their writes (see {@link #clientPool}). */
    @Param({TrialParameters.DEFAULT_CLIENT_BATCHING})
    public String clientBatching;

    /** {@code off} or {@code on}: members encrypt peer and client traffic (engines without TLS are skipped with their reason). */
    @Param({TrialParameters.DEFAULT_TLS})
    public String tls;

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

    /**
     * A new cluster on a fresh data directory, deployed as the trial says, its leader serving and
     * {@link #prepare()} done. With {@code clientBatching=auto} {@link #client} is a batching client over
     * the cluster's own (a lone writer's command still leaves as itself).
     */
    private void startFresh() {
        dataDirectory = DataDirectories.fresh(trial.engine().name());
        cluster = trial.startCluster(dataDirectory);
        try {
            cluster.awaitLeader(LEADER_TIMEOUT);
            client = trial.clientBatching().<GraphClient>map(policy -> BatchingGraphClient.batching(cluster.client(), policy))
                    .orElseGet(cluster::client);
            awaitServing(cluster);
            prepare();
        } catch (RuntimeException e) {
            closeCluster();
            Directories.deleteRecursively(dataDirectory);
            throw e;
        }
    }

    /** Clients for {@code writers} concurrent writers, batching as the trial says (close them before the cluster). */
    public ClientPool clientPool(int writers) {
        return new ClientPool(cluster, writers, trial.clientBatching());
    }

    /** Replaces the cluster by a new, empty one (between iterations; the latency log carries on). */
    protected void replaceByEmptyCluster() {
        closeCluster();
        Directories.deleteRecursively(dataDirectory);
        startFresh();
    }

    private void closeCluster() {
        if (client != null && client != cluster.client()) {
            client.close(); // the batching client; the cluster's own closes with the cluster
        }
        client = null;
        cluster.close();
        cluster = null;
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
            closeCluster();
        }
        Directories.deleteRecursively(dataDirectory);
    }

    /** Hook: unmeasured work at the end of the trial, while the cluster still runs (writing facts). */
    protected void finish() {
    }
}
