package io.graphraft.bench;

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

    /** The flags every fork gets from the launcher, whatever the benchmark. */
    static final java.util.List<String> FORK_FLAGS = java.util.List.of(OPEN_NIO, OPEN_SUN_NIO_CH, COMPILER_THREADS);

    private Jvm() {
    }

    /** What the launcher prepends to every fork: the engine flags and where the run's files go. */
    static String[] forkFlags(java.nio.file.Path runDirectory) {
        java.util.List<String> flags = new java.util.ArrayList<>(FORK_FLAGS);
        flags.add("-D" + RunDirectory.PROPERTY + "=" + runDirectory);
        flags.add("-D" + DataDirectories.PROPERTY + "=" + DataDirectories.base().toAbsolutePath());
        return flags.toArray(String[]::new);
    }
}
