package io.graphraft.cluster;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.util.Directories;
import io.graphraft.core.util.LoopbackPorts;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Every member in this JVM on free ports of 127.0.0.1: {@code topology=jvm}. */
final class InJvmPlacement implements Placement {
    private final Engine engine;
    private final ClusterSpec spec;

    InJvmPlacement(Engine engine, ClusterSpec spec) {
        this.engine = engine;
        this.spec = spec;
    }

    @Override
    public List<InetSocketAddress> addresses(int members) {
        return LoopbackPorts.free(members).stream().map(port -> new InetSocketAddress(LoopbackPorts.IPV4, port)).toList();
    }

    @Override
    public Member start(MemberConfig config) {
        return engine.startMember(spec, config);
    }

    @Override
    public void wipe(int index) {
        Directories.deleteRecursively(spec.nodeDirectory(index));
    }

    @Override
    public void pause(int index) {
        throw new UnsupportedOperationException(pauseUnsupported().orElseThrow());
    }

    @Override
    public void resume(int index) {
        throw new UnsupportedOperationException(pauseUnsupported().orElseThrow());
    }

    @Override
    public Optional<String> pauseUnsupported() {
        return Optional.of("topology=jvm cannot pause a node (a JVM cannot freeze part of itself): use topology=process");
    }

    @Override
    public String describe() {
        return "jvm (every member in this JVM)";
    }

    @Override
    public void close() {
    }
}
