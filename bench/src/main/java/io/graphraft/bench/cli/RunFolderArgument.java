package io.graphraft.bench.cli;

import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.RunFiles;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;

/**
 * A run folder given on the command line ({@code report}, {@code compare}), read whole before any
 * output is written: a folder that is missing, is no run, holds a file that does not parse, or holds no
 * measurement at all is refused naming the folder or the file, instead of a report of "0 ns".
 */
public final class RunFolderArgument implements ITypeConverter<RunFolder> {
    @Override
    public RunFolder convert(String value) {
        Path directory = Path.of(value);
        RunFolder run;
        try {
            run = RunFolder.load(directory);
        } catch (RuntimeException e) {
            throw new TypeConversionException(OneLine.of(e));
        }
        if (run.results().stream().anyMatch(result -> result.benchmark().isBlank())) {
            throw new TypeConversionException(directory.resolve(RunFiles.JMH_RESULT)
                    + " is not in JMH's JSON result format (a result without a benchmark name)");
        }
        boolean measured = !run.results().isEmpty();
        for (LatencyDistribution latency : run.latencies()) {
            try {
                measured |= latency.count() > 0;
            } catch (RuntimeException e) {
                throw new TypeConversionException(RunFiles.hgrm(directory, latency.trial())
                        + " (or its " + RunFiles.HLOG + ") is not an HdrHistogram file: " + OneLine.of(e));
            }
        }
        if (!measured) {
            throw new TypeConversionException(directory + " holds no measurement: no results in "
                    + RunFiles.JMH_RESULT + " and no recorded latency (.hgrm/.hlog); was the run interrupted?");
        }
        return run;
    }
}
