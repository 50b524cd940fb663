package io.graphraft.bench.run;

import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JVM flags of every benchmark fork, in one place: what each engine on the classpath declares
 * ({@link Engine#jvmFlags()}, e.g. Copycat's {@code --add-opens}), two flags that matter on small
 * machines, the heap, and where the run's files go. The launcher prepends them to every fork
 * (JMH replaces an annotation's {@code jvmArgsAppend} with any the user gives, never the prepend).
 */
public final class ForkFlags {
    /** Every fork's heap. */
    public static final String HEAP = "-Xmx4g";
    /**
     * For benchmarks that hold a million-node graph (a {@code @Fork(jvmArgsAppend = ...)} that
     * follows the launcher's {@link #HEAP}, so it wins).
     */
    public static final String LARGE_HEAP = "-Xmx8g";
    /**
     * More C2 compiler threads than the one a 2-CPU JVM gets: a Ratis fork compiles a lot of code, and
     * with one C2 thread its latency took far longer to settle than the suites' warm-ups. It changes
     * how fast the JIT warms up, not the steady state measured.
     */
    static final String COMPILER_THREADS = "-XX:CICompilerCount=4";
    /**
     * Below a common-pool parallelism of 2, CompletableFuture's default async executor starts a thread
     * per task; engines that use it without an executor (Ratis's follower appendEntries path) then
     * start a thread per append. Set only where the JVM would otherwise have less, so larger machines
     * keep their default. What it changed is in reports/reference/report.md's run and the README.
     */
    static final String COMMON_POOL_PARALLELISM = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

    private ForkFlags() {
    }

    /** Every engine's declared flags (each once) and this machine's compiler and common-pool flags. */
    public static List<String> common() {
        Set<String> flags = new LinkedHashSet<>();
        for (Engine engine : Engines.available()) {
            flags.addAll(engine.jvmFlags());
        }
        flags.add(COMPILER_THREADS);
        if (Runtime.getRuntime().availableProcessors() - 1 < 2) {
            flags.add(COMMON_POOL_PARALLELISM);
        }
        return new ArrayList<>(flags);
    }

    /** How env.json describes the forks' heap. */
    public static String heapDescription() {
        return HEAP + " (" + LARGE_HEAP + " for benchmarks that hold a million-node graph); profiles with forks=0 run"
                + " in the launcher JVM";
    }

    /** What the launcher prepends to every fork: {@link #common()}, the heap, and where the run's files go. */
    public static String[] forRun(Path runDirectory) {
        List<String> flags = common();
        flags.add(HEAP);
        flags.add("-D" + RunDirectory.PROPERTY + "=" + runDirectory);
        flags.add("-D" + DataDirectories.PROPERTY + "=" + DataDirectories.base().toAbsolutePath());
        return flags.toArray(String[]::new);
    }
}
