package io.graphraft.bench.cli;

import io.graphraft.reports.Comparison;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.TrialParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code compare RUN_A RUN_B} or {@code compare RUN --engines a,b}: percentiles side by side with verdicts. */
@Command(name = "compare", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"Percentiles (p50, p90, p99, p99.9, max) and JMH scores side by side with ratios and a verdict",
                "that says 'within noise' when the difference is inside the runs' own spread (fork to fork when both",
                "have forks, else over iterations; each verdict says what it rests on). Runs from different machines",
                "(env.json) are judged on latency ÷ own fsync (+ RTT) floor. Against reports/reference, its spread.json",
                "stands in for the .hlog files. Prints a table and writes an overlay chart (compare.png in the second",
                "run folder, or --chart)."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..2", paramLabel = "RUN", converter = RunFolderArgument.class,
            description = "two run folders, or one with --engines")
    List<RunFolder> runs;

    @Option(names = "--engines", split = ",", description = "two engines of one run to compare, e.g. ratis,copycat")
    List<String> engines;

    @Option(names = "--chart", description = "where to write the overlay chart (PNG)")
    Path chart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Comparison comparison;
        Path second;
        if (runs.size() == 2 && engines == null) {
            comparison = Comparison.ofRuns(runs.get(0), runs.get(1));
            second = runs.get(1).directory();
        } else if (runs.size() == 1 && engines != null && engines.size() == 2) {
            requireEnginesOf(runs.get(0));
            comparison = Comparison.ofEngines(runs.get(0), engines.get(0), engines.get(1));
            second = runs.get(0).directory();
        } else {
            throw new ParameterException(spec.commandLine(), "compare needs two run folders, or one run folder and --engines a,b");
        }
        comparison.print(System.out);
        if (!comparison.pairs().isEmpty()) {
            Path file = chart != null ? chart : second.resolve("compare.png");
            comparison.chart(file);
            System.out.println();
            System.out.println("Overlay chart: " + file);
        }
        return 0;
    }

    private void requireEnginesOf(RunFolder run) {
        Set<String> measured = new TreeSet<>();
        run.latencies().forEach(latency -> measured.add(latency.trial().param(TrialParameters.ENGINE, "")));
        measured.remove("");
        for (String engine : engines) {
            if (!measured.contains(engine)) {
                throw new ParameterException(spec.commandLine(), "run " + run.directory() + " has no latencies of engine '"
                        + engine + "'; engines in that run: " + measured);
            }
        }
    }
}
