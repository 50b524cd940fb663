package io.graphraft.bench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;

/** An error as one line for the console: the exception's message and those of its causes it does not repeat. */
final class OneLine {
    private OneLine() {
    }

    static String of(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(message(e)));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String message = message(cause);
            if (message != null && !text.toString().contains(message)) {
                text.append(": ").append(message);
            }
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Jackson's message without its source location, which names no file (the caller's message does). */
    private static String message(Throwable e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }
}
