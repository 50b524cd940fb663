package io.graphraft.checker.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryReader;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} end to end on real clusters in this JVM: it must catch an engine whose linearizable reads are
 * stale, and pass Ratis under kills and partitions.
 */
class CheckCommandTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void showWhatTheCommandPrinted() {
        System.out.print(output());
    }

    @Test
    void anEngineAnsweringLinearizableReadsFromAFollowerIsCaught() throws IOException {
        int exit = check("--engine", StaleReadsEngine.NAME, "--nodes", "3", "--clients", "4", "--seconds", "12",
                "--rounds", "3", "--faults", "partition,isolate-leader", "--seed", "16");

        assertThat(exit).as(output()).isEqualTo(CheckResult.INVALID);
        Path run = runFolder();
        JsonNode json = new ObjectMapper().readTree(run.resolve(CheckReport.JSON).toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("INVALID");
        assertThat(json.path("anomalies")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.path("type").asText()).isEqualTo("NOT_LINEARIZABLE"));
        assertThat(json.path("nemesis").path("roundsStruck").asInt()).isEqualTo(3);
        String markdown = Files.readString(run.resolve(CheckReport.MARKDOWN));
        assertThat(markdown).contains("**INVALID:").contains("#### 1. NOT_LINEARIZABLE")
                .contains("cannot take effect").contains("> ");
        assertThat(output()).contains("INVALID: ");
    }

    @Test
    void ratisUnderKillsAndPartitionsIsValid() throws IOException {
        int exit = check("--engine", "ratis", "--nodes", "3", "--clients", "4", "--seconds", "20", "--rounds", "4",
                "--seed", "7");

        assertThat(exit).as(output()).isEqualTo(CheckResult.VALID);
        Path run = runFolder();
        History history = HistoryReader.read(run.resolve("history.jsonl"));
        assertThat(history.operations()).filteredOn(op -> op.outcome() == Outcome.OK)
                .extracting(op -> op.kind()).contains(OperationKind.WRITE, OperationKind.READ, OperationKind.CREATE);
        assertThat(history.nemesisEvents()).hasSizeGreaterThanOrEqualTo(8);
        JsonNode json = new ObjectMapper().readTree(run.resolve(CheckReport.JSON).toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("VALID");
        assertThat(json.path("nemesis").path("roundsStruck").asInt()).isEqualTo(4);
        assertThat(json.path("keys")).hasSize(8).allSatisfy(k -> assertThat(k.path("verdict").asText()).isEqualTo("LINEARIZABLE"));
        assertThat(json.path("set").path("acknowledgedPresent").asInt()).isPositive()
                .isEqualTo(json.path("set").path("acknowledged").asInt());
        assertThat(json.path("notes").toString()).as("jvm topology cannot pause").contains("pause skipped");
        String markdown = Files.readString(run.resolve(CheckReport.MARKDOWN));
        assertThat(markdown).contains("**VALID:").contains("### Nemesis timeline").contains("| restart |")
                .contains("### Anomalies\n\nNone.");
    }

    @Test
    void badArgumentsAreRefusedNamingWhatIsWrong() {
        assertThat(check("--engine", "ratis", "--seconds", "5", "--rounds", "10")).isEqualTo(2);
        assertThat(output()).contains("less than 1 s per round");
        assertThat(check("--engine", "ratis", "--faults", "kill,flood")).isEqualTo(2);
        assertThat(output()).contains("unknown fault 'flood'");
        assertThat(check("--engine", "no-such-engine")).isEqualTo(2);
        assertThat(output()).contains("known engines").contains("ratis");
        assertThat(runs()).as("no run folder for a run that never started").isEmpty();
    }

    private int check(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--runs-dir", temp.resolve("runs").toString(),
                "--data-dir", temp.resolve("data").toString())).toArray(String[]::new);
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new CheckCommand(out)).setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(out, true));
        return command.execute(all);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private Path runFolder() throws IOException {
        List<Path> runs = runs();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).getFileName().toString()).matches("\\d{8}-\\d{6}-check-.+");
        return runs.get(0);
    }

    private List<Path> runs() {
        Path dir = temp.resolve("runs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(dir)) {
            return runs.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
