package io.graphraft.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentReportTest {
    @TempDir
    Path temp;

    @Test
    void envJsonHoldsWhatTheNumbersDependOn() throws IOException {
        EnvironmentReport.collect(Map.of("profile", "test")).write(temp);
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
        // Every engine on the classpath says what "durable" means for it.
        assertThat(env.at("/engines/baseline-durable/durability").asText()).contains("force");
        assertThat(env.at("/engines/baseline/durability").asText()).isNotBlank();
    }
}
