package io.graphraft.core.codec;

/** Bytes that are not a valid encoding of a command, query or result. */
public class CodecException extends RuntimeException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
