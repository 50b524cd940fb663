package io.graphraft.core.command;

/** Why a command or query could not apply. */
public enum ErrorCode {
    /** The bytes are not a valid encoded command or query. */
    MALFORMED,
    /** A node or edge the command names does not exist. */
    NOT_FOUND,
    /** The command is well formed but not allowed in this state or by these arguments. */
    INVALID,
    /**
     * A write names a client session the state machine does not know: never opened, or expired to keep
     * the session table bounded. The write was not applied; the client opens a new session.
     */
    UNKNOWN_SESSION
}
