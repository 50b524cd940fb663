package io.graphraft.bench.trial;

import io.graphraft.bench.run.DataDirectories;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.Setting;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One trial of an engine benchmark, from its string parameters (JMH's, a suite step's, or the load
 * command's options): the {@link Engine}, the {@link ClusterSpec} it runs, why it cannot run (skip
 * reason) and its {@link TrialName}. This is the one place where parameters become settings:
 * <ul>
 *   <li>a parameter named after a {@link Setting} ({@link Setting#parameter()}: {@code nodes},
 *       {@code durability}, {@code codec}, {@code store}, {@code electionTimeoutMs}, ...) sets it, parsed
 *       and validated by the setting; {@value TrialParameters#ENGINE_DEFAULT} leaves the engine's own;</li>
 *   <li>a missing common parameter takes its default from {@link TrialParameters#DEFAULTS};</li>
 *   <li>{@code options} are engine options, {@code key=value;key=value};</li>
 *   <li>{@code electionTimeoutMs} also sets a heartbeat of a sixth of it where the engine has one;</li>
 *   <li>the benchmark's {@link Workload} adds its capabilities, node rule and settings.</li>
 * </ul>
 * A new cluster setting is a {@link Setting} and, for JMH, a {@code @Param} field of that name.
 */
public final class Trial {
    private final BenchmarkId benchmark;
    private final Map<String, String> params;
    private final Engine engine;
    private final Workload workload;

    private Trial(BenchmarkId benchmark, Map<String, String> params) {
        this.benchmark = benchmark;
        this.params = Map.copyOf(params);
        String name = params.get(TrialParameters.ENGINE);
        if (name == null) {
            throw new IllegalArgumentException(benchmark + " has no engine parameter");
        }
        this.engine = Engines.byName(name);
        this.workload = Workload.of(benchmark);
    }

    /**
     * @throws IllegalArgumentException naming the engine if none of that name is on the classpath
     */
    public static Trial of(BenchmarkId benchmark, Map<String, String> params) {
        return new Trial(benchmark, params);
    }

    public BenchmarkId benchmark() {
        return benchmark;
    }

    public Engine engine() {
        return engine;
    }

    /** A parameter as given, else the harness's default for it (null if it has none). */
    public String param(String key) {
        return params.getOrDefault(key, TrialParameters.DEFAULTS.get(key));
    }

    /** The name its files carry: the benchmark and the parameters as given. */
    public TrialName name() {
        return TrialName.of(benchmark, params);
    }

    /** The parameters a cluster setting comes from, defaults included (for env.json and the load command). */
    public Map<String, String> clusterParams() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(TrialParameters.ENGINE, engine.name());
        for (Setting<?> setting : Setting.ALL) {
            String value = param(setting.parameter());
            if (value != null) {
                out.put(setting.parameter(), value);
            }
        }
        out.put(TrialParameters.OPTIONS, param(TrialParameters.OPTIONS));
        return out;
    }

    /**
     * The spec this trial runs in {@code dataDirectory}.
     *
     * @throws IllegalArgumentException naming the parameter if a value does not parse or is invalid
     */
    public ClusterSpec.Builder spec(Path dataDirectory) {
        ClusterSpec.Builder spec = ClusterSpec.builder(dataDirectory);
        for (Setting<?> setting : Setting.ALL) {
            String value = param(setting.parameter());
            if (value != null && !TrialParameters.ENGINE_DEFAULT.equals(value)) {
                spec.parse(setting, value);
            }
        }
        spec.options(param(TrialParameters.OPTIONS));
        withHeartbeat(spec);
        return workload.tuning().apply(engine, spec);
    }

    /** An election timeout set without a heartbeat gets a sixth of it as heartbeat, where the engine has one. */
    private void withHeartbeat(ClusterSpec.Builder spec) {
        ClusterSpec given = spec.build();
        Optional<Duration> election = given.electionTimeout();
        if (election.isPresent() && given.heartbeatInterval().isEmpty()) {
            ClusterSpec withHeartbeat = given.toBuilder().heartbeatInterval(election.get().dividedBy(6)).build();
            if (engine.unsupported(withHeartbeat).isEmpty()) {
                spec.heartbeatInterval(election.get().dividedBy(6));
            }
        }
    }

    /**
     * Why this trial cannot run: a capability the engine lacks, a node count the benchmark cannot use,
     * or a setting the engine does not support; empty if it can.
     *
     * @throws IllegalArgumentException if a parameter is invalid (a mistake, not a reason to skip)
     */
    public Optional<String> skipReason() {
        int nodes = Setting.NODES.parse(param(TrialParameters.NODES));
        Optional<String> unmet = workload.unmet(engine, nodes);
        if (unmet.isPresent()) {
            return unmet;
        }
        Path probe = DataDirectories.fresh("probe");
        try {
            return engine.unsupported(spec(probe).build());
        } finally {
            Directories.deleteRecursively(probe);
        }
    }

    /** @throws UnsupportedSettingException with the {@link #skipReason()} if the trial cannot run */
    public void requireRunnable() {
        skipReason().ifPresent(reason -> {
            throw new UnsupportedSettingException(reason);
        });
    }

    @Override
    public String toString() {
        return name().fileName();
    }
}
