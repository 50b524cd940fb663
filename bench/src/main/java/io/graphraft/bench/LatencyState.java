package io.graphraft.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/** A JMH state that owns a {@link LatencyLog} and closes one interval per iteration. */
public abstract class LatencyState {
    public LatencyLog latency;
    /** The trial's name: benchmark and parameters, used for every file it writes. */
    protected String name;

    protected void openLatency(BenchmarkParams params) {
        name = ClusterState.logName(params);
        latency = LatencyLog.open(name);
    }

    @TearDown(Level.Iteration)
    public void endInterval(IterationParams iteration) {
        if (latency != null) {
            latency.endInterval(iteration.getType() == IterationType.MEASUREMENT);
        }
    }

    protected void closeLatency() {
        if (latency != null) {
            latency.close();
            latency = null;
        }
    }
}
