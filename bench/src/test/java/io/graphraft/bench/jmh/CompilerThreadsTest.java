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
    void aStatLineIsReadByNameAndCpuFieldsEvenWithSpacesAndParenthesesInTheName() {
        String compiler = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 2000 0 0 0 538 41 0 0 20 0 30 0 1000 0 0";
        String other = "4243 (weird) name)) R 1 4200 4200 0 -1 1077936192 2000 0 0 0 7 3 0 0 20 0 30 0 1000 0 0";
        assertThat(CompilerThreads.isCompilerThread(compiler)).isTrue();
        assertThat(CompilerThreads.cpuTicks(compiler)).isEqualTo(538 + 41);
        assertThat(CompilerThreads.isCompilerThread(other)).isFalse();
        assertThat(CompilerThreads.cpuTicks(other)).isEqualTo(7 + 3);
        assertThat(CompilerThreads.isCompilerThread("4244 (C1 CompilerThre) S 1 2 3 4 5 6 7 8 9 10 1 2 0 0")).isTrue();
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
