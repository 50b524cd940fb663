package io.graphraft.bench.run;

import io.graphraft.reports.runfiles.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run's files go: {@code reports/runs/<timestamp>/}. The launcher creates it and hands it to
 * every JMH fork as the system property {@value #PROPERTY}; a benchmark started by plain JMH without
 * it writes to a fresh folder of its own.
 */
public final class RunDirectory {
    public static final String PROPERTY = "graphraft.runDir";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static Path current;

    private RunDirectory() {
    }

    /** Creates a new, uniquely named run folder below {@code runs}. */
    public static Path create(Path runs) {
        String stamp = LocalDateTime.now().format(STAMP);
        try {
            Files.createDirectories(runs);
            for (int attempt = 0; ; attempt++) {
                Path candidate = runs.resolve(attempt == 0 ? stamp : stamp + "-" + attempt);
                try {
                    return Files.createDirectory(candidate).toAbsolutePath();
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // two runs in the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder below " + runs.toAbsolutePath(), e);
        }
    }

    /** The run folder of this JVM: the launcher's, or a new one for a plain JMH run. */
    public static synchronized Path current() {
        if (current == null) {
            String given = System.getProperty(PROPERTY);
            if (given != null) {
                current = Paths.get(given);
                try {
                    Files.createDirectories(current);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create run folder " + current, e);
                }
            } else {
                current = create(RunFiles.DEFAULT_RUNS);
            }
        }
        return current;
    }
}
