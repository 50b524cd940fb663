package io.graphraft.bench.jmh;

import io.graphraft.bench.floor.FsyncProbe;
import io.graphraft.bench.floor.LoopbackEcho;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.core.util.Directories;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Family 3 — the physical floor, measured in the same run as the engines: a durable replicated
 * write cannot beat one fsync plus one loopback round trip. Reports read every write latency as a
 * ratio to these (and the fsync on/off pairs of {@link WriteLatencyBenchmark} as what fsync costs).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FloorBenchmark {

    @State(Scope.Thread)
    public static class Disk extends LatencyState {
        Path directory;
        FsyncProbe probe;

        @Setup(Level.Trial)
        public void open(BenchmarkParams params) throws IOException {
            directory = DataDirectories.fresh("floor");
            probe = new FsyncProbe(directory);
            openLatency(JmhTrials.name(params));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            probe.close();
            closeLatency();
            Directories.deleteRecursively(directory);
        }
    }

    @State(Scope.Thread)
    public static class Network extends LatencyState {
        LoopbackEcho echo;

        @Setup(Level.Trial)
        public void open(BenchmarkParams params) throws IOException {
            echo = new LoopbackEcho();
            openLatency(JmhTrials.name(params));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            echo.close();
            closeLatency();
        }
    }

    @Benchmark
    public long fsync(Disk disk) throws IOException {
        long nanos = disk.probe.appendAndForce();
        disk.latency.record(nanos);
        return nanos;
    }

    @Benchmark
    public long loopbackRoundTrip(Network network) throws IOException {
        long nanos = network.echo.roundTrip();
        network.latency.record(nanos);
        return nanos;
    }
}
