package io.graphraft.checker.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.checker.history.HistoryReader;
import io.graphraft.checker.history.NemesisEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} with every node in its own JVM: the nemesis kills nodes with SIGKILL and restarts them as cold
 * JVMs, freezes them with SIGSTOP, and cuts links in the link layer; Ratis stays valid through it.
 */
@Tag("process")
class CheckProcessTopologyTest {
    @Test
    void ratisInProcessesUnderKillsPausesAndPartitionsIsValid(@TempDir Path temp) throws IOException {
        CheckInvocation check = new CheckInvocation(temp);
        int exit = check.run("--engine", "ratis", "--topology", "process", "--clients", "4", "--seconds", "15",
                "--rounds", "3", "--faults", "kill,pause,partition", "--seed", "1");
        System.out.print(check.output());

        assertThat(exit).as(check.output()).isEqualTo(CheckResult.VALID);
        Path run = check.runFolder();
        JsonNode json = new ObjectMapper().readTree(run.resolve(CheckReport.JSON).toFile());
        assertThat(json.path("cluster").path("topology").asText()).isEqualTo("process");
        assertThat(json.path("notes").toString()).doesNotContain("skipped");
        NemesisPlan seeded = NemesisPlan.generate(1, 3, 3, Duration.ofSeconds(15), EnumSet.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION));
        List<String> done = HistoryReader.read(run.resolve("history.jsonl")).nemesisEvents().stream()
                .map(NemesisEvent::kind).toList();
        assertThat(done).doesNotContain("error");
        for (NemesisRound round : seeded.rounds()) {
            assertThat(done).as("round %d: %s", round.number(), round.fault().describe()).contains(switch (round.fault().kind()) {
                case KILL -> "restart";
                case PAUSE -> "resume";
                default -> "partition";
            });
        }
        assertThat(run.resolve("nodes").resolve("node-0.log")).as("the node processes' logs are kept").exists();
    }
}
