package io.graphraft.reports.runfiles;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code env.json}: what a run's numbers depend on — JVM and flags, OS and kernel, CPUs, the data
 * directory's filesystem, the fsync and loopback floors probed at the start, the cost of recording
 * one latency, the engines on the classpath, the git revision, and the run's parameters (what ran,
 * what was skipped and why). Fields a file lacks are null (nested records empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEnvironment(String createdAt, String gitRevision, Jvm jvm, Os os, Cpu cpu,
                             DataDirectory dataDirectory, Floor floor, Double recordingOverheadNanos,
                             Map<String, EngineFacts> engines, Map<String, Object> parameters) {

    public RunEnvironment {
        jvm = jvm != null ? jvm : new Jvm(null, null, null, null, null, null, null);
        os = os != null ? os : new Os(null, null, null);
        cpu = cpu != null ? cpu : new Cpu(null, null);
        dataDirectory = dataDirectory != null ? dataDirectory : new DataDirectory(null, null, null);
        floor = floor != null ? floor : new Floor(null, null, null, null, null, null, null, null, null, null);
        engines = engines != null ? engines : new LinkedHashMap<>();
        parameters = parameters != null ? parameters : new LinkedHashMap<>();
    }

    /** The JVM that launched the run and the flags its benchmark forks got. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jvm(String version, String vendor, String vm, List<String> launcherFlags, List<String> forkFlags,
                      String forkHeap, Long maxHeapBytes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Os(String name, String kernel, String arch) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Integer count, String model) {
    }

    /** Where clusters kept their files: what fsync was measured on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataDirectory(String path, String filesystem, String device) {
    }

    /** The physical floors probed when the run began; an error instead where a probe failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Floor(Integer fsyncAppendBytes, Integer fsyncSamples, Double fsyncP50Micros, Double fsyncP99Micros,
                        String fsyncError, Integer loopbackMessageBytes, Integer loopbackSamples,
                        Double loopbackRttP50Micros, Double loopbackRttP99Micros, String loopbackError) {
    }

    /** An engine on the classpath: library versions, what durability means for it, capability gaps, options. */
    public record EngineFacts(Map<String, String> libraries, String durability, Map<String, String> capabilityGaps,
                              Map<String, List<String>> options) {
    }

    /** An environment with nothing known (a run folder without env.json). */
    public static RunEnvironment unknown() {
        return new RunEnvironment(null, null, null, null, null, null, null, null, null, null);
    }

    /** Writes {@code env.json} into the run folder. */
    public Path write(Path run) {
        return RunJson.write(run.resolve(RunFiles.ENV), this);
    }

    /** Reads the run folder's {@code env.json}, or {@link #unknown()} if it has none. */
    public static RunEnvironment read(Path run) {
        Path file = run.resolve(RunFiles.ENV);
        return Files.exists(file) ? RunJson.read(file, RunEnvironment.class) : unknown();
    }
}
