package io.graphraft.core.client;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.codec.CodecException;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A client whose writes apply exactly once: each write goes in a client session
 * ({@link Command.InSession}) with the session's next sequence number, and a write whose answer is
 * lost ({@link EngineUnavailableException}: a timeout, a crashed leader, no quorum) is sent again
 * with the same session and sequence number until it is answered or {@code retryFor} has passed. The
 * state machine applies it once and answers a repeat with the remembered result.
 *
 * <p>A session carries one write at a time; concurrent writes take further sessions, opened on
 * demand and reused, so the number of sessions is the client's peak number of writes in flight. A
 * write that is still unanswered after {@code retryFor} fails with {@link EngineUnavailableException}
 * saying it may have been applied. Reads pass through unchanged. Closing this client does not close
 * the client it wraps.
 */
public final class SessionClient implements GraphClient {
    /** Between attempts, so that a cluster failing fast (no leader yet) is not hammered. */
    private static final Duration BACKOFF = Duration.ofMillis(50);

    private final GraphClient delegate;
    private final Duration retryFor;
    private final Queue<Session> idle = new ConcurrentLinkedQueue<>();

    /** A session this client holds: used by one write at a time, which owns {@code lastSequence}. */
    private static final class Session {
        final long id;
        long lastSequence;

        Session(long id) {
            this.id = id;
        }
    }

    /** @param retryFor how long a write with an unknown outcome is retried (e.g. long enough for an election) */
    public SessionClient(GraphClient delegate, Duration retryFor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("retryFor must not be negative, not " + retryFor);
        }
        this.retryFor = retryFor;
    }

    @Override
    public Codec codec() {
        return delegate.codec();
    }

    /** Sessions this client holds that no write is using right now. */
    public int idleSessions() {
        return idle.size();
    }

    /**
     * Sends {@code command} in a session, exactly once. Session commands of the caller's own pass
     * through unchanged.
     */
    @Override
    public CompletableFuture<Result> submit(Command command) {
        if (command instanceof Command.OpenSession || command instanceof Command.InSession) {
            return delegate.submit(command);
        }
        long deadline = System.nanoTime() + retryFor.toNanos();
        return session(deadline).thenCompose(session -> inSession(session, command, deadline));
    }

    /** Decodes the command to send it in a session; bytes that do not decode go as they are, for the state machine to refuse. */
    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        Codec codec = codec();
        Command decoded;
        try {
            decoded = codec.decodeCommand(command);
        } catch (CodecException e) {
            return delegate.submitEncoded(command);
        }
        return submit(decoded).thenApply(codec::encodeResult);
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        return delegate.readEncoded(query, consistency);
    }

    @Override
    public CompletableFuture<Result> read(Query query, ReadConsistency consistency) {
        return delegate.read(query, consistency);
    }

    private CompletableFuture<Session> session(long deadline) {
        Session session = idle.poll();
        if (session != null) {
            return CompletableFuture.completedFuture(session);
        }
        return retried(() -> delegate.submit(new Command.OpenSession()), deadline, "opening a client session", new AtomicBoolean())
                .thenApply(result -> {
                    if (result instanceof Result.Applied opened) {
                        return new Session(opened.id());
                    }
                    throw new IllegalStateException("the cluster did not open a client session: " + result);
                });
    }

    /** Sends {@code command} as the session's next write, the same write again while its outcome is unknown. */
    private CompletableFuture<Result> inSession(Session session, Command command, long deadline) {
        long sequence = ++session.lastSequence;
        AtomicBoolean unanswered = new AtomicBoolean();
        String what = "write " + sequence + " of client session " + session.id;
        return retried(() -> delegate.submit(new Command.InSession(session.id, sequence, command)), deadline, what, unanswered)
                .handle((result, failure) -> {
                    if (failure == null && result instanceof Result.Error error && error.code() == ErrorCode.UNKNOWN_SESSION) {
                        // The session expired, so this attempt did not apply. Without an earlier unanswered attempt
                        // nothing did, and the write goes again in a new session.
                        if (unanswered.get()) {
                            return CompletableFuture.<Result>failedFuture(new EngineUnavailableException(what
                                    + " got no answer and its session then expired: it may have been applied"));
                        }
                        return session(deadline).thenCompose(fresh -> inSession(fresh, command, deadline));
                    }
                    // Also after a failure: the session's next write takes the next sequence number, and once that
                    // one applies, this one cannot apply any more.
                    idle.add(session);
                    return failure == null ? CompletableFuture.completedFuture(result) : CompletableFuture.<Result>failedFuture(failure);
                }).thenCompose(next -> next);
    }

    /**
     * Runs {@code attempt} again while it fails with {@link EngineUnavailableException} and time remains;
     * sets {@code unanswered} once an attempt went unanswered.
     */
    private CompletableFuture<Result> retried(Supplier<CompletableFuture<Result>> attempt, long deadline, String what,
                                              AtomicBoolean unanswered) {
        return attempt.get().handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof EngineUnavailableException)) {
                return CompletableFuture.<Result>failedFuture(cause);
            }
            unanswered.set(true);
            if (System.nanoTime() - deadline >= 0) {
                return CompletableFuture.<Result>failedFuture(new EngineUnavailableException(what + " got no answer within "
                        + retryFor + ": it may have been applied", cause));
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(BACKOFF.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> retried(attempt, deadline, what, unanswered));
        }).thenCompose(next -> next);
    }
}
