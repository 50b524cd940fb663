package io.graphraft.bench.jmh;

import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.load.WriteCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Family 2b — concurrent writers: {@code writers} closed-loop writers, each sending its next
 * CreateNode as soon as its previous one is answered, spread over up to
 * {@value ClientPool#MAX_CLIENTS} independent clients. This is what the engines' group commit and pipelining win. One benchmark
 * invocation waits for one completed write, so JMH's throughput is completed writes per second;
 * each write's latency goes to the HdrHistogram logs (p50/p99 per writer count).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ConcurrentWritersBenchmark {

    @State(Scope.Benchmark)
    public static class Writers {
        @Param({"1", "8", "64"})
        public int writers;

        private ClientPool clients;
        private ClosedLoop loops;

        @Setup(Level.Trial)
        public void openClients(ClusterState cluster) {
            clients = cluster.clientPool(writers);
            loops = ClosedLoop.measured("write", writers, writer -> clients.client(writer).submit(WriteCommands.CREATE_NODE),
                    nanos -> cluster.latency.record(nanos));
        }

        @Setup(Level.Iteration)
        public void startWriters() {
            loops.start();
        }

        @TearDown(Level.Iteration)
        public void stopWriters() {
            loops.stop();
        }

        @TearDown(Level.Trial)
        public void closeClients() {
            loops.close();
            clients.close();
        }
    }

    @Benchmark
    public Object completedWrite(Writers writers) throws InterruptedException {
        return writers.loops.next();
    }

}
