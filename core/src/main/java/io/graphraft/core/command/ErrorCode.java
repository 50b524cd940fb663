package io.graphraft.core.command;

/** Why a command or query could not apply. */
public enum ErrorCode {
    /** The bytes are not a valid encoded command or query. */
    MALFORMED,
    /** A node or edge the command names does not exist. */
    NOT_FOUND,
    /** The command is well formed but not allowed in this state or by these arguments. */
    INVALID
}
