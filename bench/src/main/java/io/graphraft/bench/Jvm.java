package io.graphraft.bench;

/**
 * JVM flags every benchmark fork gets ({@code @Fork(jvmArgsAppend = ...)}), so nobody has to know
 * them: Copycat's Catalyst/Netty reflect into java.nio on Java 17; without the opens two non-daemon
 * threads keep a fork alive.
 */
final class Jvm {
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String OPEN_SUN_NIO_CH = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String HEAP = "-Xmx4g";

    private Jvm() {
    }
}
