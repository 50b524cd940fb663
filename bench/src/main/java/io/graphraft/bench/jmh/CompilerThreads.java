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
    private CompilerThreads() {
    }

    /** Whether this platform shows threads' CPU time the way {@link #cpuNanos()} reads it. */
    static boolean readable() {
        return Files.isDirectory(ProcStat.PROC.resolve("self/task"));
    }

    /** CPU nanoseconds of each live compiler thread by thread id (unique across processes on Linux). */
    static Map<Long, Long> cpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> addCompilerThreads(process.pid(), cpu));
        return cpu;
    }

    private static void addCompilerThreads(long pid, Map<Long, Long> cpu) {
        try (Stream<Path> threads = Files.list(ProcStat.PROC.resolve(pid + "/task"))) {
            // a thread that ended while being read has nothing more to count
            threads.forEach(thread -> ProcStat.read(thread.resolve("stat")).filter(CompilerThreads::isCompilerThread)
                    .ifPresent(stat -> cpu.put(Long.parseLong(thread.getFileName().toString()), stat.cpuNanos())));
        } catch (IOException e) {
            // the process ended
        }
    }

    static boolean isCompilerThread(ProcStat stat) {
        return stat.comm().startsWith("C1 CompilerThre") || stat.comm().startsWith("C2 CompilerThre");
    }
}
