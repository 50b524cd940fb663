package io.graphraft.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Two real run folders produced by the harness ({@code benchmarks.jar --quick --engines
 * baseline,baseline-durable}), copied to a temporary directory so tests can write reports into them.
 */
final class FixtureRuns {
    private FixtureRuns() {
    }

    static Path copy(String name, Path target) {
        try {
            Path run = Paths.get(FixtureRuns.class.getResource("/fixtures/" + name).toURI());
            Path destination = target.resolve(name);
            try (Stream<Path> files = Files.walk(run)) {
                for (Path file : files.toList()) {
                    Path copy = destination.resolve(run.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
