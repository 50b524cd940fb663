package io.graphraft.bench.jmh;

import io.graphraft.core.command.Result;

/** A benchmark that silently measured failures would report nonsense: results are checked. */
public final class Checks {
    private Checks() {
    }

    public static Result applied(Result result) {
        if (result.isError()) {
            throw new IllegalStateException("a measured write failed: " + result);
        }
        return result;
    }
}
