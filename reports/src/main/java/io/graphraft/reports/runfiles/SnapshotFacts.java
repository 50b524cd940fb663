package io.graphraft.reports.runfiles;

/** The graph a snapshot-recovery trial loaded and what its node kept on disk at the end. */
public record SnapshotFacts(int graphNodes, long graphEdges, long snapshotBytes, long logBytes) implements TrialFacts {
}
