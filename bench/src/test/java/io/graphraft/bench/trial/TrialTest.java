package io.graphraft.bench.trial;

import io.graphraft.bench.run.ForkFlags;
import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.cluster.Topology;
import io.graphraft.core.client.BatchPolicy;
import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.engine.Setting;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialTest {
    @TempDir
    Path temp;

    @Test
    void theHarnessDefaultsAreTheClusterSpecDefaults() {
        ClusterSpec fromDefaults = Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "baseline-durable")).spec(temp).build();
        assertThat(fromDefaults.describe()).isEqualTo(ClusterSpec.builder(temp).build().describe());
        assertThat(TrialParameters.DEFAULTS.keySet()).allSatisfy(key -> assertThat(key.equals(TrialParameters.OPTIONS)
                || TrialParameters.VARIANTS.contains(key) || Setting.byParameter(key).isPresent()).as(key).isTrue());
    }

    @Test
    void withoutDeploymentParametersMembersShareThisJvmAndReachEachOtherDirectly() {
        Trial trial = Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "nodes", "3"));
        Deployment deployment = trial.deployment();
        assertThat(deployment.topology()).isEqualTo(Topology.JVM);
        assertThat(deployment.linkLayer()).isEmpty();
        assertThat(deployment.nodeJvmFlags()).isEmpty();
        assertThat(trial.clientBatching()).isEmpty();
    }

    @Test
    void aClusterFilePutsProcessMembersOnItsAgentsAndLeavesJvmTrialsAlone() throws Exception {
        Path file = java.nio.file.Files.writeString(temp.resolve("cluster.json"),
                "{\"agents\": [{\"address\": \"127.0.0.2:7100\"}, {\"address\": \"127.0.0.3:7100\"}]}");
        Deployment onAgents = Trial.of(BenchmarkId.FAILOVER, Map.of("engine", "ratis", "nodes", "3",
                "topology", "process")).deployment(Optional.of(file));
        assertThat(onAgents.agents()).hasValueSatisfying(agents -> assertThat(agents.agents()).hasSize(2));
        assertThat(Trial.of(BenchmarkId.FAILOVER, Map.of("engine", "ratis", "nodes", "3")).deployment(Optional.of(file)).agents())
                .isEmpty();
        Path broken = java.nio.file.Files.writeString(temp.resolve("broken.json"), "{\"agents\": []}");
        assertThatThrownBy(() -> Trial.of(BenchmarkId.FAILOVER, Map.of("engine", "ratis", "nodes", "3",
                "topology", "process")).deployment(Optional.of(broken)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.json");
    }

    @Test
    void processTopologyGivesNodeJvmsTheForksFlags() {
        Deployment deployment = Trial.of(BenchmarkId.FAILOVER, Map.of("engine", "ratis", "nodes", "3",
                "topology", "process")).deployment();
        assertThat(deployment.topology()).isEqualTo(Topology.PROCESS);
        assertThat(deployment.nodeJvmFlags()).isEqualTo(ForkFlags.nodes()).contains(ForkFlags.HEAP);
    }

    @Test
    void anyRoundTripIncludingZeroGoesThroughTheLinkLayer() {
        assertThat(deployment("rttMs", "0").linkLayer()).contains(LinkSettings.rtt(Duration.ZERO));
        assertThat(deployment("rttMs", "0.5").linkLayer()).contains(LinkSettings.rtt(Duration.ofNanos(500_000)));
        assertThat(deployment("rttMs", "10").linkLayer()).contains(LinkSettings.rtt(Duration.ofMillis(10)));
        assertThat(deployment("rttMs", "none").linkLayer()).isEmpty();
    }

    @Test
    void clientBatchingAutoIsTheAutoPolicy() {
        assertThat(Trial.of(BenchmarkId.CONCURRENT_WRITERS, Map.of("engine", "ratis", "clientBatching", "auto"))
                .clientBatching()).contains(BatchPolicy.auto());
        assertThat(Trial.of(BenchmarkId.CONCURRENT_WRITERS, Map.of("engine", "ratis", "clientBatching", "off"))
                .clientBatching()).isEmpty();
    }

    @Test
    void badDeploymentValuesAreMistakesNamingTheValidOnes() {
        assertThatThrownBy(() -> trial("topology", "docker").skipReason()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'").hasMessageContaining("[jvm, process]");
        assertThatThrownBy(() -> trial("rttMs", "-1").skipReason()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rttMs").hasMessageContaining("'-1'").hasMessageContaining("none");
        assertThatThrownBy(() -> trial("rttMs", "fast").skipReason()).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> trial("rttMs", "NaN").skipReason()).hasMessageContaining("'NaN'");
        assertThatThrownBy(() -> trial("clientBatching", "on").skipReason()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientBatching").hasMessageContaining("'on'").hasMessageContaining("[off, auto]");
    }

    @Test
    void anEngineThatCannotRunAsProcessesIsSkippedWithItsReason() {
        assertThat(Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "baseline", "durability", "none", "topology", "process")).skipReason())
                .hasValueSatisfying(r -> assertThat(r).contains("'baseline'").contains("topology=process"));
        assertThat(Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "nodes", "3", "topology", "process",
                "rttMs", "2")).skipReason()).isEmpty();
    }

    @Test
    void variantsAtTheirDefaultAreLeftOutOfTheName() {
        Map<String, String> params = new java.util.HashMap<>(Map.of("engine", "ratis", "nodes", "3", "topology", "jvm",
                "rttMs", "none", "clientBatching", "off"));
        assertThat(Trial.of(BenchmarkId.WRITE_LATENCY, params).name().fileName())
                .isEqualTo("WriteLatencyBenchmark.createNode-engine=ratis-nodes=3");
        params.putAll(Map.of("topology", "process", "rttMs", "2", "clientBatching", "auto"));
        assertThat(Trial.of(BenchmarkId.WRITE_LATENCY, params).name().fileName()).isEqualTo(
                "WriteLatencyBenchmark.createNode-clientBatching=auto-engine=ratis-nodes=3-rttMs=2-topology=process");
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

    /** A read trial needs its level's capability: a gap skips it with the engine's own reason. */
    @Test
    void aReadTrialAtALevelTheEngineLacksIsSkippedWithTheEnginesReason() {
        // the in-memory baseline is one node: it has no follower to read from, and says so
        assertThat(Trial.of(BenchmarkId.READ_LATENCY, Map.of("engine", "baseline", "durability", "none",
                "consistency", "FOLLOWER")).skipReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("'baseline' lacks FOLLOWER_READ")
                .contains(Engines.byName("baseline").capabilities().gap(Capability.FOLLOWER_READ).orElseThrow()));
        assertThat(Trial.of(BenchmarkId.READ_LATENCY, Map.of("engine", "baseline", "durability", "none",
                "consistency", "LOCAL")).skipReason()).isEmpty();
        Workload reads = Workload.of(BenchmarkId.READ_LATENCY);
        Engine copycat = Engines.byName("copycat");
        Engine withFollowerReads = (Engine) java.lang.reflect.Proxy.newProxyInstance(Engine.class.getClassLoader(),
                new Class<?>[] {Engine.class}, (proxy, method, args) -> method.getName().equals("capabilities")
                        ? Capabilities.all() : method.invoke(copycat, args));
        assertThat(reads.unmet(withFollowerReads, 1, Optional.of(ReadConsistency.FOLLOWER)))
                .hasValueSatisfying(r -> assertThat(r).contains("from a follower").contains("nodes=3"));
        assertThat(reads.unmet(withFollowerReads, 3, Optional.of(ReadConsistency.FOLLOWER))).isEmpty();
        for (String level : new String[] {"LINEARIZABLE", "LOCAL"}) {
            assertThat(Trial.of(BenchmarkId.READ_LATENCY, Map.of("engine", "copycat", "nodes", "3", "consistency", level))
                    .skipReason()).as(level).isEmpty();
        }
        assertThatThrownBy(() -> Trial.of(BenchmarkId.READ_LATENCY, Map.of("engine", "ratis", "consistency", "STRONG")))
                .hasMessageContaining("consistency 'STRONG'").hasMessageContaining("[LOCAL, FOLLOWER, LEASE, LINEARIZABLE]");
        assertThatThrownBy(() -> Trial.check("consistency", "linearizable")).hasMessageContaining("values");
    }

    @Test
    void aBadValueIsRefusedWhenTheTrialIsMadeNamingTheParameter() {
        assertThatThrownBy(() -> Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "durability", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durability").hasMessageContaining("[fsync, none]");
        assertThatThrownBy(() -> Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "store", "tape")))
                .hasMessageContaining("[heap, rocksdb]");
        assertThatThrownBy(() -> Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "electionTimeoutMs", "-5")))
                .hasMessageContaining("electionTimeout must be a positive duration");
        assertThatThrownBy(() -> Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "options", "grpc")))
                .hasMessageContaining("engine option 'grpc' is not key=value");
    }

    @Test
    void theDefaultWorkloadLeavesTheTrialNameAsItWasAndAMixIsNamed() {
        Trial writes = Trial.of(BenchmarkId.OPEN_LOOP, Map.of("engine", "baseline", "workload", TrialParameters.DEFAULT_WORKLOAD));
        assertThat(writes.name().params()).doesNotContainKey(TrialParameters.WORKLOAD)
                .isEqualTo(Trial.of(BenchmarkId.OPEN_LOOP, Map.of("engine", "baseline")).name().params());
        assertThat(Trial.of(BenchmarkId.OPEN_LOOP, Map.of("engine", "baseline", "workload", "b")).name()
                .param(TrialParameters.WORKLOAD)).hasValue("b");
    }

    @Test
    void checkParsesAValueAsTheTrialDoesAndLeavesBenchmarkParametersAlone() {
        assertThat(Trial.checkedParameters()).contains("engine", "nodes", "durability", "store", "codec", "options",
                "electionTimeoutMs");
        Trial.check("nodes", "3");
        Trial.check("electionTimeoutMs", TrialParameters.ENGINE_DEFAULT);
        Trial.check("opsPerEntry", "anything: the benchmark's own");
        assertThatThrownBy(() -> Trial.check("engine", "etcd")).hasMessageContaining("known engines");
        Trial.check("workload", "b");
        assertThatThrownBy(() -> Trial.check("workload", "e")).hasMessageContaining("unknown workload 'e'")
                .hasMessageContaining("[writes, a, b, c, ingest]");
        assertThatThrownBy(() -> Trial.check("nodes", "abc")).hasMessageContaining("nodes must be a number, was 'abc'");
        assertThatThrownBy(() -> Trial.check("nodes", "8")).hasMessageContaining("nodes must be between 1 and 7, was 8");
        assertThatThrownBy(() -> Trial.check("codec", "xml")).hasMessageContaining("[binary, json]");
    }

    @Test
    void theNameIsTheBenchmarkAndEveryParameterAsGiven() {
        Trial trial = Trial.of(BenchmarkId.BATCHING, Map.of("engine", "ratis", "opsPerEntry", "100", "nodes", "3"));
        assertThat(trial.name().fileName()).isEqualTo("BatchingBenchmark.writeEntry-engine=ratis-nodes=3-opsPerEntry=100");
    }

    private static Trial trial(String key, String value) {
        return Trial.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "ratis", "nodes", "3", key, value));
    }

    private static Deployment deployment(String key, String value) {
        return trial(key, value).deployment();
    }

    private ClusterSpec spec(BenchmarkId benchmark, String engine, String key, String value) {
        return Trial.of(benchmark, Map.of("engine", engine, key, value)).spec(temp).build();
    }
}
