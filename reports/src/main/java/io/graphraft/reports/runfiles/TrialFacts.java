package io.graphraft.reports.runfiles;

import java.nio.file.Path;

/** Measured facts of a trial that are not times, kept as {@code <trial>.facts.json}. */
public sealed interface TrialFacts permits OpenLoopFacts, SnapshotFacts {

    /** Writes {@code <trial>.facts.json} into the run folder. */
    default Path write(Path run, TrialName trial) {
        return RunJson.write(RunFiles.facts(run, trial), this);
    }

    static <T extends TrialFacts> T read(Path file, Class<T> type) {
        return RunJson.read(file, type);
    }
}
