package io.graphraft.reports.runfiles;

/** Names of the JMH secondary results the harness adds and reports read. */
public final class SecondaryResults {
    /** The benchmark JVM's CPU time ÷ wall time per iteration (the harness's CPU profiler). */
    public static final String CPU_CORES = "cpu.cores";
    /** CPU time per benchmark invocation, µs (the harness's CPU profiler). */
    public static final String CPU_PER_OP = "cpu.perOp";
    /** Graph operations (a batch counts each of its commands); a JMH aux counter field of that name. */
    public static final String OPS = "ops";
    /** Terms begun while measuring; a JMH aux counter field of that name. */
    public static final String LEADER_CHANGES = "leaderChanges";

    private SecondaryResults() {
    }
}
