/**
 * The run-folder format, written once: what the benchmark harness (bench/) writes into a run folder
 * and what reports read back, through the same types. Benchmark ids ({@link
 * io.graphraft.reports.runfiles.BenchmarkId}), trial parameters and their defaults ({@link
 * io.graphraft.reports.runfiles.TrialParameters}), trial file names ({@link
 * io.graphraft.reports.runfiles.TrialName}), file names and latency-log conventions ({@link
 * io.graphraft.reports.runfiles.RunFiles}), the facts files ({@link
 * io.graphraft.reports.runfiles.OpenLoopFacts}, {@link io.graphraft.reports.runfiles.SnapshotFacts}),
 * JMH secondary result names ({@link io.graphraft.reports.runfiles.SecondaryResults}) and env.json
 * ({@link io.graphraft.reports.runfiles.RunEnvironment}). Nothing here knows an engine or JMH.
 */
package io.graphraft.reports.runfiles;
