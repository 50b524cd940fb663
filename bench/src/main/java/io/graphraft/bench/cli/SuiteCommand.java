package io.graphraft.bench.cli;

import io.graphraft.bench.run.RunDirectory;
import io.graphraft.bench.suite.SuiteRunner;
import io.graphraft.bench.suite.Suites;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The curated suites: {@code default} (what benchmarks.jar runs without arguments) or {@code --quick}. */
@Command(name = SuiteCommand.NAME, mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"GraphRaft Lab: what replicating a graph store through Raft costs, measured.",
                "",
                "Without arguments: the default suite (write latency, batching, fsync cost vs the physical",
                "floor, snapshot recovery, election/failover, open-loop latency) for every engine.",
                "",
                "Other forms:",
                "  benchmarks.jar load --engine NAME ...   open-loop rate sweep (see load --help)",
                "  benchmarks.jar report RUN               report.md + charts for a run folder",
                "  benchmarks.jar compare RUN_A RUN_B      percentiles side by side (or RUN --engines a,b)",
                "  benchmarks.jar profile [--mode cpu|wall] BENCHMARK [JMH options]   flame graphs",
                "  benchmarks.jar [JMH options] [regex]    plain JMH: -l, -p k=v, -f, -i, -wi, -prof, -rf ...",
                "  benchmarks.jar --help-jmh               JMH's own option list",
                "",
                "Every run writes reports/runs/<timestamp>/: jmh-result.json, .hgrm/.hlog, env.json."})
public final class SuiteCommand implements Callable<Integer> {
    static final String NAME = "benchmarks.jar";

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "run every benchmark once with tiny sizes (about 3 minutes)")
    boolean quick;

    @Option(names = "--full", description = "run the whole matrix at the headline timings (hours; prints its estimate first)")
    boolean full;

    @Option(names = "--plan", description = "print the suite's trials, skips and estimated duration, and run nothing")
    boolean plan;

    @Option(names = "--engines", split = ",", converter = EngineName.class,
            description = "only these engines (default: all available)")
    List<String> engines = new ArrayList<>();

    @Option(names = "--runs-dir", defaultValue = "reports/runs", description = "where run folders are created (default ${DEFAULT-VALUE})")
    Path runsDirectory;

    @Override
    public Integer call() {
        if (quick && full) {
            throw new ParameterException(spec.commandLine(), "--quick and --full: choose one suite");
        }
        String profile = quick ? "quick" : full ? "full" : "default";
        if (plan) {
            return printPlan(profile);
        }
        Path run = RunDirectory.create(runsDirectory);
        System.out.println("GraphRaft Lab, " + profile + " suite; results go to " + run);
        boolean ok;
        try {
            ok = new SuiteRunner(run, engines, System.out).run(profile, Suites.named(profile));
        } catch (RuntimeException e) {
            if (!Files.exists(run.resolve(RunFiles.JMH_RESULT))) {
                Directories.deleteRecursively(run); // it failed before measuring anything
            }
            throw e;
        }
        return ok ? ExitCode.OK : ExitCode.SOFTWARE;
    }

    private int printPlan(String profile) {
        SuiteRunner.Plan suite = new SuiteRunner(runsDirectory, engines, System.out).plan(Suites.named(profile));
        for (SuiteRunner.PlannedTrial trial : suite.trials()) {
            System.out.printf("%5.0f s  %s %s%n", trial.estimatedSeconds(), trial.step().benchmark(), trial.combination());
        }
        for (SuiteRunner.Skip skip : suite.skips()) {
            System.out.printf("   skip  %s %s: %s%n", skip.step().benchmark(), skip.combination(), skip.reason());
        }
        System.out.printf("%s suite: %d trials, %d skipped, estimated %.0f minutes on 2 cores%n", profile,
                suite.trials().size(), suite.skips().size(), suite.estimatedSeconds() / 60);
        return ExitCode.OK;
    }
}
