package io.graphraft.bench.cli;

import io.graphraft.reports.RunFolder;
import io.graphraft.reports.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code report RUN}: report.md and charts for a run folder. */
@Command(name = "report", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Write report.md and charts/*.png into a run folder (reports/runs/<timestamp>).")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the run folder")
    Path run;

    @Override
    public Integer call() {
        Path report = ReportWriter.write(RunFolder.load(run));
        System.out.println("Report: " + report);
        return 0;
    }
}
