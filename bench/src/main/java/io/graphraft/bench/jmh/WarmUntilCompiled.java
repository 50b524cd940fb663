package io.graphraft.bench.jmh;

import java.time.Duration;
import java.util.Map;

/**
 * A warm-up that lasts until the JIT is done instead of a fixed time: it runs the trial's own operation,
 * window after window, until {@value #QUIET_WINDOWS} windows in a row were quiet — the compiler threads of
 * this JVM and its node JVMs ({@link CompilerThreads}) nearly idle, and the operation's mean time within
 * {@value #STEADY_PERCENT} % of the window before — or a deadline passes.
 * <p>
 * Why: in {@code topology=process} three cold node JVMs compile their engine on 2 cores while the
 * client measures. A sequential writer's mean latency there fell for 25 s (Copycat: 8 ms to 0.65 ms)
 * and for about 60 s (SOFAJRaft 6.7 to 0.75 ms, Ratis 22 to 1.4 ms), the cores busy compiling
 * throughout, so the fixed 12-second warm-up measured the JIT and two runs disagreed by half. Warming
 * with many writes in flight instead went quiet sooner but left the sequential path cold (Ratis's
 * latency then still fell from 3.4 to 1.5 ms while measured): the operation warms its own path. Idle
 * compilers alone were not enough either: after three such windows Ratis's latency still fell from
 * 4 to 1.4 ms, hence the second condition.
 */
final class WarmUntilCompiled {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final int QUIET_WINDOWS = 3;
    /** Compiler threads' CPU, summed over the JVMs, that still counts as quiet: a twentieth of a core. */
    static final double QUIET_CORES = 0.05;
    /** How far a quiet window's mean operation time may lie from the window's before. */
    static final int STEADY_PERCENT = 10;

    /** How the warm-up ended: after how long, whether the JIT went quiet, and its CPU in the last window. */
    record Outcome(Duration took, boolean quiet, double lastWindowCompilerCores) {
        String describe() {
            return String.format("warm-up until the JIT is done: %.1f s, %s (compiler threads %.2f cores in the last window)",
                    took.toMillis() / 1000.0, quiet ? "quiet" : "deadline reached before it was quiet", lastWindowCompilerCores);
        }
    }

    private WarmUntilCompiled() {
    }

    /** Runs {@code operation} over and over until the compiler threads are quiet or {@code deadline} has passed. */
    static Outcome run(Runnable operation, Duration deadline) {
        long start = System.nanoTime();
        if (!CompilerThreads.readable()) {
            return new Outcome(Duration.ZERO, false, Double.NaN);
        }
        int quietWindows = 0;
        double cores = Double.NaN;
        double meanBefore = Double.NaN;
        Map<Long, Long> before = CompilerThreads.cpuNanos();
        while (quietWindows < QUIET_WINDOWS && System.nanoTime() - start < deadline.toNanos()) {
            long windowStart = System.nanoTime();
            long operations = 0;
            while (System.nanoTime() - windowStart < WINDOW.toNanos()) {
                operation.run();
                operations++;
            }
            long windowNanos = System.nanoTime() - windowStart;
            Map<Long, Long> after = CompilerThreads.cpuNanos();
            cores = (double) ProcessCpuProfiler.cpuSince(before, after) / windowNanos;
            before = after;
            double mean = (double) windowNanos / operations;
            boolean steady = Math.abs(mean - meanBefore) <= meanBefore * STEADY_PERCENT / 100;
            meanBefore = mean;
            quietWindows = cores <= QUIET_CORES && steady ? quietWindows + 1 : 0;
        }
        return new Outcome(Duration.ofNanos(System.nanoTime() - start), quietWindows >= QUIET_WINDOWS, cores);
    }
}
