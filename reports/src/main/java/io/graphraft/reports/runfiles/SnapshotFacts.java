package io.graphraft.reports.runfiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The graph a snapshot-recovery trial loaded and what its node kept on disk at the end; for restarts
 * of a node process ({@code topology=process}), the mean over the measured shots of its JVM start-up
 * (process creation to main) and of its member's start (engine start, snapshot load, log replay), in
 * milliseconds (null otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotFacts(int graphNodes, long graphEdges, long snapshotBytes, long logBytes,
                            Double restartJvmMillis, Double restartMemberMillis) implements TrialFacts {
}
