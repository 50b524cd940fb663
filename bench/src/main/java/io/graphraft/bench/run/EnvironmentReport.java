package io.graphraft.bench.run;

import io.graphraft.bench.floor.FsyncProbe;
import io.graphraft.bench.floor.LoopbackEcho;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Probes what a run's numbers depend on and fills {@link RunEnvironment} (env.json) with it: JVM and
 * fork flags, OS and kernel, CPUs, the data directory's filesystem, the fsync and loopback floors
 * probed right then, the cost of recording one latency, the engines, and the git revision.
 */
public final class EnvironmentReport {
    static final int FSYNC_SAMPLES = 200;
    static final int RTT_SAMPLES = 2000;

    private EnvironmentReport() {
    }

    /** Probes this machine now; {@code parameters} is kept by reference, so a later write shows what was added. */
    public static RunEnvironment collect(Map<String, Object> parameters) {
        return new RunEnvironment(Instant.now().toString(), gitRevision(), jvm(),
                new RunEnvironment.Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
                new RunEnvironment.Cpu(Runtime.getRuntime().availableProcessors(), cpuModel()),
                dataDirectory(), floor(), recordingOverheadNanos(), engines(), parameters);
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

    /** Medians and tails of the two physical floors, measured now on this machine. */
    static RunEnvironment.Floor floor() {
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
        try (LoopbackEcho echo = new LoopbackEcho()) {
            Histogram rtt = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
            for (int i = 0; i < RTT_SAMPLES; i++) {
                rtt.recordValue(echo.roundTrip());
            }
            rttBytes = LoopbackEcho.MESSAGE_BYTES;
            rttSamples = RTT_SAMPLES;
            rttP50 = rtt.getValueAtPercentile(50) / 1000.0;
            rttP99 = rtt.getValueAtPercentile(99) / 1000.0;
        } catch (IOException e) {
            rttError = e.getMessage();
        }
        return new RunEnvironment.Floor(fsyncBytes, fsyncSamples, fsyncP50, fsyncP99, fsyncError,
                rttBytes, rttSamples, rttP50, rttP99, rttError);
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
