package io.graphraft.core.engine;

/**
 * A request the cluster could not serve: no leader, no quorum, a stopped node, or no answer within
 * the request timeout. A write failing this way was not acknowledged; it may or may not be applied
 * later, as with any Raft client that lost its answer.
 */
public class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
