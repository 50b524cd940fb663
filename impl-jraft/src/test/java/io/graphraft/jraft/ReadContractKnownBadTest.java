package io.graphraft.jraft;

import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.model.Node;
import io.graphraft.tck.ClusterFixture;
import io.graphraft.tck.ReadContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReadContract}'s partition case must be able to fail: fed a client that shows its own
 * unacknowledged writes in LOCAL and FOLLOWER reads (a client-side cache that forgets a write may
 * never commit), on a real 3-node jraft cluster, the case fails at its LOCAL read.
 */
class ReadContractKnownBadTest {
    @TempDir
    Path temp;

    @Test
    void aClientThatShowsAnUnacknowledgedWriteFailsThePartitionCase() {
        Engine bad = new PendingWritesShown(Engines.byName("jraft"));
        try (ClusterFixture clusters = new ClusterFixture(bad, temp, b -> b.electionTimeout(Duration.ofMillis(500)),
                Deployment.inJvm().withLinkLayer(LinkSettings.NONE))) {
            ReadContract contract = new ReadContract() {
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
            assertThatThrownBy(contract::localAndFollowerReadsNeverShowAWriteThatWasNotCommitted)
                    .isInstanceOf(AssertionError.class).hasMessageContaining("LOCAL read during the partition");
        }
    }

    /** An engine like {@code delegate} whose clients overlay the node updates they sent on LOCAL and FOLLOWER reads. */
    private record PendingWritesShown(Engine delegate) implements Engine {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public EngineSupport support() {
            return delegate.support();
        }

        @Override
        public Capabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public String durabilitySemantics() {
            return delegate.durabilitySemantics();
        }

        @Override
        public Map<String, String> libraryVersions() {
            return delegate.libraryVersions();
        }

        @Override
        public List<String> jvmFlags() {
            return delegate.jvmFlags();
        }

        @Override
        public Member startMember(ClusterSpec spec, MemberConfig member) {
            return delegate.startMember(spec, member);
        }

        @Override
        public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
            GraphClient client = delegate.connect(spec, layout);
            Map<Long, Map<String, Object>> sent = new ConcurrentHashMap<>();
            return new GraphClient() {
                @Override
                public Codec codec() {
                    return client.codec();
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

                @Override
                public void close() {
                    client.close();
                }
            };
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
}
