package io.graphraft.bench.run;

import io.graphraft.bench.floor.FsyncProbe;
import io.graphraft.network.LinkLayer;
import io.graphraft.network.RoundTripProbe;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.RunFiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Probes what a run's numbers depend on and fills {@link RunEnvironment} (env.json) with it: JVM and
 * fork flags, OS and kernel, CPUs, the data directory's filesystem, the fsync and loopback floors
 * probed right then (a suite probes them again at its end: {@link #floor()}), the cost of recording one latency, the engines, and the git revision.
 */
public final class EnvironmentReport {
    static final int FSYNC_SAMPLES = 200;
    static final int RTT_SAMPLES = 2000;
    /** How the loopback floor and the link layer's own cost are probed: the physical floor, without thread wake-ups. */
    static final RoundTripProbe.Waiting FLOOR_WAITING = RoundTripProbe.Waiting.BUSY_POLL;

    private EnvironmentReport() {
    }

    /**
     * Probes this machine now; {@code parameters} is kept by reference, so a later write shows what was
     * added. The link layer's own cost at rttMs=0 goes in as {@link RunEnvironment#LINK_LAYER_PROBE}.
     */
    public static RunEnvironment collect(Map<String, Object> parameters) {
        parameters.put(RunEnvironment.LINK_LAYER_PROBE, linkLayerOverhead());
        return new RunEnvironment(Instant.now().toString(), gitRevision(), jvm(),
                new RunEnvironment.Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
                new RunEnvironment.Cpu(Runtime.getRuntime().availableProcessors(), cpuModel()),
                dataDirectory(), floor(), recordingOverheadNanos(), engines(), parameters, null);
    }

    private static RunEnvironment.Jvm jvm() {
        return new RunEnvironment.Jvm(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), ForkFlags.common(), ForkFlags.heapDescription(),
                Runtime.getRuntime().maxMemory());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static RunEnvironment.DataDirectory dataDirectory() {
        Path base = DataDirectories.base().toAbsolutePath();
        try {
            FileStore store = Files.getFileStore(base);
            return new RunEnvironment.DataDirectory(base.toString(), store.type(), store.name());
        } catch (IOException e) {
            return new RunEnvironment.DataDirectory(base.toString(), "unknown: " + e.getMessage(), null);
        }
    }

    /** Medians and tails of the two physical floors, measured now on this machine (at a run's start and end). */
    public static RunEnvironment.Floor floor() {
        Integer fsyncBytes = null;
        Integer fsyncSamples = null;
        Double fsyncP50 = null;
        Double fsyncP99 = null;
        String fsyncError = null;
        Path directory = DataDirectories.fresh("env-probe");
        try (FsyncProbe probe = new FsyncProbe(directory)) {
            Histogram fsync = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
            for (int i = 0; i < FSYNC_SAMPLES; i++) {
                fsync.recordValue(probe.appendAndForce());
            }
            fsyncBytes = FsyncProbe.APPEND_BYTES;
            fsyncSamples = FSYNC_SAMPLES;
            fsyncP50 = fsync.getValueAtPercentile(50) / 1000.0;
            fsyncP99 = fsync.getValueAtPercentile(99) / 1000.0;
        } catch (IOException e) {
            fsyncError = e.getMessage();
        } finally {
            Directories.deleteRecursively(directory);
        }
        Integer rttBytes = null;
        Integer rttSamples = null;
        Double rttP50 = null;
        Double rttP99 = null;
        String rttError = null;
        try {
            // Busy polling on both ends: no thread sleeps, so no cross-CPU wake-up is counted (network/README.md, "The loopback floor").
            RoundTripProbe.Result rtt = RoundTripProbe.loopback(FLOOR_WAITING, RTT_SAMPLES / 10, RTT_SAMPLES);
            rttBytes = RoundTripProbe.MESSAGE_BYTES;
            rttSamples = RTT_SAMPLES;
            rttP50 = rtt.p50Micros();
            rttP99 = rtt.p99Micros();
        } catch (RuntimeException e) {
            rttError = String.valueOf(e.getMessage());
        }
        return new RunEnvironment.Floor(fsyncBytes, fsyncSamples, fsyncP50, fsyncP99, fsyncError,
                rttBytes, rttSamples, rttP50, rttP99, rttError);
    }

    /**
     * What the link layer adds to a round trip when it delays nothing (rttMs=0): the same echo probe
     * (busy polling on both ends, as the floor is probed) directly and through a link-layer proxy, measured
     * one after the other; {@code overheadP50Micros} is the difference of their medians. Every trial with
     * an rttMs pays this on each message between members, on top of the round trip asked for.
     */
    static Map<String, Object> linkLayerOverhead() {
        Map<String, Object> probe = new LinkedHashMap<>();
        RoundTripProbe.Waiting waiting = FLOOR_WAITING;
        try (RoundTripProbe.EchoServer member0 = RoundTripProbe.EchoServer.start(waiting);
             RoundTripProbe.EchoServer member1 = RoundTripProbe.EchoServer.start(waiting);
             LinkLayer layer = LinkLayer.start(List.of(member0.address(), member1.address()))) {
            RoundTripProbe.Result direct = RoundTripProbe.measure(member1.address(), waiting, "direct", RTT_SAMPLES / 10,
                    RTT_SAMPLES);
            RoundTripProbe.Result linked = RoundTripProbe.measure(layer.address(0, 1), waiting, "link layer, rtt 0",
                    RTT_SAMPLES / 10, RTT_SAMPLES);
            probe.put("direct", summary(direct));
            probe.put("throughLinkLayer", summary(linked));
            probe.put("overheadP50Micros", linked.p50Micros() - direct.p50Micros());
        } catch (RuntimeException e) {
            probe.put("error", String.valueOf(e.getMessage()));
        }
        return probe;
    }

    /** A probe's figures as env.json reads them back (ints and doubles). */
    private static Map<String, Object> summary(RoundTripProbe.Result result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("path", result.path());
        summary.put("waiting", result.waiting().name());
        summary.put("samples", (int) result.nanos().getTotalCount());
        summary.put("p50Micros", result.p50Micros());
        summary.put("p99Micros", result.p99Micros());
        return summary;
    }

    /** What one {@code Recorder.recordValue} costs here, so it can be subtracted mentally from tiny latencies. */
    static double recordingOverheadNanos() {
        Recorder recorder = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
        int count = 2_000_000;
        for (int i = 0; i < count; i++) {
            recorder.recordValue(1000 + (i & 1023)); // warm up
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            recorder.recordValue(System.nanoTime() - start);
        }
        return (System.nanoTime() - start) / (double) count;
    }

    private static Map<String, RunEnvironment.EngineFacts> engines() {
        Map<String, RunEnvironment.EngineFacts> engines = new LinkedHashMap<>();
        for (Engine engine : Engines.available()) {
            Map<String, String> gaps = new LinkedHashMap<>();
            engine.capabilities().gaps().forEach((capability, reason) -> gaps.put(capability.name(), reason));
            engines.put(engine.name(), new RunEnvironment.EngineFacts(engine.libraryVersions(),
                    engine.durabilitySemantics(), gaps, engine.support().options()));
        }
        return engines;
    }

    private static String gitRevision() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0) {
                Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .redirectErrorStream(true).start();
                boolean modified = !new String(dirty.getInputStream().readAllBytes()).isBlank();
                dirty.waitFor(5, TimeUnit.SECONDS);
                return modified ? out + "+modified" : out;
            }
        } catch (IOException e) {
            return "unknown (git not available)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown (not run from a git checkout)";
    }
}
