package io.graphraft.network;

import io.graphraft.network.RoundTripProbe.EchoServer;
import io.graphraft.network.RoundTripProbe.Result;
import io.graphraft.network.RoundTripProbe.Waiting;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The measurements behind network/README.md, run by hand on a quiet machine (not a test: tests never
 * assert timings). Run while holding the build lock, see the README for the command.
 *
 * <pre>
 * NetworkMeasurements floor      # the loopback floor: bench's LoopbackEcho cold and warm, probe modes, a CPU kept busy
 * NetworkMeasurements overhead   # the link layer at rtt=0: direct vs through a proxy pair, epoll and NIO
 * NetworkMeasurements accuracy   # round trips through the link layer at rtt 0.5, 2, 10 ms, epoll and NIO
 * </pre>
 */
public final class NetworkMeasurements {
    private static final int SAMPLES = 20_000;
    private static final int WARMUP = 20_000;

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "floor" : args[0];
        switch (what) {
            case "floor" -> floor();
            case "overhead" -> overhead();
            case "accuracy" -> accuracy();
            default -> throw new IllegalArgumentException("unknown measurement '" + what + "' (floor, overhead, accuracy)");
        }
    }

    /** Why the floor read 55 us, 14 us or 5 us: same socket code, different waiting and CPU states. */
    private static void floor() throws Exception {
        Interrupts before = Interrupts.read();
        // 1. exactly what EnvironmentReport does, first thing in a fresh JVM: 2000 samples, no warm-up
        report("bench LoopbackEcho, cold JVM, 2000 samples (the launcher's probe)", loopbackEcho(0, 2000), before);
        // 2. the same code once the JIT is done and nothing else runs (a JMH fork after warm-up)
        Interrupts mark = Interrupts.read();
        report("bench LoopbackEcho, warm (20000 warm-up), 20000 samples", loopbackEcho(WARMUP, SAMPLES), mark);
        // 3. the same, while another thread keeps a CPU from going idle (as JIT threads do at JVM start)
        AtomicBoolean spinning = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (spinning.get()) {
                x++;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "spinner");
        spinner.setDaemon(true);
        spinner.start();
        mark = Interrupts.read();
        report("bench LoopbackEcho, warm, with a third thread spinning", loopbackEcho(WARMUP, SAMPLES), mark);
        spinning.set(false);
        spinner.join();
        // 4. the probe: blocking (same as LoopbackEcho) and busy polling (no wake-ups)
        mark = Interrupts.read();
        report("RoundTripProbe BLOCKING", RoundTripProbe.loopback(Waiting.BLOCKING, WARMUP, SAMPLES).nanos(), mark);
        if (Runtime.getRuntime().availableProcessors() > 1) {
            mark = Interrupts.read();
            report("RoundTripProbe BUSY_POLL", RoundTripProbe.loopback(Waiting.BUSY_POLL, WARMUP, SAMPLES).nanos(), mark);
        }
    }

    /**
     * Round trips through a proxy pair at rtt=0 against the same echo directly. On 2 CPUs only the
     * BLOCKING pair is fair: with BUSY_POLL the two spinning threads leave the proxy no CPU of its own.
     */
    private static void overhead() {
        for (Waiting waiting : Waiting.values()) {
            for (EventLoopTransport transport : EventLoopTransport.values()) {
                try (EchoServer echo = EchoServer.start(waiting);
                     EchoServer unused = EchoServer.start(waiting);
                     LinkLayer layer = LinkLayer.builder(List.of(unused.address(), echo.address()))
                             .transport(transport).start()) {
                    Result direct = RoundTripProbe.measure(echo.address(), waiting, "direct", WARMUP, SAMPLES);
                    Result proxied = RoundTripProbe.measure(layer.address(0, 1), waiting, "link " + transport + " rtt=0",
                            WARMUP, SAMPLES);
                    System.out.println(direct);
                    System.out.println(proxied);
                    System.out.printf("  overhead p50 %.1f us, p99 %.1f us%n",
                            proxied.p50Micros() - direct.p50Micros(), proxied.p99Micros() - direct.p99Micros());
                }
            }
        }
    }

    /**
     * How close a round trip through the link layer comes to the RTT it was set to. Client and echo
     * block (as engines' event loops do): two busy-polling threads would take both CPUs of a
     * 2-CPU machine from the proxy's event loop and measure the scheduler instead.
     */
    private static void accuracy() {
        for (EventLoopTransport transport : EventLoopTransport.values()) {
            for (double rttMs : new double[]{0.5, 2, 10}) {
                try (EchoServer echo = EchoServer.start(Waiting.BLOCKING);
                     EchoServer unused = EchoServer.start(Waiting.BLOCKING);
                     LinkLayer layer = LinkLayer.builder(List.of(unused.address(), echo.address()))
                             .transport(transport).start()) {
                    layer.setRtt(Duration.ofNanos((long) (rttMs * 1_000_000)));
                    int samples = (int) Math.min(2_000, 10_000 / rttMs);
                    Result result = RoundTripProbe.measure(layer.address(0, 1), Waiting.BLOCKING,
                            transport + " rtt=" + rttMs + "ms", 50, samples);
                    Histogram late = layer.takeReleaseLateness();
                    System.out.printf("%s  -> p50 error %+.1f%%; release lateness p50 %.1f us, p99 %.1f us%n", result,
                            (result.p50Micros() / (rttMs * 1000) - 1) * 100,
                            late.getValueAtPercentile(50) / 1000.0, late.getValueAtPercentile(99) / 1000.0);
                }
            }
        }
    }

    /** bench's LoopbackEcho, when benchmarks.jar is on the class path (reflection: this module does not depend on bench). */
    private static Histogram loopbackEcho(int warmup, int samples) throws Exception {
        Class<?> type = Class.forName("io.graphraft.bench.floor.LoopbackEcho");
        Object echo = type.getConstructor().newInstance();
        Method roundTrip = type.getMethod("roundTrip");
        try {
            for (int i = 0; i < warmup; i++) {
                roundTrip.invoke(echo);
            }
            Histogram histogram = new Histogram(3);
            for (int i = 0; i < samples; i++) {
                histogram.recordValue((Long) roundTrip.invoke(echo));
            }
            return histogram;
        } finally {
            ((AutoCloseable) echo).close();
        }
    }

    private static void report(String what, Histogram nanos, Interrupts before) throws IOException {
        Interrupts after = Interrupts.read();
        double count = nanos.getTotalCount();
        System.out.printf("%-66s p50 %6.1f us  p90 %6.1f us  p99 %6.1f us | per round trip: %.2f wake-up IPIs (RES+CAL), %.2f timer irqs%n",
                what, nanos.getValueAtPercentile(50) / 1000.0, nanos.getValueAtPercentile(90) / 1000.0,
                nanos.getValueAtPercentile(99) / 1000.0,
                (after.ipis - before.ipis) / count, (after.timer - before.timer) / count);
    }

    /**
     * Totals over all CPUs from /proc/interrupts: RES and CAL (reschedule and function-call IPIs: how a
     * thread is woken on another, idle CPU; current kernels queue remote wake-ups through CAL) and LOC
     * (local timer).
     */
    private record Interrupts(long ipis, long timer) {
        static Interrupts read() throws IOException {
            long ipis = 0;
            long timer = 0;
            for (String line : Files.readAllLines(Path.of("/proc/interrupts"))) {
                String trimmed = line.trim();
                if (trimmed.startsWith("RES:") || trimmed.startsWith("CAL:")) {
                    ipis += sum(trimmed);
                } else if (trimmed.startsWith("LOC:")) {
                    timer = sum(trimmed);
                }
            }
            return new Interrupts(ipis, timer);
        }

        private static long sum(String line) {
            long total = 0;
            for (String field : line.substring(4).trim().split("\\s+")) {
                if (!field.chars().allMatch(Character::isDigit)) {
                    break;
                }
                total += Long.parseLong(field);
            }
            return total;
        }
    }

    private NetworkMeasurements() {
    }
}
