package io.graphraft.bench;

import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.JvmFlags;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged benchmarks.jar (after {@code package}, run by failsafe): {@code java -jar} runs engines in
 * the launcher JVM ({@code load}, and profiles with forks=0 such as {@code --quick}), so its manifest
 * must open every package an engine on the classpath declares in {@link Engine#jvmFlags()}.
 */
class BenchmarksJarIT {
    @Test
    void theManifestOpensEveryPackageAnEngineNeeds() throws IOException {
        Path jar = Path.of(System.getProperty("benchmarks.jar", "target/benchmarks.jar"));
        assertThat(jar).as("built by the package phase").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Main-Class")).isEqualTo(BenchMain.class.getName());
            List<String> opened = List.of(manifest.getValue("Add-Opens").trim().split("\\s+"));
            for (Engine engine : Engines.available()) {
                assertThat(opened).as("Add-Opens of bench/pom.xml for engine %s", engine.name())
                        .containsAll(JvmFlags.addOpens(engine.jvmFlags()));
            }
        }
    }
}
