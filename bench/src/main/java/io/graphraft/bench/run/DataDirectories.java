package io.graphraft.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Fresh data directories for clusters under test: below {@code -Dgraphraft.dataDir} (default the
 * JVM's temporary directory), since the filesystem there is what fsync is measured on.
 */
public final class DataDirectories {
    public static final String PROPERTY = "graphraft.dataDir";

    private DataDirectories() {
    }

    public static Path base() {
        return Paths.get(System.getProperty(PROPERTY, System.getProperty("java.io.tmpdir")));
    }

    public static Path fresh(String prefix) {
        try {
            Files.createDirectories(base());
            return Files.createTempDirectory(base(), "graphraft-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory below " + base(), e);
        }
    }
}
