package io.graphraft.core.engine;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;

import java.util.concurrent.CompletableFuture;

/**
 * Sends writes and reads to a cluster. Writes reach the leader wherever they are sent (through the
 * engine's own forwarding or retry). Engines implement the encoded methods; commands are encoded
 * and results decoded here with the cluster's codec.
 *
 * <p>A future completes with a {@link Result} (which may be an error result from the state
 * machine) or exceptionally with {@link EngineUnavailableException} within the spec's request
 * timeout. A write is never reported as applied unless it was committed.
 */
public interface GraphClient extends AutoCloseable {

    Codec codec();

    /** Submits one encoded command (a {@link Command.Batch} is one command) as one log entry. */
    CompletableFuture<byte[]> submitEncoded(byte[] command);

    CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency);

    default CompletableFuture<Result> submit(Command command) {
        Codec codec = codec();
        return submitEncoded(codec.encodeCommand(command)).thenApply(codec::decodeResult);
    }

    default CompletableFuture<Result> read(Query query, ReadConsistency consistency) {
        Codec codec = codec();
        return readEncoded(codec.encodeQuery(query), consistency).thenApply(codec::decodeResult);
    }

    @Override
    default void close() {
    }
}
