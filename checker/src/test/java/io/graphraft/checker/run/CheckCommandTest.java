package io.graphraft.checker.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryReader;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * {@code check} end to end on real clusters in this JVM: it must catch an engine whose linearizable reads are
 * stale, pass Ratis under kills and leader isolation on the schedule its seed gives, and refuse bad arguments.
 */
class CheckCommandTest {
    private CheckInvocation check;

    @BeforeEach
    void prepare(@TempDir Path temp) {
        check = new CheckInvocation(temp);
    }

    @AfterEach
    void showWhatTheCommandPrinted() {
        System.out.print(check.output());
    }

    @Test
    void anEngineAnsweringLinearizableReadsFromAFollowerIsCaught() throws IOException {
        int exit = check.run("--engine", StaleReadsEngine.NAME, "--nodes", "3", "--clients", "4", "--seconds", "12",
                "--rounds", "3", "--faults", "partition,isolate-leader", "--seed", "16");

        assertThat(exit).as(check.output()).isEqualTo(CheckResult.INVALID);
        Path run = check.runFolder();
        JsonNode json = new ObjectMapper().readTree(run.resolve(CheckReport.JSON).toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("INVALID");
        assertThat(json.path("anomalies")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.path("type").asText()).isEqualTo("NOT_LINEARIZABLE"));
        assertThat(json.path("nemesis").path("roundsStruck").asInt()).isEqualTo(3);
        String markdown = Files.readString(run.resolve(CheckReport.MARKDOWN));
        assertThat(markdown).contains("**INVALID:").contains("#### 1. NOT_LINEARIZABLE")
                .contains("cannot take effect").contains("> ");
        assertThat(check.output()).contains("INVALID: ");
    }

    @Test
    void ratisUnderKillsAndLeaderIsolationIsValidAndFollowsTheSeededSchedule() throws IOException {
        int exit = check.run("--engine", "ratis", "--nodes", "3", "--clients", "4", "--seconds", "8", "--rounds", "2",
                "--faults", "kill,isolate-leader,pause", "--seed", "5");

        assertThat(exit).as(check.output()).isEqualTo(CheckResult.VALID);
        Path run = check.runFolder();
        History history = HistoryReader.read(run.resolve("history.jsonl"));
        assertThat(history.operations()).filteredOn(op -> op.outcome() == Outcome.OK)
                .extracting(op -> op.kind()).contains(OperationKind.WRITE, OperationKind.READ, OperationKind.CREATE);
        JsonNode json = new ObjectMapper().readTree(run.resolve(CheckReport.JSON).toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("VALID");
        assertThat(json.path("keys")).hasSize(8).allSatisfy(k -> assertThat(k.path("verdict").asText()).isEqualTo("LINEARIZABLE"));
        assertThat(json.path("set").path("acknowledgedPresent").asInt()).isPositive()
                .isEqualTo(json.path("set").path("acknowledged").asInt());
        assertThat(json.path("notes").toString()).as("jvm topology cannot pause").contains("pause skipped");

        NemesisPlan seeded = NemesisPlan.generate(5, 3, 2, Duration.ofSeconds(8), EnumSet.of(FaultKind.KILL, FaultKind.ISOLATE_LEADER));
        assertThat(json.path("nemesis").path("plan")).extracting(r -> r.path("plan").asText())
                .as("the run follows the schedule its seed gives")
                .containsExactlyElementsOf(seeded.rounds().stream().map(r -> r.fault().describe()).toList());
        assertThat(json.path("nemesis").path("roundsStruck").asInt()).isEqualTo(2);
        List<String> struck = history.nemesisEvents().stream().map(e -> e.kind()).toList();
        for (NemesisRound round : seeded.rounds()) {
            assertThat(struck).contains(round.fault().kind() == FaultKind.KILL ? "restart" : "partition");
        }
        String markdown = Files.readString(run.resolve(CheckReport.MARKDOWN));
        assertThat(markdown).contains("**VALID:").contains("### Nemesis timeline").contains("### Anomalies\n\nNone.");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
            "--engine ratis --seconds 5 --rounds 10; less than 1 s per round",
            "--engine ratis --faults kill,flood; unknown fault 'flood'",
            "--engine no-such-engine; known engines",
            "--engine baseline; does not replicate",
            "--engine stale-reads --topology process; cannot run --topology process",
            "--engine ratis --nodes 4; --nodes must be 3 or 5, was 4",
            "--engine ratis --topology cloud; unknown topology 'cloud'",
            "--engine ratis --clients 0; clients must be >= 1",
            "--engine ratis --seconds x; '--seconds'",
            "--nodes 3; Missing required option: '--engine",
    })
    void aBadArgumentIsRefusedInOneLineNamingIt(String arguments, String message) {
        assertThat(check.run(arguments.split(" "))).isEqualTo(2);
        assertThat(check.output().lines().toList()).as(check.output()).singleElement(STRING).startsWith("check: ").contains(message);
        assertThat(check.runs()).as("no run folder for a run that never started").isEmpty();
    }
}
