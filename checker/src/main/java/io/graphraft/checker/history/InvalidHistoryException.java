package io.graphraft.checker.history;

/** A history that cannot be read or does not make sense; the message names the line (or event) at fault. */
public final class InvalidHistoryException extends RuntimeException {
    public InvalidHistoryException(String message) {
        super(message);
    }

    public InvalidHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
