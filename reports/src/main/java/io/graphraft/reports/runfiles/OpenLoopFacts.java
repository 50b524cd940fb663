package io.graphraft.reports.runfiles;

/**
 * One open-loop run at a fixed rate (an {@code OpenLoopBenchmark} shot or a {@code load} step):
 * requests sent, completed and failed, whether it stopped early because too many were outstanding,
 * and response (from the intended start) and service (from the send) percentiles in microseconds.
 */
public record OpenLoopFacts(double targetPerSecond, long achievedPerSecond, long sent, long completed, long failed,
                            boolean saturated, double responseP50Micros, double responseP99Micros,
                            double responseP999Micros, double serviceP50Micros, double serviceP99Micros)
        implements TrialFacts {
}
