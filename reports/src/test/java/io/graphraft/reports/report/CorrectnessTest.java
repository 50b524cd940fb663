package io.graphraft.reports.report;

import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.RunEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CorrectnessTest {
    @Test
    void aCheckRunsReportCarriesTheCheckersSection(@TempDir Path run) throws IOException {
        RunEnvironment.unknown().write(run);
        String section = "## Correctness check: ratis, 3 nodes, topology process\n\n**INVALID: 1 anomaly in 10 operations**\n\n"
                + "### Nemesis timeline\n\n| time (s) | event | details |\n|---:|---|---|\n| 1.000 | kill | n1 |\n";
        Files.writeString(run.resolve(Correctness.CHECK_SECTION), section);

        String report = Files.readString(ReportWriter.write(RunFolder.load(run)));

        assertThat(report).startsWith("# GraphRaft Lab report").contains(section);
    }

    @Test
    void aBenchmarkRunHasNoCorrectnessSection(@TempDir Path run) throws IOException {
        RunEnvironment.unknown().write(run);

        assertThat(Files.readString(ReportWriter.write(RunFolder.load(run)))).doesNotContain("Correctness");
    }
}
