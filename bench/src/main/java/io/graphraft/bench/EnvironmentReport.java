package io.graphraft.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.util.Directories;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code env.json}: what a run's numbers depend on — JVM and flags, OS and kernel, CPUs, the data
 * directory's filesystem, the fsync and loopback floors probed right then, the cost of recording
 * one latency, engine library versions and durability semantics, git revision, and parameters.
 */
public final class EnvironmentReport {
    static final int FSYNC_SAMPLES = 200;
    static final int RTT_SAMPLES = 2000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EnvironmentReport() {
    }

    public static Map<String, Object> collect(Map<String, Object> parameters) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("createdAt", Instant.now().toString());
        env.put("gitRevision", gitRevision());
        env.put("jvm", jvm());
        env.put("os", Map.of(
                "name", System.getProperty("os.name"),
                "kernel", System.getProperty("os.version"),
                "arch", System.getProperty("os.arch")));
        env.put("cpu", Map.of(
                "count", Runtime.getRuntime().availableProcessors(),
                "model", cpuModel()));
        env.put("dataDirectory", dataDirectory());
        env.put("floor", floor());
        env.put("recordingOverheadNanos", recordingOverheadNanos());
        env.put("engines", engines());
        env.put("parameters", parameters);
        return env;
    }

    public static void write(Path runDirectory, Map<String, Object> env) {
        try {
            JSON.writeValue(runDirectory.resolve("env.json").toFile(), env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write env.json", e);
        }
    }

    private static Map<String, Object> jvm() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        jvm.put("launcherFlags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        jvm.put("forkFlags", Jvm.engineFlags());
        jvm.put("forkHeap", Jvm.HEAP + " (SnapshotRecoveryBenchmark: -Xmx8g); profiles with forks=0 run in this JVM");
        jvm.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return jvm;
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

    private static Map<String, Object> dataDirectory() {
        Path base = DataDirectories.base().toAbsolutePath();
        Map<String, Object> dir = new LinkedHashMap<>();
        dir.put("path", base.toString());
        try {
            FileStore store = Files.getFileStore(base);
            dir.put("filesystem", store.type());
            dir.put("device", store.name());
        } catch (IOException e) {
            dir.put("filesystem", "unknown: " + e.getMessage());
        }
        return dir;
    }

    /** Medians and tails of the two physical floors, measured now on this machine. */
    static Map<String, Object> floor() {
        Map<String, Object> floor = new LinkedHashMap<>();
        Path directory = DataDirectories.fresh("env-probe");
        try (FsyncProbe probe = new FsyncProbe(directory)) {
            Histogram fsync = new Histogram(LatencyLog.SIGNIFICANT_DIGITS);
            for (int i = 0; i < FSYNC_SAMPLES; i++) {
                fsync.recordValue(probe.appendAndForce());
            }
            floor.put("fsyncAppendBytes", FsyncProbe.APPEND_BYTES);
            floor.put("fsyncSamples", FSYNC_SAMPLES);
            floor.put("fsyncP50Micros", fsync.getValueAtPercentile(50) / 1000.0);
            floor.put("fsyncP99Micros", fsync.getValueAtPercentile(99) / 1000.0);
        } catch (IOException e) {
            floor.put("fsyncError", e.getMessage());
        } finally {
            Directories.deleteRecursively(directory);
        }
        try (LoopbackEcho echo = new LoopbackEcho()) {
            Histogram rtt = new Histogram(LatencyLog.SIGNIFICANT_DIGITS);
            for (int i = 0; i < RTT_SAMPLES; i++) {
                rtt.recordValue(echo.roundTrip());
            }
            floor.put("loopbackMessageBytes", LoopbackEcho.MESSAGE_BYTES);
            floor.put("loopbackSamples", RTT_SAMPLES);
            floor.put("loopbackRttP50Micros", rtt.getValueAtPercentile(50) / 1000.0);
            floor.put("loopbackRttP99Micros", rtt.getValueAtPercentile(99) / 1000.0);
        } catch (IOException e) {
            floor.put("loopbackError", e.getMessage());
        }
        return floor;
    }

    /** What one {@code Recorder.recordValue} costs here, so it can be subtracted mentally from tiny latencies. */
    static double recordingOverheadNanos() {
        Recorder recorder = new Recorder(LatencyLog.SIGNIFICANT_DIGITS);
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

    private static Map<String, Object> engines() {
        Map<String, Object> engines = new LinkedHashMap<>();
        for (Engine engine : Engines.available()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("libraries", engine.libraryVersions());
            facts.put("durability", engine.durabilitySemantics());
            facts.put("capabilityGaps", engine.capabilities().gaps());
            facts.put("options", engine.support().options());
            engines.put(engine.name(), facts);
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
