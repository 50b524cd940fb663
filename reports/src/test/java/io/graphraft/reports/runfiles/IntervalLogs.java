package io.graphraft.reports.runfiles;

import java.nio.file.Path;

/** Lets tests outside this package write an .hlog block as if from another fork (process). */
public final class IntervalLogs {
    private IntervalLogs() {
    }

    public static IntervalLog.Writer append(Path file, String process) {
        return IntervalLog.append(file, "test block of " + process, process);
    }
}
