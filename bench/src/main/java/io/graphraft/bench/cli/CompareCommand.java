package io.graphraft.bench.cli;

import io.graphraft.reports.Comparison;
import io.graphraft.reports.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code compare RUN_A RUN_B} or {@code compare RUN --engines a,b}: percentiles side by side with verdicts. */
@Command(name = "compare", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"Percentiles (p50, p90, p99, p99.9, max) side by side with ratios and a verdict per percentile",
                "that says 'within noise' when the difference is inside the runs' own spread. Prints a table and",
                "writes an overlay chart (compare.png in the second run folder, or --chart)."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..2", description = "two run folders, or one with --engines")
    List<Path> runs;

    @Option(names = "--engines", split = ",", description = "two engines of one run to compare, e.g. ratis,copycat")
    List<String> engines;

    @Option(names = "--chart", description = "where to write the overlay chart (PNG)")
    Path chart;

    @Override
    public Integer call() {
        Comparison comparison;
        Path second;
        if (runs.size() == 2) {
            comparison = Comparison.ofRuns(RunFolder.load(runs.get(0)), RunFolder.load(runs.get(1)));
            second = runs.get(1);
        } else if (engines != null && engines.size() == 2) {
            comparison = Comparison.ofEngines(RunFolder.load(runs.get(0)), engines.get(0), engines.get(1));
            second = runs.get(0);
        } else {
            System.err.println("compare needs two run folders, or one run folder and --engines a,b");
            return 1;
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
}
