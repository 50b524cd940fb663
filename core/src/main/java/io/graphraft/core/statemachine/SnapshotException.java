package io.graphraft.core.statemachine;

import java.io.IOException;

/** A snapshot that cannot be restored: corrupt, truncated, of another version or another store. */
public class SnapshotException extends IOException {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
