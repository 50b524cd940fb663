package io.graphraft.core.client;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link GraphClient} that coalesces concurrent {@link #submit(Command)} calls into one
 * {@link Command.Batch} log entry, group-commit style, for any engine. Callers see no difference but
 * speed:
 *
 * <ul>
 *   <li>every caller gets its own {@link Result}: the i-th command of a batch gets the i-th result of
 *       its {@link Result.BatchApplied}, so a command the state machine rejects fails only its caller;</li>
 *   <li>if the entry as a whole fails (the delegate's future fails, e.g. with
 *       {@link EngineUnavailableException} after a timeout, meaning "not acknowledged, may still be
 *       applied"), every caller of that entry gets that same failure;</li>
 *   <li>commands reach the delegate in the order {@code submit} was called, so the log holds them in
 *       the order an unbatched client would have sent them (as far as the delegate keeps its own
 *       submission order);</li>
 *   <li>a command queued alone leaves as itself, not as a batch of one; a caller's own
 *       {@link Command.Batch} leaves as one entry of its own, never nested;</li>
 *   <li>{@link #submitEncoded} and reads go straight to the delegate (raw bytes are not decoded, and
 *       do not wait behind queued commands).</li>
 * </ul>
 *
 * <p>How entries leave: while fewer than {@link BatchPolicy#maxInFlight()} entries are unanswered,
 * queued commands leave at once (after {@link BatchPolicy#linger()} if positive and the entry is not
 * full), as many as fit {@link BatchPolicy#maxCommands()} and {@link BatchPolicy#maxBytes()}. Otherwise
 * they wait in the queue and leave together when an entry is answered. One thread sends at a time, so
 * entries keep the queue's order: a caller that finds a slot free sends on its own thread (a lone
 * writer pays no thread hop); an answered entry's follow-up and a linger deadline send from this
 * client's one dispatcher thread, never from the delegate's callback thread.
 *
 * <p>A queued command waits for the entries ahead of it; the delegate bounds each entry by its request
 * timeout, not the time spent in this queue.
 */
public final class BatchingGraphClient implements GraphClient {
    private final GraphClient delegate;
    private final Codec codec;
    private final BatchPolicy policy;
    private final long lingerNanos;
    private final ScheduledThreadPoolExecutor dispatcher;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private int queuedBytes;
    /** Queued commands that must leave alone (a caller's own batch, or one larger than maxBytes). */
    private int queuedAlone;
    private int inFlight;
    /** A thread is taking entries from the queue and sending them; only one at a time, to keep their order. */
    private boolean sending;
    private boolean lingerArmed;
    private boolean closed;
    private long entriesSent;
    private long commandsSent;

    private BatchingGraphClient(GraphClient delegate, BatchPolicy policy) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.codec = delegate.codec();
        this.lingerNanos = policy.linger().toNanos();
        this.dispatcher = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "graphraft-batching-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher.setRemoveOnCancelPolicy(true);
    }

    /**
     * Wraps {@code delegate}. The delegate stays its opener's: {@link #close()} does not close it.
     */
    public static BatchingGraphClient batching(GraphClient delegate, BatchPolicy policy) {
        return new BatchingGraphClient(delegate, policy);
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public CompletableFuture<Result> submit(Command command) {
        Objects.requireNonNull(command, "command");
        byte[] encoded = codec.encodeCommand(command);
        boolean alone = command instanceof Command.Batch || encoded.length > policy.maxBytes();
        CompletableFuture<Result> answer = new CompletableFuture<>();
        boolean sender;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new EngineUnavailableException(
                        "the batching client is closed: the command was not sent"));
            }
            queue.add(new Queued(command, encoded, alone, answer, System.nanoTime()));
            queuedBytes += encoded.length;
            if (alone) {
                queuedAlone++;
            }
            sender = claimSender();
        } finally {
            lock.unlock();
        }
        if (sender) {
            sendWhileReady();
        }
        return answer;
    }

    /** Passes straight through: raw bytes are not decoded, so they are never batched. */
    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        return delegate.submitEncoded(command);
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        return delegate.readEncoded(query, consistency);
    }

    @Override
    public CompletableFuture<Result> read(Query query, ReadConsistency consistency) {
        return delegate.read(query, consistency);
    }

    /** Log entries sent for {@link #submit(Command)} calls so far. */
    public long entriesSent() {
        lock.lock();
        try {
            return entriesSent;
        } finally {
            lock.unlock();
        }
    }

    /** Commands sent in those entries (a caller's own batch counts as one). */
    public long commandsSent() {
        lock.lock();
        try {
            return commandsSent;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more commands (later submits fail with {@link EngineUnavailableException}), sends what is
     * queued without lingering, and returns once every entry is answered. If interrupted meanwhile,
     * what is still queued fails with {@link EngineUnavailableException} saying it was not sent (and so
     * not applied). The delegate stays open.
     */
    @Override
    public void close() {
        boolean sender;
        lock.lock();
        try {
            if (closed && dispatcher.isShutdown()) {
                return;
            }
            closed = true;
            sender = claimSender();
        } finally {
            lock.unlock();
        }
        if (sender) {
            sendWhileReady();
        }
        lock.lock();
        try {
            while (!queue.isEmpty() || inFlight > 0 || sending) {
                idle.await();
            }
        } catch (InterruptedException e) {
            failQueued("the batching client was closed (interrupted) before the command was sent: it was not applied");
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
            dispatcher.shutdownNow();
        }
    }

    // ---- sending: all of the following run with the lock held unless said otherwise ----

    /** Whether an entry may leave now: something queued, a free slot, and no reason to linger. */
    private boolean ready(long now) {
        if (queue.isEmpty() || inFlight >= policy.maxInFlight()) {
            return false;
        }
        return lingerNanos == 0 || closed || full() || now - queue.peekFirst().queuedAt >= lingerNanos;
    }

    /** The entry at the head of the queue can grow no further. */
    private boolean full() {
        return queue.size() >= policy.maxCommands() || queuedBytes >= policy.maxBytes() || queuedAlone > 0;
    }

    /** Makes the calling thread the sender if an entry may leave now and nobody sends; else arms the linger timer. */
    private boolean claimSender() {
        if (sending) {
            return false;
        }
        if (ready(System.nanoTime())) {
            sending = true;
            return true;
        }
        armLingerIfWaiting();
        return false;
    }

    /** Schedules a send for when the oldest queued command has lingered enough, if only the linger holds it. */
    private void armLingerIfWaiting() {
        if (lingerArmed || lingerNanos == 0 || queue.isEmpty() || inFlight >= policy.maxInFlight()) {
            return;
        }
        long due = queue.peekFirst().queuedAt + lingerNanos - System.nanoTime();
        try {
            dispatcher.schedule(this::lingerExpired, Math.max(0, due), TimeUnit.NANOSECONDS);
            lingerArmed = true;
        } catch (RejectedExecutionException e) {
            failQueued("the batching client is closed: the command was not sent, so it was not applied");
        }
    }

    private void lingerExpired() {
        boolean sender;
        lock.lock();
        try {
            lingerArmed = false;
            sender = claimSender();
        } finally {
            lock.unlock();
        }
        if (sender) {
            sendWhileReady();
        }
    }

    /** Called by the sender without the lock: sends entries while one may leave, then gives up the role. */
    private void sendWhileReady() {
        while (true) {
            List<Queued> entry;
            lock.lock();
            try {
                if (!ready(System.nanoTime())) {
                    sending = false;
                    armLingerIfWaiting();
                    idle.signalAll();
                    return;
                }
                entry = takeEntry();
                inFlight++;
                entriesSent++;
                commandsSent += entry.size();
            } finally {
                lock.unlock();
            }
            send(entry);
        }
    }

    /** The commands of the next entry, from the head of the queue. */
    private List<Queued> takeEntry() {
        List<Queued> entry = new ArrayList<>();
        int bytes = 0;
        while (!queue.isEmpty()) {
            Queued next = queue.peekFirst();
            boolean fits = entry.isEmpty()
                    || (!next.alone && entry.size() < policy.maxCommands() && bytes + next.encoded.length <= policy.maxBytes());
            if (!fits) {
                break;
            }
            queue.pollFirst();
            queuedBytes -= next.encoded.length;
            bytes += next.encoded.length;
            entry.add(next);
            if (next.alone) {
                queuedAlone--;
                break;
            }
        }
        return entry;
    }

    /** Without the lock: hands one entry to the delegate and answers its callers when it is answered. */
    private void send(List<Queued> entry) {
        CompletableFuture<byte[]> answer;
        try {
            answer = delegate.submitEncoded(encode(entry));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((bytes, failure) -> {
            try {
                // Callers first, as a group commit does: their follow-up writes can join the next entry.
                deliver(entry, bytes, failure);
            } finally {
                entryAnswered();
            }
        });
    }

    private byte[] encode(List<Queued> entry) {
        if (entry.size() == 1) {
            return entry.get(0).encoded;
        }
        List<Command> commands = new ArrayList<>(entry.size());
        for (Queued queued : entry) {
            commands.add(queued.command);
        }
        return codec.encodeCommand(new Command.Batch(commands));
    }

    /** Without the lock, on whichever thread answered the entry. */
    private void deliver(List<Queued> entry, byte[] bytes, Throwable failure) {
        if (failure != null) {
            Throwable cause = unwrap(failure);
            entry.forEach(queued -> queued.caller.completeExceptionally(cause));
            return;
        }
        Result result;
        try {
            result = codec.decodeResult(bytes);
        } catch (RuntimeException e) {
            entry.forEach(queued -> queued.caller.completeExceptionally(e));
            return;
        }
        if (entry.size() == 1) {
            entry.get(0).caller.complete(result);
        } else if (result instanceof Result.BatchApplied applied && applied.results().size() == entry.size()) {
            for (int i = 0; i < entry.size(); i++) {
                entry.get(i).caller.complete(applied.results().get(i));
            }
        } else if (result instanceof Result.Error error) {
            // The entry as a whole could not apply, so none of its commands did.
            entry.forEach(queued -> queued.caller.complete(error));
        } else {
            IllegalStateException mismatch = new IllegalStateException("the engine answered a batch of "
                    + entry.size() + " commands with " + describe(result) + "; the commands' outcome is unknown");
            entry.forEach(queued -> queued.caller.completeExceptionally(mismatch));
        }
    }

    /** Without the lock: frees the entry's slot and lets the dispatcher send what queued meanwhile. */
    private void entryAnswered() {
        boolean sender;
        lock.lock();
        try {
            inFlight--;
            sender = claimSender();
            if (sender) {
                try {
                    dispatcher.execute(this::sendWhileReady);
                } catch (RejectedExecutionException e) {
                    sending = false;
                    failQueued("the batching client is closed: the command was not sent, so it was not applied");
                }
            }
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void failQueued(String why) {
        EngineUnavailableException failure = new EngineUnavailableException(why);
        for (Queued queued = queue.pollFirst(); queued != null; queued = queue.pollFirst()) {
            queued.caller.completeExceptionally(failure);
        }
        queuedBytes = 0;
        queuedAlone = 0;
        idle.signalAll();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Result result) {
        if (result instanceof Result.BatchApplied applied) {
            return "a batch result of " + applied.results().size();
        }
        return String.valueOf(result);
    }

    private record Queued(Command command, byte[] encoded, boolean alone, CompletableFuture<Result> caller, long queuedAt) {
    }
}
