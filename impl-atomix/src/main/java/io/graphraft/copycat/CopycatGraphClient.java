package io.graphraft.copycat;

import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.client.ConnectionStrategy;
import io.atomix.copycat.client.CopycatClient;
import io.atomix.copycat.client.DefaultCopycatClient;
import io.atomix.copycat.client.RecoveryStrategies;
import io.atomix.copycat.error.UnknownSessionException;
import io.atomix.copycat.session.ClosedSessionException;
import io.atomix.copycat.client.ServerSelectionStrategy;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GraphClient on one CopycatClient, i.e. one Copycat session (a second one serves FOLLOWER reads,
 * below). It talks to the leader (leader first, then any server, see {@link LeaderFirstSelection}; followers forward what reaches them),
 * retries connecting until the cluster answers, and registers a new session when the cluster
 * expired its session (RECOVER). Copycat resends a command within its session until it is applied
 * exactly once; this class never resends a write, it only bounds how long a caller waits.
 *
 * <p>A request not answered within the spec's request timeout, or whose session was lost, fails
 * with {@link EngineUnavailableException}; a write then was not acknowledged (Copycat may still
 * apply it later). Requests wait for a replacement session rather than being refused unsent, and
 * reads whose session was lost are retried on the replacement within the same deadline: a leader
 * elected after a full restart refuses the sessions it has not replayed yet, which expires them.
 *
 * <p>FOLLOWER reads go through a second session (opened on the first such read) whose connection
 * avoids the leader ({@link FollowersOnlySelection}); they are SEQUENTIAL queries that the leader's
 * state machine refuses ({@link GraphQuery#REFUSED_BY_LEADER}): a refused read is sent again (the
 * session moves off the leader once it has heard of it) until a follower answers or the deadline.
 */
final class CopycatGraphClient implements GraphClient {
    private static final long MAX_CONNECT_RETRY_MS = 1000;
    private static final long MAX_RETRY_PAUSE_MS = 100;
    private static final ConnectionStrategy RETRY_UNTIL_CLOSED = attempt ->
            attempt.retry(Duration.ofMillis(Math.min(MAX_CONNECT_RETRY_MS, 50L * attempt.attempt())));

    private final Codec codec;
    private final Duration requestTimeout;
    private final ClusterSpec spec;
    private final List<Address> servers;
    private final Session leaderSession;
    /** The session FOLLOWER reads use, opened on the first one; null before. */
    private Session followerSession;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** One CopycatClient (one Copycat session) on its own transport. */
    private static final class Session {
        final LoopbackNettyTransport transport;
        final DefaultCopycatClient client;
        final CompletableFuture<CopycatClient> connected;

        Session(List<Address> servers, ClusterSpec spec, ServerSelectionStrategy selection) {
            this.transport = new LoopbackNettyTransport(1, spec, ClusterTls.CLIENT);
            this.client = (DefaultCopycatClient) CopycatClient.builder(servers)
                    .withTransport(transport)
                    .withSerializer(GraphOperations.registerOn(new Serializer()))
                    .withServerSelectionStrategy(selection)
                    .withConnectionStrategy(RETRY_UNTIL_CLOSED)
                    .withRecoveryStrategy(RecoveryStrategies.RECOVER)
                    .build();
            this.connected = client.connect();
        }

        /**
         * Closes the transport first: Catalyst's NettyHandler.channelActive blocks its event-loop thread
         * until the client's I/O context has taken a new connection, and a context closed meanwhile drops
         * that task, so a connect completing just after kill() closed the context held the thread forever.
         */
        void kill(Duration timeout) {
            transport.close();
            try {
                client.kill().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closing regardless: the transport, already closed, owned the threads that matter
            } finally {
                CopycatInternals.closeThreads(client); // kill() skips them if no session was ever open
            }
        }
    }

    CopycatGraphClient(List<Address> servers, ClusterSpec spec) {
        this.codec = spec.codec().codec();
        this.requestTimeout = spec.requestTimeout();
        this.spec = spec;
        this.servers = List.copyOf(servers);
        this.leaderSession = new Session(servers, spec, new LeaderFirstSelection(servers));
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new EngineUnavailableException("the copycat client is closed"));
        }
        GraphCommand write = new GraphCommand(command);
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        return bounded(openSession(leaderSession, deadline, 1).thenCompose(session -> session.submit(write)), "write");
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new EngineUnavailableException("the copycat client is closed"));
        }
        if (consistency == ReadConsistency.LEASE) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "copycat cannot serve LEASE reads: " + CopycatEngine.LEASE_GAP));
        }
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        if (consistency == ReadConsistency.FOLLOWER) {
            if (servers.size() < 2) {
                return CompletableFuture.failedFuture(new EngineUnavailableException(
                        "copycat follower read: a cluster of one server has no follower to read from"));
            }
            return bounded(read(followerSession(), new GraphQuery(query, consistency), deadline, 1), "follower read");
        }
        return bounded(read(leaderSession, new GraphQuery(query, consistency), deadline, 1), "read");
    }

    private synchronized Session followerSession() {
        if (followerSession == null) {
            followerSession = new Session(servers, spec, new FollowersOnlySelection(servers));
        }
        return followerSession;
    }

    private CompletableFuture<byte[]> read(Session via, GraphQuery query, long deadline, int attempt) {
        return openSession(via, deadline, 1).thenCompose(session -> session.submit(query)).handle((value, error) -> {
            boolean again = error == null
                    ? GraphQuery.refusedByLeader(value)
                    : sessionLost(error);
            if (!again) {
                return error == null ? CompletableFuture.completedFuture(value) : CompletableFuture.<byte[]>failedFuture(error);
            }
            if (!closed.get() && System.nanoTime() < deadline) {
                return pause(attempt).thenCompose(ignored -> read(via, query, deadline, attempt + 1));
            }
            return CompletableFuture.<byte[]>failedFuture(error != null ? error
                    : new EngineUnavailableException("copycat follower read: only the leader answered until the deadline"));
        }).thenCompose(future -> future);
    }

    /**
     * The client once its session is usable. While Copycat registers a replacement for an expired
     * session, requests would be refused unsent; waiting for the new session sends them into it
     * instead. Gives up waiting at the deadline (the request then fails as Copycat refuses it).
     */
    private CompletableFuture<CopycatClient> openSession(Session via, long deadline, int attempt) {
        return via.connected.thenCompose(copycat -> {
            io.atomix.copycat.session.Session session = copycat.session();
            if ((session != null && session.state().active()) || closed.get() || System.nanoTime() >= deadline) {
                return CompletableFuture.completedFuture(copycat);
            }
            return pause(attempt).thenCompose(ignored -> openSession(via, deadline, attempt + 1));
        });
    }

    private static CompletableFuture<Void> pause(int attempt) {
        Executor later = CompletableFuture.delayedExecutor(Math.min(MAX_RETRY_PAUSE_MS, 5L * attempt), TimeUnit.MILLISECONDS);
        return CompletableFuture.runAsync(() -> { }, later);
    }

    /** Completes with the operation's result, or with {@link EngineUnavailableException} within the request timeout. */
    private CompletableFuture<byte[]> bounded(CompletableFuture<byte[]> operation, String what) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        operation.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unavailable(what, unwrap(error)));
            }
        });
        return result;
    }

    private EngineUnavailableException unavailable(String what, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new EngineUnavailableException("copycat: no answer to the " + what + " within " + requestTimeout.toMillis()
                    + " ms (no leader, no quorum, or the cluster is unreachable)"
                    + ("write".equals(what) ? "; the write was not acknowledged and may still be applied later" : ""), cause);
        }
        if (sessionLost(cause)) {
            return new EngineUnavailableException("copycat: the client's session was lost before the " + what
                    + " was answered (" + cause + ")", cause);
        }
        return new EngineUnavailableException("copycat could not complete the " + what + ": " + cause, cause);
    }

    private static boolean sessionLost(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof ClosedSessionException || cause instanceof UnknownSessionException;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Drops the session without unregistering it (that would need a leader and a quorum, which a
     * cluster being torn down may lack); the leader expires it after the session timeout. Waits
     * until the client's threads are stopped.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        leaderSession.kill(requestTimeout);
        Session followers;
        synchronized (this) {
            followers = followerSession;
        }
        if (followers != null) {
            followers.kill(requestTimeout);
        }
    }
}
