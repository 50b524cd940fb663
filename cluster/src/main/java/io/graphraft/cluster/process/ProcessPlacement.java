package io.graphraft.cluster.process;

import io.graphraft.cluster.Placement;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.util.Directories;
import io.graphraft.core.util.LoopbackPorts;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every member in a child JVM of this one, on free ports of 127.0.0.1: {@code topology=process}.
 * A member's diagnostics go to {@code node-<i>.log} beside its directory.
 */
public final class ProcessPlacement implements Placement {
    private final Engine engine;
    private final ClusterSpec spec;
    private final List<String> jvmFlags;
    private final String secret = ControlServer.newSecret();
    private final Map<Integer, NodeProcess> processes = new ConcurrentHashMap<>();

    public ProcessPlacement(Engine engine, ClusterSpec spec, List<String> nodeJvmFlags) {
        this.engine = engine;
        this.spec = spec;
        List<String> flags = new ArrayList<>(engine.jvmFlags());
        flags.addAll(nodeJvmFlags);
        this.jvmFlags = List.copyOf(flags);
    }

    @Override
    public List<InetSocketAddress> addresses(int members) {
        return LoopbackPorts.free(members).stream().map(port -> new InetSocketAddress(LoopbackPorts.IPV4, port)).toList();
    }

    @Override
    public Member start(MemberConfig config) {
        NodeProcess process = NodeProcess.start(NodeLaunch.of(engine.name(), spec, config, secret), jvmFlags,
                logFile(config.index()));
        processes.put(config.index(), process);
        return new ControlClient(config.id(), new InetSocketAddress(config.listen().getAddress(), process.controlPort()),
                secret, spec.codec().codec(), process::isAlive, process::kill);
    }

    /** Where member {@code index} writes its diagnostics (kept across restarts and wipes). */
    public Path logFile(int index) {
        return spec.dataDirectory().resolve("node-" + index + ".log");
    }

    /** How the newest start of member {@code index} spent its time, if it ran. */
    @Override
    public Optional<StartPhases> startPhases(int index) {
        return Optional.ofNullable(processes.get(index)).map(NodeProcess::phases);
    }

    @Override
    public void wipe(int index) {
        Directories.deleteRecursively(spec.nodeDirectory(index));
    }

    @Override
    public void pause(int index) {
        process(index).pause();
    }

    @Override
    public void resume(int index) {
        process(index).resume();
    }

    private NodeProcess process(int index) {
        NodeProcess process = processes.get(index);
        if (process == null || !process.isAlive()) {
            throw new EngineUnavailableException("node n" + index + " has no running process");
        }
        return process;
    }

    @Override
    public Optional<String> pauseUnsupported() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "process (a JVM per member on this host)";
    }

    /** Kills any member process still running (each was stopped before, unless a start failed half way). */
    @Override
    public void close() {
        processes.values().forEach(NodeProcess::kill);
    }
}
