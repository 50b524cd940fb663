package io.graphraft.bench.jmh;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The JIT's compiler threads are found by name in /proc and their CPU time read from the right fields. */
class CompilerThreadsTest {

    @Test
    void compilerThreadsAreKnownByTheirName() {
        assertThat(CompilerThreads.isCompilerThread(ProcStat.parse("4244 (C1 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 1 2 0 0"))).isTrue();
        assertThat(CompilerThreads.isCompilerThread(ProcStat.parse("4242 (C2 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 1 2 0 0"))).isTrue();
        assertThat(CompilerThreads.isCompilerThread(ProcStat.parse("4243 (VM Thread) S 1 2 3 4 5 6 7 8 9 10 1 2 0 0"))).isFalse();
    }

    @Test
    void thisJvmsCompilerThreadsAreAmongThoseRead() throws Exception {
        assumeTrue(CompilerThreads.readable(), "no /proc/self/task on this platform");
        Map<Long, Long> threads = CompilerThreads.cpuNanos();
        assertThat(threads).as("compiler threads of this JVM (the JIT is on in tests)").isNotEmpty();
        for (Long tid : threads.keySet()) {
            Path task = Path.of("/proc/self/task", tid.toString());
            if (Files.exists(task)) { // a compiler thread can retire in between
                assertThat(Files.readString(task.resolve("comm"))).startsWith("C");
            }
        }
    }
}
