package io.graphraft.bench.jmh;

import io.graphraft.bench.run.LatencyLog;
import io.graphraft.reports.runfiles.TrialName;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/** A JMH state that owns a {@link LatencyLog} and closes one interval per iteration. */
public abstract class LatencyState {
    public LatencyLog latency;
    /** The trial: benchmark and parameters, the name of every file it writes. */
    protected TrialName name;

    protected void openLatency(TrialName trial) {
        name = trial;
        latency = LatencyLog.open(trial);
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
