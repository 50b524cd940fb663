package io.graphraft.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Graph operations applied, as a JMH secondary result "ops" (per second in throughput mode): a batch
 * invocation applies many operations, so invocations per second is not the number users care about.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class OperationCounter {
    public long ops;

    @Setup(Level.Iteration)
    public void reset() {
        ops = 0;
    }
}
