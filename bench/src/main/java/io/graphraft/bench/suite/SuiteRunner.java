package io.graphraft.bench.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.graphraft.bench.jmh.ProcessCpuProfiler;
import io.graphraft.bench.run.EnvironmentReport;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.reports.runfiles.BenchmarkId;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
        long suiteStarted = System.nanoTime();
        Plan plan = plan(steps);
        out.printf("%s suite: %d trials to run (%d skipped), estimated %.0f minutes on 2 cores%n", profile,
                plan.trials().size(), plan.skips().size(), plan.estimatedSeconds() / 60);
        parameters.put("estimatedSeconds", Math.round(plan.estimatedSeconds()));
        out.println("Probing the environment (fsync and loopback floors) ...");
        RunEnvironment env = EnvironmentReport.collect(parameters);
        env.write(runDirectory);

        ArrayNode results = WarmJvm.json().createArrayNode();
        for (Skip skip : plan.skips()) {
            out.println("skip " + skip.step().benchmark() + " " + skip.combination() + ": " + skip.reason());
            skipped.add(Map.of("benchmark", skip.step().benchmark().id(), "params", skip.combination(), "reason", skip.reason()));
        }
        for (Map.Entry<String, List<PlannedTrial>> group : plan.warmJvmTrials().entrySet()) {
            runInWarmJvm(group.getKey(), group.getValue(), results);
        }
        for (PlannedTrial trial : plan.trials()) {
            if (trial.step().timing().inWarmJvm()) {
                continue;
            }
            SuiteStep step = trial.step();
            Map<String, String> combination = trial.combination();
            out.println();
            out.println(">>> " + step.benchmark() + " " + combination);
            long started = System.nanoTime();
            try {
                results.addAll(toJson(new Runner(options(step, combination)).run()));
                ran(step.benchmark(), combination, (System.nanoTime() - started) / 1e9, trial.estimatedSeconds());
                writeResults(results); // after every run, so an interrupted suite keeps what it measured
            } catch (RunnerException e) {
                failed(step.benchmark(), combination, String.valueOf(e.getMessage()));
            }
        }
        writeResults(results);
        parameters.put("ran", ran);
        parameters.put("skipped", skipped);
        parameters.put("failed", failed);
        double minutes = (System.nanoTime() - suiteStarted) / 60e9;
        parameters.put("seconds", Math.round(minutes * 60));
        out.println("Probing the floors again: a floor that moved means the machine changed under the run ...");
        env = env.withFloorAtEnd(EnvironmentReport.floor());
        env.write(runDirectory);
        out.println();
        out.printf("%d benchmark runs, %d skipped, %d failed in %.1f minutes (estimated %.0f). Results: %s%n", ran.size(),
                skipped.size(), failed.size(), minutes, plan.estimatedSeconds() / 60, runDirectory);
        return failed.isEmpty();
    }

    /** One engine's trials in its warm JVM, after a JIT warm-up whose result is dropped. */
    private void runInWarmJvm(String engine, List<PlannedTrial> trials, ArrayNode results) {
        out.println();
        out.printf(">>> %d trials of %s in one warm JVM%n", trials.size(), engine);
        WarmJvm.Results outcome = WarmJvm.run(runDirectory, new WarmJvm.Plan(warmUp(engine, trials.get(0)),
                trials.stream().map(t -> new WarmJvm.Trial(t.step().benchmark(), t.combination(), t.step().timing())).toList()));
        results.addAll(outcome.jmhResults());
        for (int i = 0; i < outcome.outcomes().size(); i++) {
            WarmJvm.Outcome done = outcome.outcomes().get(i);
            if (done.error() == null) {
                ran(done.benchmark(), done.combination(), done.seconds(), trials.get(i).estimatedSeconds());
            } else {
                failed(done.benchmark(), done.combination(), done.error());
            }
        }
        writeResults(results);
    }

    /**
     * The engine's JIT warm-up trial, or, for an engine that cannot run it (one that does not replicate, and
     * warms up in seconds), its first trial once more at that trial's own timing.
     */
    private WarmJvm.Trial warmUp(String engine, PlannedTrial first) {
        WarmJvm.Trial jit = WarmJvm.jitWarmUp(engine);
        if (whyNot(jit.step(), jit.combination()).isEmpty()) {
            return jit;
        }
        return new WarmJvm.Trial(first.step().benchmark(), first.combination(), first.step().timing());
    }

    private void ran(BenchmarkId benchmark, Map<String, String> combination, double seconds, double estimatedSeconds) {
        ran.add(Map.of("benchmark", benchmark.id(), "params", combination, "seconds", Math.round(seconds * 10) / 10.0,
                "estimatedSeconds", Math.round(estimatedSeconds)));
    }

    private void failed(BenchmarkId benchmark, Map<String, String> combination, String error) {
        out.println("FAILED " + benchmark + " " + combination + ": " + error);
        failed.add(Map.of("benchmark", benchmark.id(), "params", combination, "error", error));
    }

    /** A combination that will run, with what it is expected to take. */
    public record PlannedTrial(SuiteStep step, Map<String, String> combination, double estimatedSeconds) {
    }

    /** A combination that will not run, and why. */
    public record Skip(SuiteStep step, Map<String, String> combination, String reason) {
    }

    /** What a suite will run and skip, before anything starts. */
    public record Plan(List<PlannedTrial> trials, List<Skip> skips) {
        /** The trials, plus each warm JVM's start and JIT warm-up. */
        public double estimatedSeconds() {
            double warmJvms = warmJvmTrials().keySet().stream()
                    .mapToDouble(engine -> SuiteEstimate.FORK_SECONDS + SuiteEstimate.seconds(
                            WarmJvm.jitWarmUp(engine).step(), WarmJvm.jitWarmUp(engine).combination()))
                    .sum();
            return warmJvms + trials.stream().mapToDouble(PlannedTrial::estimatedSeconds).sum();
        }

        /** The trials that share their engine's warm JVM, by engine, in the suite's order. */
        public Map<String, List<PlannedTrial>> warmJvmTrials() {
            Map<String, List<PlannedTrial>> byEngine = new LinkedHashMap<>();
            for (PlannedTrial trial : trials) {
                String engine = trial.combination().get(TrialParameters.ENGINE);
                if (trial.step().timing().inWarmJvm() && engine != null) {
                    byEngine.computeIfAbsent(engine, e -> new ArrayList<>()).add(trial);
                }
            }
            return byEngine;
        }
    }

    /** Every combination of every step, each either planned with its estimate or skipped with its reason. */
    public Plan plan(List<SuiteStep> steps) {
        List<PlannedTrial> trials = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        for (SuiteStep step : steps) {
            for (Map<String, String> combination : combinations(step)) {
                Optional<String> reason = whyNot(step, combination);
                if (reason.isPresent()) {
                    skips.add(new Skip(step, combination, reason.get()));
                } else {
                    trials.add(new PlannedTrial(step, combination, SuiteEstimate.seconds(step, combination)));
                }
            }
        }
        return new Plan(List.copyOf(trials), List.copyOf(skips));
    }

    private void writeResults(ArrayNode results) {
        writeResults(runDirectory.resolve(RunFiles.JMH_RESULT), results);
    }

    /** Writes results as one jmh-result.json (the suite's, or a warm JVM's for the suite to merge). */
    static void writeResults(Path json, ArrayNode results) {
        try {
            WarmJvm.json().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    /** JMH's results in its JSON result format, as a tree to merge with other JVMs' results. */
    static ArrayNode toJson(Collection<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results);
        }
        return WarmJvm.parse(bytes.toString(StandardCharsets.UTF_8));
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
