package io.graphraft.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) of this
 * JVM and of every process it started (the node JVMs of {@code topology=process}), read per thread from
 * Linux's {@code /proc/<pid>/task/<tid>/stat}. HotSpot starts and retires compiler threads as its queue
 * grows and shrinks, so two readings are compared thread by thread ({@link ProcessCpuProfiler#cpuSince}).
 */
final class CompilerThreads {
    private static final Path PROC = Path.of("/proc");
    /** Linux reports thread CPU time in clock ticks of USER_HZ, 100 per second on every architecture Java runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;

    private CompilerThreads() {
    }

    /** Whether this platform shows threads' CPU time the way {@link #cpuNanos()} reads it. */
    static boolean readable() {
        return Files.isDirectory(PROC.resolve("self/task"));
    }

    /** CPU nanoseconds of each live compiler thread by thread id (unique across processes on Linux). */
    static Map<Long, Long> cpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> addCompilerThreads(process.pid(), cpu));
        return cpu;
    }

    private static void addCompilerThreads(long pid, Map<Long, Long> cpu) {
        try (Stream<Path> threads = Files.list(PROC.resolve(pid + "/task"))) {
            threads.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    if (isCompilerThread(stat)) {
                        cpu.put(Long.parseLong(thread.getFileName().toString()), cpuTicks(stat) * NANOS_PER_TICK);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread or process ended while being read: it has nothing more to count
                }
            });
        } catch (IOException e) {
            // the process ended
        }
    }

    /** {@code stat} is {@code tid (comm) state ...}; comm is the thread's name cut to 15 characters. */
    static boolean isCompilerThread(String stat) {
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** utime + stime: fields 14 and 15 of stat, that is the 12th and 13th after the closing parenthesis. */
    static long cpuTicks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }
}
