package io.graphraft.bench;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.util.Directories;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs a suite: expands each step into parameter combinations, skips (with the engine's reason)
 * those an engine cannot run, runs each remaining combination as its own JMH run, and writes all
 * results as one {@code jmh-result.json} with {@code env.json} beside it.
 */
public final class SuiteRunner {
    private final Path runDirectory;
    private final List<String> engineFilter;
    private final PrintStream out;
    private final List<Map<String, Object>> ran = new ArrayList<>();
    private final List<Map<String, Object>> skipped = new ArrayList<>();
    private final List<Map<String, Object>> failed = new ArrayList<>();

    public SuiteRunner(Path runDirectory, List<String> engineFilter, PrintStream out) {
        this.runDirectory = runDirectory;
        this.engineFilter = engineFilter;
        this.out = out;
    }

    /** Runs every step; returns true if every combination that could run did. */
    public boolean run(String profile, List<SuiteStep> steps) {
        System.setProperty(RunDirectory.PROPERTY, runDirectory.toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("profile", profile);
        parameters.put("engines", engineFilter.isEmpty() ? "all available" : engineFilter);
        out.println("Probing the environment (fsync and loopback floors) ...");
        Map<String, Object> env = EnvironmentReport.collect(parameters);
        EnvironmentReport.write(runDirectory, env);

        List<RunResult> results = new ArrayList<>();
        for (SuiteStep step : steps) {
            for (Map<String, String> combination : combinations(step)) {
                Optional<String> reason = whyNot(step, combination);
                if (reason.isPresent()) {
                    out.println("skip " + step.benchmark() + " " + combination + ": " + reason.get());
                    skipped.add(Map.of("benchmark", step.benchmark(), "params", combination, "reason", reason.get()));
                    continue;
                }
                out.println();
                out.println(">>> " + step.benchmark() + " " + combination);
                try {
                    results.addAll(new Runner(options(step, combination)).run());
                    ran.add(Map.of("benchmark", step.benchmark(), "params", combination));
                    writeResults(results); // after every run, so an interrupted suite keeps what it measured
                } catch (RunnerException e) {
                    out.println("FAILED " + step.benchmark() + " " + combination + ": " + e.getMessage());
                    failed.add(Map.of("benchmark", step.benchmark(), "params", combination,
                            "error", String.valueOf(e.getMessage())));
                }
            }
        }
        writeResults(results);
        parameters.put("ran", ran);
        parameters.put("skipped", skipped);
        parameters.put("failed", failed);
        EnvironmentReport.write(runDirectory, env);
        out.println();
        out.printf("%d benchmark runs, %d skipped, %d failed. Results: %s%n", ran.size(), skipped.size(),
                failed.size(), runDirectory);
        return failed.isEmpty();
    }

    private void writeResults(List<RunResult> results) {
        Path json = runDirectory.resolve("jmh-result.json");
        try (PrintStream file = new PrintStream(json.toFile(), "UTF-8")) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, file).writeOut(results);
        } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
            throw new UncheckedIOException(new java.io.IOException("cannot write " + json, e));
        }
    }

    org.openjdk.jmh.runner.options.Options options(SuiteStep step, Map<String, String> combination) {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(step.qualifiedName()) + "$")
                .shouldFailOnError(true)
                .addProfiler(ProcessCpuProfiler.class)
                .jvmArgsPrepend(Jvm.forkFlags(runDirectory));
        combination.forEach(builder::param);
        SuiteStep.Timing timing = step.timing();
        if (timing.forks() != null) {
            builder.forks(timing.forks());
        }
        if (timing.warmupIterations() != null) {
            builder.warmupIterations(timing.warmupIterations());
        }
        if (timing.warmupMillis() != null) {
            builder.warmupTime(TimeValue.milliseconds(timing.warmupMillis()));
        }
        if (timing.iterations() != null) {
            builder.measurementIterations(timing.iterations());
        }
        if (timing.iterationMillis() != null) {
            builder.measurementTime(TimeValue.milliseconds(timing.iterationMillis()));
        }
        return builder.build();
    }

    private boolean engineWanted(String engine) {
        return engineFilter.isEmpty() || engineFilter.contains(engine);
    }

    /** Every combination of the step's values and, for an unlisted engine parameter, every engine. */
    List<Map<String, String>> combinations(SuiteStep step) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        Map<String, String[]> declared = declaredParams(step);
        if (declared.containsKey("engine") && !step.params().containsKey("engine")) {
            List<String> engines = Engines.available().stream().map(Engine::name)
                    .filter(this::engineWanted).toList();
            axes.put("engine", engines);
        }
        step.params().forEach((key, values) -> {
            if (!declared.containsKey(key)) {
                throw new IllegalArgumentException(step.benchmark() + " has no parameter '" + key + "' (parameters: "
                        + declared.keySet() + ")");
            }
            axes.put(key, "engine".equals(key) ? values.stream().filter(this::engineWanted).toList() : values);
        });
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.getValue()) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** Why the combination cannot run (unsupported setting or missing capability), or empty. */
    Optional<String> whyNot(SuiteStep step, Map<String, String> combination) {
        String engineName = combination.get("engine");
        if (engineName == null) {
            return Optional.empty();
        }
        Engine engine = Engines.byName(engineName);
        for (Class<?> state : states(step)) {
            Optional<String> missing = ClusterState.missingCapability(engine, state);
            if (missing.isPresent()) {
                return missing;
            }
        }
        Path probe = DataDirectories.fresh("probe");
        try {
            Map<String, String> defaults = defaults(step);
            ClusterSpec.Builder spec = ClusterState.spec(probe,
                    Integer.parseInt(value("nodes", combination, defaults, "1")),
                    value("durability", combination, defaults, "fsync"),
                    value("codec", combination, defaults, "binary"),
                    value("store", combination, defaults, "heap"),
                    value("options", combination, defaults, ""));
            String timeouts = combination.get("electionTimeoutMs");
            if (timeouts != null) {
                spec = ElectionTimeouts.apply(engineName, timeouts, spec);
            }
            return engine.unsupported(spec.build());
        } finally {
            Directories.deleteRecursively(probe);
        }
    }

    private static String value(String key, Map<String, String> combination, Map<String, String> defaults, String fallback) {
        return combination.getOrDefault(key, defaults.getOrDefault(key, fallback));
    }

    private Map<String, String> defaults(SuiteStep step) {
        Map<String, String> defaults = new LinkedHashMap<>();
        declaredParams(step).forEach((key, values) -> defaults.put(key, values[0]));
        return defaults;
    }

    private Map<String, String[]> declaredParams(SuiteStep step) {
        Map<String, String[]> params = new LinkedHashMap<>();
        for (Class<?> state : states(step)) {
            for (Class<?> c = state; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Param param = field.getAnnotation(Param.class);
                    if (param != null) {
                        params.putIfAbsent(field.getName(), param.value());
                    }
                }
            }
        }
        return params;
    }

    /** The @State classes the benchmark method uses, directly or through their @Setup methods. */
    static Set<Class<?>> states(SuiteStep step) {
        String name = step.qualifiedName();
        int dot = name.lastIndexOf('.');
        try {
            Class<?> benchmark = Class.forName(name.substring(0, dot));
            Method method = Arrays.stream(benchmark.getMethods())
                    .filter(m -> m.getName().equals(name.substring(dot + 1)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no benchmark " + name));
            Set<Class<?>> states = new LinkedHashSet<>();
            collectStates(benchmark, states); // a benchmark class may be its own state
            for (Class<?> type : method.getParameterTypes()) {
                collectStates(type, states);
            }
            return states;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no benchmark class for " + name, e);
        }
    }

    private static void collectStates(Class<?> type, Set<Class<?>> states) {
        if (!hasStateAnnotation(type) || !states.add(type)) {
            return;
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(Setup.class)) {
                for (Class<?> dependency : method.getParameterTypes()) {
                    collectStates(dependency, states);
                }
            }
        }
    }

    private static boolean hasStateAnnotation(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(State.class)) {
                return true;
            }
        }
        return false;
    }
}
