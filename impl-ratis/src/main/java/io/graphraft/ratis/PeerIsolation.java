package io.graphraft.ratis;

import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.util.CodeInjectionForTesting;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts in-process Ratis peers off from each other. Ratis calls {@link CodeInjectionForTesting} on
 * the receiving side of every peer-to-peer RPC with the local and the remote peer id; the hook
 * fails the RPC when either one is isolated, so both directions are cut while clients can still
 * reach the peer. An isolated leader hears from no follower and steps down after an election
 * timeout ({@code LOST_MAJORITY_HEARTBEATS}).
 *
 * <p>The injection table is JVM-wide, so peer ids must be unique across the clusters of a JVM
 * (see {@link RatisCluster}).
 */
final class PeerIsolation {
    private static final List<String> PEER_RPC_HANDLERS = List.of(
            "RaftServerImpl.appendEntries",
            "RaftServerImpl.requestVote",
            "RaftServerImpl.installSnapshot",
            "RaftServerImpl.startLeaderElection");
    private static final Set<RaftPeerId> ISOLATED = ConcurrentHashMap.newKeySet();

    static {
        for (String handler : PEER_RPC_HANDLERS) {
            CodeInjectionForTesting.put(handler, PeerIsolation::refuseIfIsolated);
        }
    }

    private PeerIsolation() {
    }

    static void isolate(RaftPeerId peer) {
        ISOLATED.add(peer);
    }

    static void heal(RaftPeerId peer) {
        ISOLATED.remove(peer);
    }

    private static boolean refuseIfIsolated(Object localId, Object remoteId, Object... args) {
        if (ISOLATED.contains(localId) || ISOLATED.contains(remoteId)) {
            // Ratis's RPC handlers turn an IOException into an error reply at once; a RuntimeException would
            // escape the Netty handler and leave the caller waiting for its attempt timeout.
            throw PeerIsolation.<RuntimeException>sneakyThrow(
                    new IOException("peer " + (ISOLATED.contains(localId) ? localId : remoteId) + " is isolated"));
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }
}
