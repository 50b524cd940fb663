package io.graphraft.bench.cli;

import io.graphraft.bench.jmh.ProcessCpuProfiler;
import io.graphraft.bench.run.EnvironmentReport;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.TrialParameters;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain JMH with JMH's own options, plus what every run of the lab has: a run folder (JSON results
 * unless -rf/-rff say otherwise), env.json, the fork flags, CPU per iteration, and — unless
 * {@code -p engine=...} is given — every engine on the classpath (a benchmark an engine cannot run
 * fails its setup naming the reason; the suite skips such combinations instead).
 */
public final class JmhCommand {
    private JmhCommand() {
    }

    /** Runs JMH with {@code args}, its files in {@code runFolder} (a new one if null); returns the exit status. */
    public static int run(String[] args, Path runFolder) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing JMH options: " + e.getMessage() + " (see --help-jmh)");
            return 1;
        }
        Path run = runFolder != null ? runFolder : RunDirectory.create(RunFiles.DEFAULT_RUNS);
        System.setProperty(RunDirectory.PROPERTY, run.toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("jmhArgs", List.of(args));
        EnvironmentReport.collect(parameters).write(run);

        List<String> jvmArgs = new ArrayList<>(List.of(ForkFlags.forRun(run)));
        jvmArgs.addAll(options.getJvmArgsPrepend().orElse(List.of()));
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(options).jvmArgsPrepend(jvmArgs.toArray(String[]::new))
                .addProfiler(ProcessCpuProfiler.class);
        if (!options.getParameter(TrialParameters.ENGINE).hasValue()) {
            builder.param(TrialParameters.ENGINE, Engines.available().stream().map(Engine::name).toArray(String[]::new));
        }
        if (!options.getResult().hasValue()) {
            builder.result(run.resolve("jmh-result." + options.getResultFormat().orElse(ResultFormatType.JSON)
                    .toString().toLowerCase(Locale.ROOT)).toString());
        }
        if (!options.getResultFormat().hasValue()) {
            builder.resultFormat(ResultFormatType.JSON);
        }
        try {
            new Runner(builder.build()).run();
        } catch (RunnerException e) {
            System.err.println("Benchmark run failed: " + e.getMessage());
            return 1;
        }
        System.out.println("Results: " + run);
        return 0;
    }
}
