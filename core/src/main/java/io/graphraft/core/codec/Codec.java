package io.graphraft.core.codec;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;

/**
 * Turns commands, queries and results into bytes and back. Decoding never returns a partial
 * value: bytes that are not exactly one valid encoding throw {@link CodecException}.
 */
public interface Codec {
    CodecKind kind();

    byte[] encodeCommand(Command command);

    Command decodeCommand(byte[] bytes);

    byte[] encodeQuery(Query query);

    Query decodeQuery(byte[] bytes);

    byte[] encodeResult(Result result);

    Result decodeResult(byte[] bytes);
}
