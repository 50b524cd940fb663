package io.graphraft.bench.cli;

import io.graphraft.bench.run.EnvironmentReport;
import io.graphraft.checker.run.CheckCommand;
import io.graphraft.checker.run.CheckConfig;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.report.ReportWriter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code benchmarks.jar check} adds to the checker's run folder: env.json (probed after the check, on a quiet
 * machine) with the check's settings as the run's parameters, and report.md with its Correctness section.
 */
public final class CheckRunReport implements CheckCommand.Finisher {
    @Override
    public void finish(Path runFolder, CheckConfig config) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("command", "check");
        parameters.putAll(config.describe());
        EnvironmentReport.collect(parameters).write(runFolder);
        ReportWriter.write(RunFolder.load(runFolder));
    }
}
