package io.graphraft.reports.runfiles;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrialNameTest {
    static final String DURABLE_FSYNC =
            "WriteLatencyBenchmark.createNode-codec=binary-durability=fsync-engine=baseline-durable-nodes=1-options=-store=heap";

    @Test
    void trialNamesKeepDashesInsideValues() {
        TrialName name = TrialName.parse(DURABLE_FSYNC);
        assertThat(name.benchmark()).isEqualTo("WriteLatencyBenchmark.createNode");
        assertThat(name.param("engine", "")).isEqualTo("baseline-durable");
        assertThat(name.param("options", "?")).isEmpty();
        assertThat(TrialName.parse("X.y-options=log=rocksdb-store=heap").param("options", "")).isEqualTo("log=rocksdb");
    }

    @Test
    void aFileNameParsesBackToTheSameTrial() {
        TrialName trial = TrialName.of(BenchmarkId.WRITE_LATENCY, Map.of("engine", "baseline-durable", "nodes", "1",
                "durability", "fsync", "codec", "binary", "store", "heap", "options", ""));
        assertThat(trial.fileName()).isEqualTo(DURABLE_FSYNC);
        assertThat(TrialName.parse(trial.fileName())).isEqualTo(trial);
        TrialName response = trial.with("latency", "response");
        assertThat(response.fileName()).isEqualTo(DURABLE_FSYNC + "-latency=response");
        assertThat(TrialName.parse(response.fileName())).isEqualTo(response);
    }

    @Test
    void unsafeCharactersBecomeUnderscores() {
        assertThat(TrialName.of("B.m", Map.of("options", "rpc=grpc;appenderWaitMs=0")).fileName())
                .isEqualTo("B.m-options=rpc=grpc_appenderWaitMs=0");
    }
}
