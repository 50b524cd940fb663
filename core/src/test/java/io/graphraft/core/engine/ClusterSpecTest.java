package io.graphraft.core.engine;

import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSpecTest {
    @TempDir
    Path temp;

    private final EngineSupport singleNodeInMemory = EngineSupport.builder()
            .durabilities(Durability.NONE)
            .option("log", "filechannel", "rocksdb")
            .build();

    @Test
    void invalidValuesAreRejectedNamingTheSetting() {
        ClusterSpec.Builder builder = ClusterSpec.builder(temp);
        assertThatThrownBy(() -> builder.nodes(0)).hasMessageContaining("nodes");
        assertThatThrownBy(() -> builder.electionTimeout(Duration.ZERO)).hasMessageContaining("electionTimeout");
        assertThatThrownBy(() -> builder.snapshotThreshold(-1)).hasMessageContaining("snapshotThreshold");
        assertThatThrownBy(() -> builder.trailingLogs(-5)).hasMessageContaining("trailingLogs");
        assertThatThrownBy(() -> builder.appendBatchMaxEntries(0)).hasMessageContaining("appendBatchMaxEntries");
        assertThatThrownBy(() -> builder.option(" ", "x")).hasMessageContaining("option");
        assertThatThrownBy(() -> ClusterSpec.builder(temp).electionTimeout(Duration.ofMillis(100))
                .heartbeatInterval(Duration.ofMillis(100)).build())
                .hasMessageContaining("heartbeatInterval").hasMessageContaining("electionTimeout");
    }

    @Test
    void aMissingDataDirectoryIsNamed() {
        Path missing = temp.resolve("nope");
        assertThatThrownBy(() -> ClusterSpec.builder(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataDirectory").hasMessageContaining(missing.toString());
    }

    @Test
    void engineSupportNamesTheUnsupportedSetting() {
        assertThat(singleNodeInMemory.unsupported("e", ClusterSpec.builder(temp).durability(Durability.NONE).build()))
                .isEmpty();
        assertThat(singleNodeInMemory.unsupported("e", ClusterSpec.builder(temp).nodes(3).durability(Durability.NONE).build()))
                .hasValueSatisfying(m -> assertThat(m).contains("nodes=3"));
        assertThat(singleNodeInMemory.unsupported("e", ClusterSpec.builder(temp).build()))
                .hasValueSatisfying(m -> assertThat(m).contains("durability=FSYNC"));
        assertThat(singleNodeInMemory.unsupported("e", ClusterSpec.builder(temp).durability(Durability.NONE)
                .electionTimeout(Duration.ofSeconds(1)).build()))
                .hasValueSatisfying(m -> assertThat(m).contains("'electionTimeout'"));
        assertThat(singleNodeInMemory.unsupported("e", ClusterSpec.builder(temp).durability(Durability.NONE)
                .option("rpc", "netty").build()))
                .hasValueSatisfying(m -> assertThat(m).contains("no option 'rpc'").contains("[log]"));
        assertThat(singleNodeInMemory.unsupported("e", ClusterSpec.builder(temp).durability(Durability.NONE)
                .option("log", "bolt").build()))
                .hasValueSatisfying(m -> assertThat(m).contains("'bolt'").contains("filechannel"));
        assertThatThrownBy(() -> singleNodeInMemory.require("e", ClusterSpec.builder(temp).store(StoreKind.ROCKSDB).build()))
                .isInstanceOf(UnsupportedSettingException.class);
    }

    @Test
    void toBuilderKeepsEverySetting() {
        ClusterSpec spec = ClusterSpec.builder(temp).nodes(3).snapshotThreshold(100).trailingLogs(10)
                .electionTimeout(Duration.ofMillis(800)).option("rpc", "grpc").build();
        assertThat(spec.toBuilder().build().describe()).isEqualTo(spec.describe());
        assertThat(spec.explicitSettings()).containsExactlyInAnyOrder(Setting.SNAPSHOT_THRESHOLD,
                Setting.TRAILING_LOGS, Setting.ELECTION_TIMEOUT);
        assertThat(spec.nodeDirectory(2)).isEqualTo(temp.resolve("node-2"));
    }

    @Test
    void settingsParseFromTheirParameter() {
        ClusterSpec spec = ClusterSpec.builder(temp).parse(Setting.NODES, "3").parse(Setting.DURABILITY, "none")
                .parse(Setting.ELECTION_TIMEOUT, "300").build();
        assertThat(spec.nodes()).isEqualTo(3);
        assertThat(spec.durability()).isEqualTo(Durability.NONE);
        assertThat(spec.electionTimeout()).contains(Duration.ofMillis(300));
        assertThat(spec.heartbeatInterval()).isEmpty();
        assertThat(spec.describe()).containsEntry("electionTimeoutMs", 300L).containsEntry("durability", "none")
                .containsEntry("requestTimeoutMs", 10_000L).doesNotContainKey("heartbeatIntervalMs");
        assertThat(Setting.byParameter("electionTimeoutMs")).contains(Setting.ELECTION_TIMEOUT);
        assertThatThrownBy(() -> ClusterSpec.builder(temp).parse(Setting.ELECTION_TIMEOUT, "soon"))
                .hasMessageContaining("electionTimeoutMs").hasMessageContaining("'soon'");
        assertThatThrownBy(() -> ClusterSpec.builder(temp).parse(Setting.DURABILITY, "maybe"))
                .hasMessageContaining("'maybe'").hasMessageContaining("fsync");
        assertThatThrownBy(() -> ClusterSpec.builder(temp).parse(Setting.NODES, "9")).hasMessageContaining("nodes");
    }

    @Test
    void defaultsAreTheSettingsDefaults() {
        ClusterSpec spec = ClusterSpec.builder(temp).build();
        assertThat(spec.describe()).containsExactly(java.util.Map.entry("nodes", 1), java.util.Map.entry("durability", "fsync"),
                java.util.Map.entry("store", "heap"), java.util.Map.entry("codec", "binary"),
                java.util.Map.entry("requestTimeoutMs", 10_000L));
        assertThat(spec.explicitSettings()).isEmpty();
    }

    @Test
    void engineOptionsParseFromKeyValuePairs() {
        ClusterSpec spec = ClusterSpec.builder(temp).options("rpc=grpc; log=rocksdb;").build();
        assertThat(spec.options()).containsEntry("rpc", "grpc").containsEntry("log", "rocksdb").hasSize(2);
        assertThatThrownBy(() -> ClusterSpec.builder(temp).options("rpc")).hasMessageContaining("'rpc' is not key=value");
    }

    @Test
    void unknownEngineListsTheKnownOnes() {
        assertThatThrownBy(() -> Engines.byName("etcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'etcd'").hasMessageContaining("known engines");
    }
}
