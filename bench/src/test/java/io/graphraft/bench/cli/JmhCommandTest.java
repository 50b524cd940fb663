package io.graphraft.bench.cli;

import io.graphraft.bench.run.DataDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain JMH mode, in-process ({@code -f 0}): a benchmark that fails in its setup is a failed run. */
class JmhCommandTest {
    @TempDir
    Path temp;

    @Test
    void aBenchmarkThatFailsInSetupFailsTheRunAndLeavesNoRunFolder() throws Exception {
        Path run = Files.createDirectory(temp.resolve("run"));
        Properties saved = (Properties) System.getProperties().clone();
        System.setProperty(DataDirectories.PROPERTY, temp.resolve("data").toString());
        int exit;
        try {
            // failover needs a replicated cluster: its setup refuses nodes=1, naming the reason
            exit = JmhCommand.run(new String[] {"ElectionBenchmark.leaderCrashToFirstWrite", "-p", "engine=baseline",
                    "-p", "nodes=1", "-f", "0", "-wi", "0", "-i", "1"}, run);
        } finally {
            System.setProperties(saved);
        }
        assertThat(exit).isEqualTo(ExitCode.SOFTWARE);
        assertThat(run).as("a run that measured nothing leaves no folder").doesNotExist();
    }
}
