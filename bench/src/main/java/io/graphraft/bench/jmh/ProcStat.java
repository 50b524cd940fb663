package io.graphraft.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of Linux's {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}:
 * {@code id (comm) state ppid ...}, where comm, the name cut to 15 characters, may hold spaces and
 * parentheses. Times are in clock ticks of USER_HZ, 100 per second on every architecture Java runs on.
 */
record ProcStat(String comm, String[] afterComm) {
    static final Path PROC = Path.of("/proc");
    private static final long NANOS_PER_TICK = 10_000_000;

    static ProcStat parse(String line) {
        int close = line.lastIndexOf(')');
        return new ProcStat(line.substring(line.indexOf('(') + 1, close), line.substring(close + 2).trim().split(" "));
    }

    /** The stat of {@code file}, empty if it cannot be read (its process or thread ended, or no /proc). */
    static Optional<ProcStat> read(Path file) {
        try {
            return Optional.of(parse(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime + stime (fields 14 and 15): CPU the process or thread used itself. */
    long cpuNanos() {
        return ticks(14) + ticks(15);
    }

    /** cutime + cstime (fields 16 and 17): CPU of the process's children that ended and that it waited for. */
    long reapedChildrenCpuNanos() {
        return ticks(16) + ticks(17);
    }

    /** Field {@code field} of stat (1-based, as {@code man proc} numbers them), in nanoseconds. */
    private long ticks(int field) {
        return Long.parseLong(afterComm[field - 3]) * NANOS_PER_TICK;
    }
}
