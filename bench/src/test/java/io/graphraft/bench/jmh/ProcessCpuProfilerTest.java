package io.graphraft.bench.jmh;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CPU of child processes (node JVMs in topology=process) is counted with the benchmark JVM's own. */
class ProcessCpuProfilerTest {

    @Test
    void aBusyChildProcessesCpuIsCounted() throws IOException {
        // a child JVM that spins until killed
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Spinner.class.getName())
                .redirectErrorStream(true).start();
        try {
            Map<Long, Long> start = ProcessCpuProfiler.childCpuNanos();
            Awaitility.await("the child's CPU time to grow").atMost(Duration.ofSeconds(60))
                    .until(() -> ProcessCpuProfiler.cpuSince(start, ProcessCpuProfiler.childCpuNanos()) > 0);
            assertThat(ProcessCpuProfiler.childCpuNanos()).containsKey(child.pid());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aChildBornDuringTheIterationCountsFromZeroAndOneThatEndedIsLeftOut() {
        Map<Long, Long> start = Map.of(1L, 500L, 2L, 1_000L);
        Map<Long, Long> end = Map.of(1L, 800L, 3L, 50L);
        assertThat(ProcessCpuProfiler.cpuSince(start, end)).isEqualTo(300 + 50);
    }

    /** Spins forever (the test kills it). */
    public static final class Spinner {
        public static void main(String[] args) {
            long x = 0;
            while (true) {
                x += System.nanoTime() & 1;
                if (x == Long.MIN_VALUE) {
                    System.out.println(x);
                }
            }
        }
    }
}
