package io.graphraft.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.reports.runfiles.RunEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentReportTest {
    @TempDir
    Path temp;

    @Test
    void envJsonHoldsWhatTheNumbersDependOn() throws IOException {
        EnvironmentReport.collect(new LinkedHashMap<>(Map.of("profile", "test"))).write(temp);
        JsonNode env = new ObjectMapper().readTree(temp.resolve("env.json").toFile());

        assertThat(env.at("/jvm/version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(env.at("/jvm/forkFlags").toString()).contains("--add-opens");
        assertThat(env.at("/os/kernel").asText()).isNotBlank();
        assertThat(env.at("/cpu/count").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(env.at("/dataDirectory/filesystem").asText()).isNotBlank();
        assertThat(env.at("/floor/fsyncP50Micros").asDouble()).isPositive();
        assertThat(env.at("/floor/fsyncP99Micros").asDouble()).isGreaterThanOrEqualTo(env.at("/floor/fsyncP50Micros").asDouble());
        assertThat(env.at("/floor/loopbackRttP50Micros").asDouble()).isPositive();
        assertThat(env.at("/recordingOverheadNanos").asDouble()).isPositive();
        assertThat(env.at("/gitRevision").asText()).isNotBlank();
        assertThat(env.at("/parameters/profile").asText()).isEqualTo("test");
        // The link layer's own cost at rttMs=0: the same probe directly and through a link-layer proxy.
        JsonNode link = env.at("/parameters/" + RunEnvironment.LINK_LAYER_PROBE);
        assertThat(link.at("/direct/p50Micros").asDouble()).as(link.toString()).isPositive();
        assertThat(link.at("/throughLinkLayer/p50Micros").asDouble()).isPositive();
        assertThat(link.at("/throughLinkLayer/path").asText()).contains("link layer");
        assertThat(link.has("overheadP50Micros")).isTrue();
        // Every engine on the classpath says what "durable" means for it.
        assertThat(env.at("/engines/baseline-durable/durability").asText()).contains("force");
        assertThat(env.at("/engines/baseline/durability").asText()).isNotBlank();
    }
}
