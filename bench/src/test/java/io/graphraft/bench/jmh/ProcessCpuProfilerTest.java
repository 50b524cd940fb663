package io.graphraft.bench.jmh;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** CPU of child processes (node JVMs in topology=process) is counted with the benchmark JVM's own. */
class ProcessCpuProfilerTest {

    @Test
    void aBusyChildProcessesCpuIsCounted() throws IOException {
        Process child = spinner();
        try {
            DescendantCpu start = DescendantCpu.now();
            Awaitility.await("the child's CPU time to grow").atMost(Duration.ofSeconds(60))
                    .until(() -> DescendantCpu.now().since(start) > 0);
            assertThat(DescendantCpu.now().live()).containsKey(child.pid());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aChildKilledBeforeTheEndIsCountedUpToItsEnd() throws Exception {
        assumeTrue(ProcStat.read(ProcStat.PROC.resolve("self/stat")).isPresent(), "no /proc/self/stat on this platform");
        Process child = spinner();
        try {
            Awaitility.await("the child to be seen").atMost(Duration.ofSeconds(60))
                    .until(() -> DescendantCpu.now().live().containsKey(child.pid()));
            DescendantCpu start = DescendantCpu.now();
            long atStart = start.live().get(child.pid());
            Awaitility.await("the child's CPU time to grow by a second").atMost(Duration.ofSeconds(60))
                    .until(() -> cpuOf(child) - atStart > 1_000_000_000L);
            long burnedBeforeTheKill = cpuOf(child) - atStart;
            child.destroyForcibly().waitFor();

            DescendantCpu end = DescendantCpu.now();
            assertThat(end.live()).doesNotContainKey(child.pid());
            assertThat(end.since(start)).as("CPU since the start, the killed child's included")
                    .isGreaterThanOrEqualTo(burnedBeforeTheKill);
            assertThat(ProcessCpuProfiler.cpuSince(start.live(), end.live()))
                    .as("live descendants alone (what was counted before) miss it").isLessThan(burnedBeforeTheKill);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void livingDescendantsGrowthPlusReapedChildrenLessTheirTimeBeforeTheStart() {
        // 1 and 2 are children, 4 a grandchild; 2 ends with 1,400 in all, reaped; 4 ends too; 3 is born
        DescendantCpu start = new DescendantCpu(Map.of(1L, 500L, 2L, 1_000L, 4L, 300L), Set.of(1L, 2L), 10_000);
        DescendantCpu end = new DescendantCpu(Map.of(1L, 800L, 3L, 50L), Set.of(1L, 3L), 11_400);
        assertThat(end.since(start)).isEqualTo(300 + 50 + 400);
    }

    @Test
    void aChildBornDuringTheIterationCountsFromZeroAndOneThatEndedIsLeftOut() {
        Map<Long, Long> start = Map.of(1L, 500L, 2L, 1_000L);
        Map<Long, Long> end = Map.of(1L, 800L, 3L, 50L);
        assertThat(ProcessCpuProfiler.cpuSince(start, end)).isEqualTo(300 + 50);
    }

    private static long cpuOf(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** A child JVM that spins until killed. */
    private static Process spinner() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Spinner.class.getName())
                .redirectErrorStream(true).start();
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
