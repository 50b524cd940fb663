package io.graphraft.baseline;

import java.io.IOException;

/** The log holds damage that is not a torn tail, or does not continue where the state ends: replaying it would lose acknowledged writes. */
final class LogCorruptException extends IOException {
    LogCorruptException(String message) {
        super(message);
    }
}
