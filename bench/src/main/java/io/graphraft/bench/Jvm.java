package io.graphraft.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM flags every benchmark fork gets, so nobody has to know them: Copycat's Catalyst/Netty reflect
 * into java.nio on Java 17 (without the opens, servers fail to build and two non-daemon threads keep
 * a fork alive). The benchmarks' {@code @Fork(jvmArgsAppend = ...)} carry them for plain JMH runs;
 * the launcher prepends them too, because any -jvmArgsAppend given to JMH replaces the annotation's.
 */
final class Jvm {
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String OPEN_SUN_NIO_CH = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String HEAP = "-Xmx4g";
    /**
     * Three C2 compiler threads instead of the one a 2-CPU JVM gets: a Ratis fork compiles ~18 s of
     * CPU worth of code, and with one C2 thread its 3-node p50 settled only after ~25 s of warm-up
     * (after ~15 s with this). It changes how fast the JIT warms up, not the steady state measured.
     */
    static final String COMPILER_THREADS = "-XX:CICompilerCount=4";

    /**
     * On 2 CPUs the common pool's parallelism is 1, and then CompletableFuture's default async
     * executor starts a new thread for every task. Ratis's follower appendEntries path uses
     * thenComposeAsync without an executor, so each append started a thread; a parallelism of 2 makes
     * it use the common pool (Ratis 3-node sequential p50 1.29 → 0.86 ms here, Copycat unchanged).
     * Set only where the JVM would otherwise have less, so larger machines keep their default.
     */
    static final String COMMON_POOL_PARALLELISM = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

    /** The flags every fork gets from the launcher, whatever the benchmark, on this machine. */
    static List<String> engineFlags() {
        List<String> flags = new ArrayList<>(List.of(OPEN_NIO, OPEN_SUN_NIO_CH, COMPILER_THREADS));
        if (Runtime.getRuntime().availableProcessors() - 1 < 2) {
            flags.add(COMMON_POOL_PARALLELISM);
        }
        return flags;
    }

    private Jvm() {
    }

    /** What the launcher prepends to every fork: the engine flags and where the run's files go. */
    static String[] forkFlags(Path runDirectory) {
        List<String> flags = engineFlags();
        flags.add("-D" + RunDirectory.PROPERTY + "=" + runDirectory);
        flags.add("-D" + DataDirectories.PROPERTY + "=" + DataDirectories.base().toAbsolutePath());
        return flags.toArray(String[]::new);
    }
}
