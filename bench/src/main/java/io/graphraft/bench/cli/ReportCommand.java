package io.graphraft.bench.cli;

import io.graphraft.reports.RunFolder;
import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code report RUN}: report.md and charts for a run folder. */
@Command(name = "report", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Write report.md, report.html (self-contained), charts/*.png and spread.json into a run folder"
                + " (reports/runs/<timestamp>).")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", converter = RunFolderArgument.class, description = "the run folder")
    RunFolder run;

    @Override
    public Integer call() {
        Path report = ReportWriter.write(run);
        System.out.println("Report: " + report + " (browsable: " + report.resolveSibling(RunFiles.REPORT_HTML) + ")");
        return 0;
    }
}
