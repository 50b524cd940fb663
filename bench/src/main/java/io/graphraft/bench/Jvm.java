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

    private Jvm() {
    }

    /** What the launcher prepends to every fork: the engine flags and where the run's files go. */
    static String[] forkFlags(java.nio.file.Path runDirectory) {
        return new String[] {OPEN_NIO, OPEN_SUN_NIO_CH,
                "-D" + RunDirectory.PROPERTY + "=" + runDirectory,
                "-D" + DataDirectories.PROPERTY + "=" + DataDirectories.base().toAbsolutePath()};
    }
}
