package io.graphraft.jraft;

import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.model.Node;
import io.graphraft.tck.ClusterFixture;
import io.graphraft.tck.ForwardingEngine;
import io.graphraft.tck.ReadContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReadContract}'s cases must be able to fail: each is fed a known-bad client on a real 3-node
 * jraft cluster and must fail at the assertion that guards against that flaw.
 */
class ReadContractKnownBadTest {
    @TempDir
    Path temp;

    /** A client that overlays its own unacknowledged node updates on LOCAL and FOLLOWER reads (a cache that forgets a write may never commit). */
    @Test
    void aClientThatShowsAnUnacknowledgedWriteFailsThePartitionCase() {
        ReadContract contract = contractWith(PendingWritesShownClient::new);
        assertThatThrownBy(contract::localAndFollowerReadsNeverShowAWriteThatWasNotCommitted)
                .isInstanceOf(AssertionError.class).hasMessageContaining("LOCAL read during the partition");
    }

    /** A client that serves LINEARIZABLE reads as LOCAL ones (no read index): the cut-off leader answers with its old state. */
    @Test
    void aLinearizableReadWithoutALeadershipCheckFailsTheCutOffLeaderCase() {
        ReadContract contract = contractWith(client -> new ServedAsLocalClient(client, ReadConsistency.LINEARIZABLE));
        assertThatThrownBy(contract::aLinearizableReadAtALeaderCutOffAfterANewerWriteIsRefusedOrRedirected)
                .isInstanceOf(AssertionError.class).hasMessageContaining("LINEARIZABLE read through a client that took the cut-off");
    }

    /** A client that serves FOLLOWER reads as LOCAL ones: the member it takes for the leader answers them. */
    @Test
    void aFollowerReadServedByTheLeaderFailsTheFollowerOnlyCase() {
        ReadContract contract = contractWith(client -> new ServedAsLocalClient(client, ReadConsistency.FOLLOWER));
        assertThatThrownBy(contract::aFollowerReadCatchesUpAndIsServedByAFollowerOnly)
                .isInstanceOf(AssertionError.class).hasMessageContaining("the only member running, after it answered a FOLLOWER read");
    }

    private ReadContract contractWith(UnaryOperator<GraphClient> flaw) {
        Engine bad = new FlawedClients(Engines.byName("jraft"), flaw);
        ClusterFixture clusters = new ClusterFixture(bad, temp, b -> b.electionTimeout(Duration.ofMillis(500)),
                Deployment.inJvm().withLinkLayer(LinkSettings.NONE));
        fixtures.add(clusters);
        return new ReadContract() {
            @Override
            public Engine engine() {
                return bad;
            }

            @Override
            public ClusterFixture clusters() {
                return clusters;
            }

            @Override
            public Path temp() {
                return temp;
            }
        };
    }

    private final List<ClusterFixture> fixtures = new ArrayList<>();

    @AfterEach
    void stopClusters() {
        fixtures.forEach(ClusterFixture::close);
    }

    /** An engine like {@code delegate} whose clients carry a flaw. */
    private static final class FlawedClients extends ForwardingEngine {
        private final UnaryOperator<GraphClient> flaw;

        FlawedClients(Engine delegate, UnaryOperator<GraphClient> flaw) {
            super(delegate);
            this.flaw = flaw;
        }

        @Override
        public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
            return flaw.apply(super.connect(spec, layout));
        }
    }

    /** Passes everything to the real client; a flaw overrides what it breaks. */
    private abstract static class ForwardingClient implements GraphClient {
        final GraphClient client;

        ForwardingClient(GraphClient client) {
            this.client = client;
        }

        @Override
        public Codec codec() {
            return client.codec();
        }

        @Override
        public CompletableFuture<byte[]> submitEncoded(byte[] command) {
            return client.submitEncoded(command);
        }

        @Override
        public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
            return client.readEncoded(query, consistency);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static final class PendingWritesShownClient extends ForwardingClient {
        private final Map<Long, Map<String, Object>> sent = new ConcurrentHashMap<>();

        PendingWritesShownClient(GraphClient client) {
            super(client);
        }

        @Override
        public CompletableFuture<byte[]> submitEncoded(byte[] command) {
            if (codec().decodeCommand(command) instanceof Command.UpdateNode update) {
                sent.put(update.id(), update.properties());
            }
            return client.submitEncoded(command);
        }

        @Override
        public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
            CompletableFuture<byte[]> answer = client.readEncoded(query, consistency);
            boolean stale = consistency == ReadConsistency.LOCAL || consistency == ReadConsistency.FOLLOWER;
            if (stale && codec().decodeQuery(query) instanceof Query.GetNode get && sent.containsKey(get.id())) {
                return answer.thenApply(bytes -> codec().encodeResult(overlay(codec().decodeResult(bytes), sent.get(get.id()))));
            }
            return answer;
        }

        private static Result overlay(Result result, Map<String, Object> properties) {
            if (!(result instanceof Result.NodeFound found)) {
                return result;
            }
            TreeMap<String, Object> shown = new TreeMap<>(found.node().properties());
            shown.putAll(properties);
            return new Result.NodeFound(new Node(found.node().id(), found.node().label(), shown));
        }
    }

    /** Serves reads of one level as LOCAL ones: the member the client takes for the leader answers from its own state. */
    private static final class ServedAsLocalClient extends ForwardingClient {
        private final ReadConsistency level;

        ServedAsLocalClient(GraphClient client, ReadConsistency level) {
            super(client);
            this.level = level;
        }

        @Override
        public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
            return client.readEncoded(query, consistency == level ? ReadConsistency.LOCAL : consistency);
        }
    }
}
