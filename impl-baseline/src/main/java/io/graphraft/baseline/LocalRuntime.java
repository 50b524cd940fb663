package io.graphraft.baseline;

import io.graphraft.core.statemachine.GraphStateMachine;

import java.util.concurrent.CompletableFuture;

/** A running single-node engine: how a write reaches the state machine, and its files. */
interface LocalRuntime extends AutoCloseable {

    GraphStateMachine stateMachine();

    /** Applies one encoded command once it is as durable as the engine promises. */
    CompletableFuture<byte[]> submit(byte[] command);

    void takeSnapshot();

    long logSizeBytes();

    long snapshotSizeBytes();

    /** Stops at once, like a crash: queued writes fail, nothing more is written. */
    @Override
    void close();
}
