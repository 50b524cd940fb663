package io.graphraft.core.client;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.store.StoreKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stands in for an engine in the decorator's tests: a {@link GraphStateMachine} in this JVM that logs
 * every entry it is sent, in order, and applies and answers them in that order — either as they come,
 * on its own thread (as an engine answers on its threads), or only when the test says so, so a test
 * decides exactly which commands queue behind an unanswered entry.
 */
final class InMemoryEngineClient implements GraphClient {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final GraphStateMachine machine;
    private final boolean held;
    private final ExecutorService engineThread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sent = lock.newCondition();
    private final List<Entry> entries = new ArrayList<>();
    private int answered;
    private long index;

    private InMemoryEngineClient(Path directory, CodecKind codec, boolean held) {
        this.machine = GraphStateMachine.open(StoreKind.HEAP, directory, codec.codec());
        this.held = held;
        this.engineThread = held ? null : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "in-memory-engine");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Answers every entry in order on its own thread as soon as it is sent. */
    static InMemoryEngineClient answering(Path directory, CodecKind codec) {
        return new InMemoryEngineClient(directory, codec, false);
    }

    /** Answers nothing until the test calls {@link #answerNext()} (or fails or fakes an answer). */
    static InMemoryEngineClient held(Path directory, CodecKind codec) {
        return new InMemoryEngineClient(directory, codec, true);
    }

    @Override
    public Codec codec() {
        return machine.codec();
    }

    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        Entry entry = new Entry(command, new CompletableFuture<>());
        lock.lock();
        try {
            entries.add(entry);
            sent.signalAll();
            if (!held) {
                engineThread.execute(this::answerNext);
            }
        } finally {
            lock.unlock();
        }
        return entry.answer;
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        return CompletableFuture.completedFuture(machine.query(query));
    }

    /** The entries sent so far, decoded. */
    List<Command> entries() {
        lock.lock();
        try {
            return entries.stream().map(entry -> codec().decodeCommand(entry.bytes)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The raw bytes of entry {@code i} (0-based). */
    byte[] entryBytes(int i) {
        lock.lock();
        try {
            return entries.get(i).bytes;
        } finally {
            lock.unlock();
        }
    }

    int entryCount() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} entries were sent (answered or not). */
    void awaitEntries(int count) {
        lock.lock();
        try {
            long left = WAIT.toNanos();
            while (entries.size() < count) {
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " entries within " + WAIT + ", got " + entries.size());
                }
                left = sent.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /** Applies the oldest unanswered entry (waiting for it to be sent) and answers it. */
    void answerNext() {
        Entry entry = nextUnanswered();
        entry.answer.complete(machine.apply(++index, entry.bytes));
    }

    /** Answers the oldest unanswered entry with a failure, without applying it. */
    void failNext(Throwable failure) {
        nextUnanswered().answer.completeExceptionally(failure);
    }

    /** Answers the oldest unanswered entry with {@code result}, without applying it. */
    void answerNextWith(byte[] result) {
        nextUnanswered().answer.complete(result);
    }

    int unanswered() {
        lock.lock();
        try {
            return entries.size() - answered;
        } finally {
            lock.unlock();
        }
    }

    GraphStateMachine machine() {
        return machine;
    }

    private Entry nextUnanswered() {
        awaitEntries(answeredSoFar() + 1);
        lock.lock();
        try {
            return entries.get(answered++);
        } finally {
            lock.unlock();
        }
    }

    private int answeredSoFar() {
        lock.lock();
        try {
            return answered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (engineThread != null) {
            engineThread.shutdown();
            try {
                engineThread.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        machine.close();
    }

    private record Entry(byte[] bytes, CompletableFuture<byte[]> answer) {
    }
}
