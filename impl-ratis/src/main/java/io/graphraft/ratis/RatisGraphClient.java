package io.graphraft.ratis;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.impl.OrderedAsync;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link GraphClient} over one {@link RaftClient}'s async API.
 * <ul>
 *   <li>Writes go to the leader: Ratis follows NotLeaderException redirects and retries, bounded by
 *       the request timeout.</li>
 *   <li>LINEARIZABLE reads go to the leader, which answers after a read index round (the servers run
 *       with {@code raft.server.read.option=LINEARIZABLE}).</li>
 *   <li>LOCAL reads are stale reads answered by the peer the client takes for the leader, from its
 *       own state, without a read index. They go through a second RaftClient: on gRPC, requests to a
 *       named peer share the ordered stream of leader requests to that peer, whose sequence numbers
 *       they collide with, and then never get an answer.</li>
 *   <li>FOLLOWER reads are the same stale reads sent to a peer other than the leader (taking the
 *       followers in turn). The leader hint they avoid is first confirmed by a reply only a leader gives
 *       (Ratis's dummy non-linearizable read, which a follower redirects) unless one came back within
 *       the last election timeout. The chosen follower answers from its own state; one that does not
 *       answer within an attempt timeout is passed over for the next, and when none answered by the
 *       request timeout the read fails naming each and why.</li>
 *   <li>LEASE reads are refused: see {@link RatisEngine#LEASE_GAP}.</li>
 * </ul>
 * Every request completes within the spec's request timeout, exceptionally with
 * {@link EngineUnavailableException} unless Ratis replied success.
 *
 * <p>Two Ratis traps shape this class. (1) Ordered async keeps the first request that fails for good
 * in its sliding window and fails every later request at once ("SlidingWindow ... is closed"), so
 * after any failure the client moves on to a fresh RaftClient, which first tries the peer after
 * the one the failed client took for the leader (LOCAL reads follow that guess and would otherwise
 * keep asking a dead peer); the old one is closed once its last requests have timed out. (2) A follower asked for a linearizable read fetches the read index from
 * the leader itself, which the Netty transport does not implement: the request stalls until its
 * attempt times out. So on Netty, unless a leader-only reply came back within the last election
 * timeout (no other leader can have been elected since, short of a lost leader), a linearizable
 * read first sends Ratis's dummy non-linearizable read, which a follower answers with a redirect
 * to the leader. gRPC serves follower read indexes and needs no probe.
 */
final class RatisGraphClient implements GraphClient {
    private final Codec codec;
    /** A new RaftClient that first tries the given peer (null: Ratis's choice). */
    private final Function<RaftPeerId, RaftClient> connect;
    private final List<RaftPeerId> peers;
    private final Duration requestTimeout;
    /** How long one follower may take to answer a FOLLOWER read before the next one is asked. */
    private final Duration attemptTimeout;
    private final Duration retiredClientGrace;
    /** How long a leader-only reply vouches for the leader hint; null: linearizable reads need no probe. */
    private final Long leaderHintTrustNanos;
    /** How long a leader-only reply vouches for the leader hint that follower reads avoid. */
    private final long followerChoiceTrustNanos;
    private final AtomicInteger followerTurn = new AtomicInteger();
    private final Set<Connection> retired = ConcurrentHashMap.newKeySet();
    /**
     * Where a request that follows another's reply is sent from. Ratis completes a reply's future on its
     * client thread while holding the ordered sliding window's lock, and a send blocks while the window
     * (raft.client.async.outstanding-requests.max) is full: sent from that callback, it waits for replies
     * only the blocked thread could process. A mixed read/write load at 1000/s deadlocked that way.
     */
    private final ExecutorService followUps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ratis-client-follow-up");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Connection connection;
    private volatile boolean closed;

    /**
     * A RaftClient for writes and linearizable reads, one for stale reads (made on first use), and
     * when a reply that only a leader gives last confirmed the first one's leader hint.
     */
    private final class Connection {
        final RaftClient raft;
        private RaftClient localReads;
        volatile long leaderConfirmedAt;
        volatile boolean leaderConfirmed;

        Connection(RaftClient raft) {
            this.raft = raft;
        }

        synchronized RaftClient localReads() {
            if (localReads == null) {
                localReads = connect.apply(null);
            }
            return localReads;
        }

        void close() {
            closeQuietly(raft);
            RaftClient local;
            synchronized (this) {
                local = localReads;
            }
            if (local != null) {
                closeQuietly(local);
            }
        }

        RaftClientReply confirm(RaftClientReply reply) {
            if (reply.isSuccess()) {
                leaderConfirmedAt = System.nanoTime();
                leaderConfirmed = true;
            }
            return reply;
        }
    }

    RatisGraphClient(Codec codec, RatisConfig config, List<RaftPeerId> peers, Function<RaftPeerId, RaftClient> connect) {
        this.codec = codec;
        this.connect = connect;
        this.peers = List.copyOf(peers);
        this.requestTimeout = config.requestTimeout();
        this.attemptTimeout = config.attemptTimeout();
        this.retiredClientGrace = requestTimeout.plus(config.attemptTimeout()).plusSeconds(1);
        this.leaderHintTrustNanos = config.transport().servesFollowerReadIndex()
                ? null
                : config.minElectionTimeout().toNanos();
        this.followerChoiceTrustNanos = config.minElectionTimeout().toNanos();
        this.connection = new Connection(connect.apply(null));
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        Connection c = connection;
        return bounded("write", c, () -> c.raft.async().send(message(command)).thenApply(c::confirm));
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        Connection c = connection;
        return switch (consistency) {
            case LINEARIZABLE -> bounded("linearizable read", c, () -> linearizableRead(c, message(query)));
            case LOCAL -> bounded("local read", c,
                    () -> c.localReads().async().sendStaleRead(message(query), 0, c.raft.getLeaderId()));
            case FOLLOWER -> followerRead(message(query));
            case LEASE -> CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "ratis cannot serve LEASE reads: " + RatisEngine.LEASE_GAP));
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
        retired.forEach(Connection::close);
        retired.clear();
        followUps.shutdown();
    }

    private CompletableFuture<byte[]> followerRead(Message query) {
        if (peers.size() < 2) {
            return CompletableFuture.failedFuture(new EngineUnavailableException(
                    "ratis follower read: a group of one peer has no follower to read from"));
        }
        return followerRead(query, System.nanoTime() + requestTimeout.toNanos(), new LinkedHashMap<>());
    }

    /**
     * Asks one follower, for at most one attempt timeout; if it does not answer, the next follower not
     * asked yet, until the deadline. {@code unanswered} names the followers that did not answer and why.
     */
    private CompletableFuture<byte[]> followerRead(Message query, long deadline, Map<RaftPeerId, String> unanswered) {
        Connection c = connection;
        Duration attempt = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(deadline - System.nanoTime(), attemptTimeout.toNanos())));
        AtomicReference<RaftPeerId> asked = new AtomicReference<>();
        return bounded(() -> asked.get() == null ? "follower read (no leader confirmed; followers that did not answer: "
                + unanswered + ")" : "follower read from " + asked.get(), c, attempt, () -> {
            CompletableFuture<RaftClientReply> leaderKnown =
                    c.leaderConfirmed && System.nanoTime() - c.leaderConfirmedAt < followerChoiceTrustNanos
                            ? CompletableFuture.completedFuture(null)
                            : c.raft.async().sendReadOnlyNonLinearizable(OrderedAsync.DUMMY).thenApply(c::confirm);
            return leaderKnown.thenComposeAsync(ignored -> {
                RaftPeerId leader = c.raft.getLeaderId();
                List<RaftPeerId> followers = peers.stream()
                        .filter(p -> !p.equals(leader) && !unanswered.containsKey(p)).toList();
                if (followers.isEmpty()) {
                    throw new CompletionException(new IOException("no follower of leader " + leader
                            + " left to ask; these did not answer: " + unanswered));
                }
                RaftPeerId follower = followers.get(Math.floorMod(followerTurn.getAndIncrement(), followers.size()));
                asked.set(follower);
                return c.localReads().async().sendStaleRead(query, 0, follower);
            }, followUps);
        }).exceptionallyComposeAsync(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            RaftPeerId follower = asked.get();
            if (follower == null || closed || System.nanoTime() >= deadline) {
                return CompletableFuture.failedFuture(unanswered.isEmpty() || follower == null ? cause
                        : new EngineUnavailableException(cause.getMessage() + "; before it, these followers did not answer: "
                                + unanswered, cause));
            }
            unanswered.put(follower, String.valueOf(cause.getMessage()));
            return followerRead(query, deadline, unanswered);
        }, followUps);
    }

    /**
     * A follower that does not know the leader yet, or is installing a snapshot, answers a read with
     * ReadIndexException or ReadException, which Ratis's client does not retry: retry it here.
     */
    private CompletableFuture<RaftClientReply> linearizableRead(Connection c, Message query) {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        return retryingTransientReadFailures(() -> linearizableReadAttempt(c, query), deadline);
    }

    private static CompletableFuture<RaftClientReply> retryingTransientReadFailures(
            Supplier<CompletableFuture<RaftClientReply>> attempt, long deadline) {
        return attempt.get().exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if ((cause instanceof ReadIndexException || cause instanceof ReadException) && System.nanoTime() < deadline) {
                Executor later = CompletableFuture.delayedExecutor(RatisConfig.CLIENT_RETRY_SLEEP.toMillis(), TimeUnit.MILLISECONDS);
                return CompletableFuture.runAsync(() -> { }, later)
                        .thenCompose(ignored -> retryingTransientReadFailures(attempt, deadline));
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    private CompletableFuture<RaftClientReply> linearizableReadAttempt(Connection c, Message query) {
        if (leaderHintTrustNanos == null
                || c.leaderConfirmed && System.nanoTime() - c.leaderConfirmedAt < leaderHintTrustNanos) {
            return c.raft.async().sendReadOnly(query).thenApply(c::confirm);
        }
        return c.raft.async().sendReadOnlyNonLinearizable(OrderedAsync.DUMMY)
                .thenComposeAsync(probe -> {
                    c.confirm(probe);
                    return c.raft.async().sendReadOnly(query).thenApply(c::confirm);
                }, followUps);
    }

    private CompletableFuture<byte[]> bounded(String what, Connection c,
                                              Supplier<CompletableFuture<RaftClientReply>> send) {
        return bounded(() -> what, c, requestTimeout, send);
    }

    /**
     * @param what names the request in its error, once it failed
     * @param timeout how long it may take
     */
    private CompletableFuture<byte[]> bounded(Supplier<String> what, Connection c, Duration timeout,
                                              Supplier<CompletableFuture<RaftClientReply>> send) {
        if (closed) {
            return CompletableFuture.failedFuture(new EngineUnavailableException("ratis client is closed"));
        }
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            retire(c);
            return CompletableFuture.failedFuture(unavailable(what.get(), e, timeout));
        }
        return sent.thenApply(RatisGraphClient::content)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((content, error) -> {
                    if (error == null) {
                        return content;
                    }
                    retire(c);
                    throw unavailable(what.get(), error, timeout);
                });
    }

    private static byte[] content(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            // The async API normally completes exceptionally instead; never take a failed reply for success.
            throw new CompletionException(reply.getException() != null
                    ? reply.getException()
                    : new IOException("ratis replied without success: " + reply));
        }
        return reply.getMessage().getContent().toByteArray();
    }

    private static EngineUnavailableException unavailable(String what, Throwable error, Duration timeout) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return new EngineUnavailableException("ratis " + what + " got no reply within " + timeout.toMillis()
                    + " ms (no leader, the leader has no quorum, or the peer asked cannot be reached)", cause);
        }
        return new EngineUnavailableException("ratis " + what + " failed: " + cause, cause);
    }

    /** Replaces RaftClients whose ordered windows may now be failed; closes them after their requests had time to end. */
    private synchronized void retire(Connection failed) {
        if (closed || connection != failed) {
            return;
        }
        connection = new Connection(connect.apply(peerAfter(failed.raft.getLeaderId())));
        retired.add(failed);
        CompletableFuture.delayedExecutor(retiredClientGrace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (retired.remove(failed)) {
                failed.close();
            }
        });
    }

    private RaftPeerId peerAfter(RaftPeerId peer) {
        return peers.get((peers.indexOf(peer) + 1) % peers.size());
    }

    private static Message message(byte[] bytes) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
    }

    private static void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing fails its outstanding requests, which is all we want from it
        }
    }
}
