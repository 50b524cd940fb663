package io.graphraft.bench.suite;

import io.graphraft.bench.jmh.ProcessCpuProfiler;
import io.graphraft.bench.run.EnvironmentReport;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.TrialParameters;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a suite: expands each step into parameter combinations, skips (with the reason its
 * {@link Trial} gives) those an engine cannot run, runs each remaining combination as its own JMH
 * run, and writes all results as one {@code jmh-result.json} with {@code env.json} beside it.
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
        RunEnvironment env = EnvironmentReport.collect(parameters);
        env.write(runDirectory);

        List<RunResult> results = new ArrayList<>();
        for (SuiteStep step : steps) {
            for (Map<String, String> combination : combinations(step)) {
                Optional<String> reason = whyNot(step, combination);
                if (reason.isPresent()) {
                    out.println("skip " + step.benchmark() + " " + combination + ": " + reason.get());
                    skipped.add(Map.of("benchmark", step.benchmark().id(), "params", combination, "reason", reason.get()));
                    continue;
                }
                out.println();
                out.println(">>> " + step.benchmark() + " " + combination);
                try {
                    results.addAll(new Runner(options(step, combination)).run());
                    ran.add(Map.of("benchmark", step.benchmark().id(), "params", combination));
                    writeResults(results); // after every run, so an interrupted suite keeps what it measured
                } catch (RunnerException e) {
                    out.println("FAILED " + step.benchmark() + " " + combination + ": " + e.getMessage());
                    failed.add(Map.of("benchmark", step.benchmark().id(), "params", combination,
                            "error", String.valueOf(e.getMessage())));
                }
            }
        }
        writeResults(results);
        parameters.put("ran", ran);
        parameters.put("skipped", skipped);
        parameters.put("failed", failed);
        env.write(runDirectory);
        out.println();
        out.printf("%d benchmark runs, %d skipped, %d failed. Results: %s%n", ran.size(), skipped.size(),
                failed.size(), runDirectory);
        return failed.isEmpty();
    }

    private void writeResults(List<RunResult> results) {
        Path json = runDirectory.resolve(RunFiles.JMH_RESULT);
        try (PrintStream file = new PrintStream(json.toFile(), "UTF-8")) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, file).writeOut(results);
        } catch (FileNotFoundException | UnsupportedEncodingException e) {
            throw new UncheckedIOException(new IOException("cannot write " + json, e));
        }
    }

    Options options(SuiteStep step, Map<String, String> combination) {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(step.qualifiedName()) + "$")
                .shouldFailOnError(true)
                .addProfiler(ProcessCpuProfiler.class)
                .jvmArgsPrepend(ForkFlags.forRun(runDirectory));
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
        if (declared.containsKey(TrialParameters.ENGINE) && !step.params().containsKey(TrialParameters.ENGINE)) {
            axes.put(TrialParameters.ENGINE, Engines.available().stream().map(Engine::name).filter(this::engineWanted).toList());
        }
        step.params().forEach((key, values) -> {
            if (!declared.containsKey(key)) {
                throw new IllegalArgumentException(step.benchmark() + " has no parameter '" + key + "' (parameters: "
                        + declared.keySet() + ")");
            }
            axes.put(key, TrialParameters.ENGINE.equals(key) ? values.stream().filter(this::engineWanted).toList() : values);
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

    /** Why the combination cannot run (the trial's skip reason), or empty; benchmarks without an engine always run. */
    Optional<String> whyNot(SuiteStep step, Map<String, String> combination) {
        if (!combination.containsKey(TrialParameters.ENGINE)) {
            return Optional.empty();
        }
        return Trial.of(step.benchmark(), combination).skipReason();
    }

    /** The benchmark's parameters as JMH's generated benchmark list declares them. */
    private static Map<String, String[]> declaredParams(SuiteStep step) {
        List<BenchmarkListEntry> entries = new ArrayList<>(BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT),
                List.of("^" + Pattern.quote(step.qualifiedName()) + "$"), List.of()));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no benchmark " + step.qualifiedName());
        }
        Map<String, String[]> params = new LinkedHashMap<>();
        for (BenchmarkListEntry entry : entries) {
            params.putAll(entry.getParams().orElse(Map.of()));
        }
        return params;
    }
}
