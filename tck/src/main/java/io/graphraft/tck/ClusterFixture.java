package io.graphraft.tck;

import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Deployment;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clusters of one engine for tests, and the helpers tests write with: the contract suite
 * ({@link EngineContractTest}) and an engine module's own tests use the same ones. Each cluster gets
 * a fresh directory below the test's temporary directory; {@link #close()} stops every cluster it
 * started. Waits poll with a deadline; nothing here asserts a timing.
 *
 * <pre>{@code
 * @TempDir Path temp;
 * ClusterFixture clusters;
 * @BeforeEach void open() { clusters = new ClusterFixture(Engines.byName("ratis"), temp, b -> b.electionTimeout(...)); }
 * @AfterEach void close() { clusters.close(); }
 * }</pre>
 */
public final class ClusterFixture implements AutoCloseable {
    /** Generous: these bound waits for elections and catch-up on a busy 2-core machine, they are not measured. */
    public static final Duration CONVERGENCE = Duration.ofSeconds(60);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Engine engine;
    private final Path directory;
    private final UnaryOperator<ClusterSpec.Builder> configure;
    private final Deployment deployment;
    private final List<Cluster> clusters = new ArrayList<>();
    private int clusterCount;

    /**
     * @param directory the test's temporary directory (each cluster gets a subdirectory)
     * @param configure engine-specific tuning applied to every spec (e.g. election timeouts)
     */
    public ClusterFixture(Engine engine, Path directory, UnaryOperator<ClusterSpec.Builder> configure) {
        this(engine, directory, configure, Deployment.inJvm());
    }

    /** @param deployment how every cluster is deployed (topology, link layer) */
    public ClusterFixture(Engine engine, Path directory, UnaryOperator<ClusterSpec.Builder> configure,
                          Deployment deployment) {
        this.engine = engine;
        this.directory = directory;
        this.configure = configure;
        this.deployment = deployment;
    }

    public Deployment deployment() {
        return deployment;
    }

    public Engine engine() {
        return engine;
    }

    /**
     * A spec for {@code nodes} nodes in a fresh directory with the test request timeout and the
     * fixture's tuning, at the engine's strongest supported durability.
     */
    public ClusterSpec.Builder spec(int nodes) {
        Path dir = directory.resolve("cluster-" + clusterCount++);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterSpec.Builder builder = configure.apply(ClusterSpec.builder(dir).nodes(nodes).requestTimeout(REQUEST_TIMEOUT));
        if (Clusters.unsupported(engine, builder.build(), deployment).isPresent()) {
            builder.durability(Durability.NONE);
        }
        return builder;
    }

    /** Starts a cluster, deployed as the fixture says, that {@link #close()} stops. */
    public Cluster start(ClusterSpec spec) {
        Cluster cluster = Clusters.start(engine, spec, deployment);
        clusters.add(cluster);
        return cluster;
    }

    /** Starts a cluster and waits for its leader. */
    public Cluster started(ClusterSpec.Builder spec) {
        Cluster cluster = start(spec.build());
        cluster.awaitLeader(CONVERGENCE);
        return cluster;
    }

    /** Starts a cluster of {@code nodes} (skipping the test if the engine cannot replicate) and waits for its leader. */
    public Cluster started(int nodes) {
        assumeNodeCount(nodes);
        return started(spec(nodes));
    }

    /** Skips the test, with the engine's reason, if the engine lacks {@code capability}. */
    public void assumeCapability(Capability capability) {
        assumeTrue(engine.capabilities().supports(capability),
                () -> engine.name() + " lacks " + capability + ": " + engine.capabilities().gap(capability).orElse(""));
    }

    /** For cases that cut links: the deployment must put the link layer between the members. */
    public void assumeLinkLayer() {
        assumeCapability(Capability.ISOLATION);
        assumeTrue(deployment.linkLayer().isPresent(), "this deployment has no link layer to cut");
    }

    /** For cases that pause nodes: the cluster's topology must be able to freeze one. */
    public static void assumePausable(Cluster cluster) {
        assumeTrue(cluster.pauseUnsupported().isEmpty(), () -> cluster.pauseUnsupported().orElse(""));
    }

    /** A node's index in its cluster ({@code n<i>} is {@code i}), as the network's faults name it. */
    public static int index(NodeHandle node) {
        return Integer.parseInt(node.id().substring(1));
    }

    public void assumeNodeCount(int nodes) {
        if (nodes > 1) {
            assumeCapability(Capability.REPLICATION);
        }
    }

    /** A read that sees every acknowledged write: linearizable, or local on an engine without that capability. */
    public Result read(GraphClient client, Query query) {
        ReadConsistency consistency = engine.capabilities().supports(Capability.LINEARIZABLE_READ)
                ? ReadConsistency.LINEARIZABLE : ReadConsistency.LOCAL;
        return join(client.read(query, consistency));
    }

    public void assertAllPresent(GraphClient client, List<Long> ids) {
        for (long id : ids) {
            assertThat(read(client, new Query.GetNode(id))).as("acknowledged node %d", id).isInstanceOf(Result.NodeFound.class);
        }
    }

    @Override
    public void close() {
        clusters.forEach(Cluster::close);
        clusters.clear();
    }

    public static Result submit(GraphClient client, Command command) {
        return join(client.submit(command));
    }

    /** Submits {@code command} and returns the id it created or changed, asserting it applied. */
    public static long applied(GraphClient client, Command command) {
        Result result = submit(client, command);
        assertThat(result).as("result of %s", command).isInstanceOf(Result.Applied.class);
        return ((Result.Applied) result).id();
    }

    /** Creates {@code count} nodes one after the other; returns their ids. */
    public static List<Long> writeNodes(GraphClient client, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(applied(client, Command.CreateNode.of("W", Map.of("i", (long) i))));
        }
        return ids;
    }

    /** Waits until every running node reports the same digest. */
    public static void awaitConverged(Cluster cluster) {
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            List<Result> digests = cluster.nodes().stream()
                    .filter(NodeHandle::isRunning)
                    .map(n -> n.localRead(new Query.Digest()))
                    .toList();
            assertThat(new HashSet<>(digests)).as("distinct digests of the running nodes %s", digests).hasSize(1);
        });
    }

    /** The future's value within three request timeouts; its failure's cause rethrown. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + REQUEST_TIMEOUT.multipliedBy(3), e);
        }
    }
}
