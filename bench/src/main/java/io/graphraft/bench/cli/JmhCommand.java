package io.graphraft.bench.cli;

import io.graphraft.bench.jmh.ProcessCpuProfiler;
import io.graphraft.bench.run.EnvironmentReport;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.bench.trial.Trial;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.TrialParameters;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Optional;
import org.openjdk.jmh.util.UnCloseablePrintStream;
import picocli.CommandLine.ExitCode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * Runs JMH with {@code args}, its files in {@code runFolder} (a new one if null), and returns the exit
     * status: {@value ExitCode#USAGE} (one line naming it) for an option JMH cannot parse or a parameter value
     * the trial model refuses, before anything starts; {@value ExitCode#SOFTWARE} if a benchmark failed (JMH
     * has printed why); {@value ExitCode#OK} if every benchmark ran. A run that measured nothing leaves no folder.
     */
    public static int run(String[] args, Path runFolder) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
            checkParameters(options);
        } catch (CommandLineOptionException | IllegalArgumentException e) {
            System.err.println(SuiteCommand.NAME + ": " + e.getMessage() + " (see --help-jmh)");
            discard(runFolder);
            return ExitCode.USAGE;
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
        FailureCountingOutput output = new FailureCountingOutput(consoleOutput(options));
        try {
            new Runner(builder.build(), output).run();
        } catch (RunnerException e) {
            System.err.println(SuiteCommand.NAME + ": benchmark run failed: " + OneLine.of(e) + kept(run, output));
            return ExitCode.SOFTWARE;
        }
        if (output.failed() > 0) {
            System.err.println(SuiteCommand.NAME + ": " + output.failed() + " of " + output.started()
                    + " benchmarks failed (JMH printed why above)" + kept(run, output));
            return ExitCode.SOFTWARE;
        }
        System.out.println("Results: " + run);
        return ExitCode.OK;
    }

    /** Every value of every parameter the trial model parses, as it parses it: a bad one fails before any fork starts. */
    private static void checkParameters(CommandLineOptions options) {
        for (String key : Trial.checkedParameters()) {
            Optional<Collection<String>> values = options.getParameter(key);
            if (values.hasValue()) {
                for (String value : values.get()) {
                    try {
                        Trial.check(key, value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("-p " + key + "=" + value + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** JMH's console output as its Runner makes it: to {@code -o FILE} if given, else to stdout (left open). */
    private static OutputFormat consoleOutput(CommandLineOptions options) {
        PrintStream out;
        try {
            out = options.getOutput().hasValue() ? new PrintStream(options.getOutput().get(), StandardCharsets.UTF_8)
                    : new UnCloseablePrintStream(System.out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JMH's output to " + options.getOutput().get(), e);
        }
        return OutputFormatFactory.createFormatInstance(out, options.verbosity().orElse(Defaults.VERBOSITY));
    }

    /** Removes the run folder if nothing was measured; says what became of it. */
    private static String kept(Path run, FailureCountingOutput output) {
        if (output.started() > output.failed()) {
            return "; what was measured is in " + run;
        }
        discard(run);
        return "; nothing was measured, so no run folder is kept";
    }

    private static void discard(Path run) {
        if (run != null) {
            Directories.deleteRecursively(run);
        }
    }
}
