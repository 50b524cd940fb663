package io.graphraft.checker.run;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Role;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code stale-reads}, a faulty engine for tests only: Ratis, except that a LINEARIZABLE read is answered from a
 * follower's own state (a LOCAL read of a member that is not the leader), as an engine that skipped the read
 * index would. A follower cut off from the leader answers with what it had; even a healthy one lags the leader
 * by a heartbeat. The check must find that. Its members must run in this JVM (the client reads them directly),
 * so it has no process topology.
 */
public final class StaleReadsEngine implements Engine {
    static final String NAME = "stale-reads";
    private static final String DELEGATE = "ratis";

    /** The members running in this JVM, by cluster id and index. */
    private static final Map<String, Map<Integer, Member>> MEMBERS = new ConcurrentHashMap<>();

    private volatile Engine delegate;

    /** Found lazily: the service loader would otherwise build this engine again while building it. */
    private Engine delegate() {
        if (delegate == null) {
            delegate = Engines.byName(DELEGATE);
        }
        return delegate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSupport support() {
        return delegate().support();
    }

    @Override
    public Capabilities capabilities() {
        return delegate().capabilities().withGap(Capability.PROCESS_TOPOLOGY,
                "the faulty client reads members of its own JVM");
    }

    @Override
    public String durabilitySemantics() {
        return delegate().durabilitySemantics();
    }

    @Override
    public Map<String, String> libraryVersions() {
        return delegate().libraryVersions();
    }

    @Override
    public List<String> jvmFlags() {
        return delegate().jvmFlags();
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        Member started = delegate().startMember(spec, member);
        Map<Integer, Member> cluster = MEMBERS.computeIfAbsent(member.layout().clusterId(), id -> new ConcurrentHashMap<>());
        Member registered = new RegisteredMember(started, cluster, member.index());
        cluster.put(member.index(), registered);
        return registered;
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        GraphClient real = delegate().connect(spec, layout);
        return new GraphClient() {
            @Override
            public Codec codec() {
                return real.codec();
            }

            @Override
            public CompletableFuture<byte[]> submitEncoded(byte[] command) {
                return real.submitEncoded(command);
            }

            @Override
            public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
                if (consistency == ReadConsistency.LOCAL) {
                    return real.readEncoded(query, consistency);
                }
                return CompletableFuture.supplyAsync(() -> readFollower(layout.clusterId(), real.codec(), query));
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private static byte[] readFollower(String clusterId, Codec codec, byte[] query) {
        List<Member> followers = MEMBERS.getOrDefault(clusterId, Map.of()).values().stream()
                .filter(m -> m.role() == Role.FOLLOWER).toList();
        if (followers.isEmpty()) {
            throw new EngineUnavailableException("stale-reads: no follower to read from");
        }
        Member follower = followers.get(ThreadLocalRandom.current().nextInt(followers.size()));
        Query decoded = codec.decodeQuery(query);
        return codec.encodeResult(follower.localRead(decoded));
    }

    /** A member that leaves the registry when it stops (compared by identity: a restart registers a new one). */
    private static final class RegisteredMember implements Member {
        private final Member member;
        private final Map<Integer, Member> cluster;
        private final int index;

        RegisteredMember(Member member, Map<Integer, Member> cluster, int index) {
            this.member = member;
            this.cluster = cluster;
            this.index = index;
        }

        @Override
        public Role role() {
            return member.role();
        }

        @Override
        public long term() {
            return member.term();
        }

        @Override
        public long lastAppliedIndex() {
            return member.lastAppliedIndex();
        }

        @Override
        public Result localRead(Query query) {
            return member.localRead(query);
        }

        @Override
        public void takeSnapshot() {
            member.takeSnapshot();
        }

        @Override
        public long logSizeBytes() {
            return member.logSizeBytes();
        }

        @Override
        public long snapshotSizeBytes() {
            return member.snapshotSizeBytes();
        }

        @Override
        public void close() {
            cluster.remove(index, this);
            member.close();
        }
    }
}
