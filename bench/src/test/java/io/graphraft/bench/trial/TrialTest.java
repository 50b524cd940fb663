package io.graphraft.bench.trial;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Setting;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialTest {
    @TempDir
    Path temp;

    @Test
    void theHarnessDefaultsAreTheClusterSpecDefaults() {
        ClusterSpec fromDefaults = Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "baseline-durable")).spec(temp).build();
        assertThat(fromDefaults.describe()).isEqualTo(ClusterSpec.builder(temp).build().describe());
        assertThat(TrialParameters.DEFAULTS.keySet()).allSatisfy(key -> assertThat(
                key.equals(TrialParameters.OPTIONS) || Setting.byParameter(key).isPresent()).as(key).isTrue());
    }

    /** Reports read these names from run folders; the trial model sets settings by the same names. */
    @Test
    void trialParametersAreTheSettingsParameters() {
        assertThat(Setting.NODES.parameter()).isEqualTo(TrialParameters.NODES);
        assertThat(Setting.DURABILITY.parameter()).isEqualTo(TrialParameters.DURABILITY);
        assertThat(Setting.CODEC.parameter()).isEqualTo(TrialParameters.CODEC);
        assertThat(Setting.STORE.parameter()).isEqualTo(TrialParameters.STORE);
        assertThat(Setting.ELECTION_TIMEOUT.parameter()).isEqualTo(TrialParameters.ELECTION_TIMEOUT_MS);
    }

    @Test
    void parametersNamedAfterASettingSetIt() {
        ClusterSpec spec = Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "nodes", "3",
                "durability", "none", "store", "rocksdb", "options", "rpc=grpc", "snapshotThreshold", "50")).spec(temp).build();
        assertThat(spec.nodes()).isEqualTo(3);
        assertThat(spec.describe()).containsEntry("durability", "none").containsEntry("store", "rocksdb")
                .containsEntry("snapshotThreshold", 50L).containsEntry("options", Map.of("rpc", "grpc"));
    }

    @Test
    void anElectionTimeoutBringsAHeartbeatOfASixthWhereTheEngineHasOne() {
        ClusterSpec copycat = spec(BenchmarkId.STEADY_WRITES, "copycat", "electionTimeoutMs", "300");
        assertThat(copycat.electionTimeout()).contains(Duration.ofMillis(300));
        assertThat(copycat.heartbeatInterval()).contains(Duration.ofMillis(50));
        ClusterSpec ratis = spec(BenchmarkId.STEADY_WRITES, "ratis", "electionTimeoutMs", "300");
        assertThat(ratis.electionTimeout()).contains(Duration.ofMillis(300));
        assertThat(ratis.heartbeatInterval()).as("ratis derives its heartbeat").isEmpty();
        ClusterSpec engineDefault = spec(BenchmarkId.STEADY_WRITES, "copycat", "electionTimeoutMs", "default");
        assertThat(engineDefault.electionTimeout()).isEmpty();
        assertThat(engineDefault.heartbeatInterval()).isEmpty();
    }

    @Test
    void aWorkloadAddsItsOwnSettings() {
        ClusterSpec ratis = spec(BenchmarkId.CATCH_UP, "ratis", "nodes", "3");
        assertThat(ratis.snapshotThreshold()).contains(1000L);
        assertThat(ratis.trailingLogs()).contains(Workload.CATCH_UP_TRAILING_LOGS);
        ClusterSpec copycat = spec(BenchmarkId.CATCH_UP, "copycat", "nodes", "3");
        assertThat(copycat.snapshotThreshold()).contains(1000L);
        assertThat(copycat.trailingLogs()).as("copycat keeps no entries behind a snapshot").isEmpty();
        assertThat(spec(BenchmarkId.FAILOVER, "ratis", "nodes", "3").requestTimeout())
                .isEqualTo(Workload.FAILOVER_REQUEST_TIMEOUT);
        assertThat(spec(BenchmarkId.WRITE_LATENCY, "ratis", "nodes", "3").requestTimeout())
                .isEqualTo(ClusterSpec.DEFAULT_REQUEST_TIMEOUT);
    }

    @Test
    void aTrialAnEngineCannotRunSaysWhy() {
        assertThat(Trial.of(BenchmarkId.COLD_START, Map.of("engine", "baseline-durable", "nodes", "3")).skipReason())
                .hasValueSatisfying(r -> assertThat(r).contains("'baseline-durable' lacks REPLICATION"));
        assertThat(Trial.of(BenchmarkId.FAILOVER, Map.of("engine", "ratis", "nodes", "1")).skipReason())
                .hasValueSatisfying(r -> assertThat(r).contains("leaderCrashToFirstWrite needs a replicated cluster"));
        assertThat(Trial.of(BenchmarkId.RESTART, Map.of("engine", "ratis", "nodes", "3")).skipReason())
                .hasValueSatisfying(r -> assertThat(r).contains("nodes=1"));
        assertThat(Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "heartbeatIntervalMs", "50")).skipReason())
                .hasValueSatisfying(r -> assertThat(r).contains("'heartbeatInterval'"));
        assertThat(Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "baseline", "durability", "none")).skipReason())
                .isEmpty();
        assertThatThrownBy(() -> Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "nodes", "many")).skipReason())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodes").hasMessageContaining("'many'");
        assertThatThrownBy(() -> Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "etcd")))
                .hasMessageContaining("'etcd'").hasMessageContaining("known engines");
    }

    @Test
    void theNameIsTheBenchmarkAndEveryParameterAsGiven() {
        Trial trial = Trial.of(BenchmarkId.BATCHING, Map.of("engine", "ratis", "opsPerEntry", "100", "nodes", "3"));
        assertThat(trial.name().fileName()).isEqualTo("BatchingBenchmark.writeEntry-engine=ratis-nodes=3-opsPerEntry=100");
    }

    private ClusterSpec spec(BenchmarkId benchmark, String engine, String key, String value) {
        return Trial.of(benchmark, Map.of("engine", engine, key, value)).spec(temp).build();
    }
}
