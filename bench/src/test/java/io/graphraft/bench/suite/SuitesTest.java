package io.graphraft.bench.suite;

import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the curated suites promise beyond the six questions: processes, round trips, client batching. */
class SuitesTest {

    @Test
    void quickRunsOneProcessTopologyOneLinkLayerAndOneBatchingTrial() {
        List<SuiteStep> quick = Suites.quick();
        assertThat(quick).anySatisfy(s -> assertThat(s.params().get(TrialParameters.TOPOLOGY)).containsExactly("process"));
        assertThat(quick).anySatisfy(s -> assertThat(s.params().get(TrialParameters.RTT_MS)).hasSize(1));
        assertThat(quick).anySatisfy(s -> assertThat(s.params().get(TrialParameters.CLIENT_BATCHING)).containsExactly("auto"));
    }

    /** CI proves with the quick suite that each benchmark runs and writes its files: none may be left out. */
    @Test
    void quickRunsEveryJmhBenchmark() {
        List<BenchmarkId> ran = Suites.quick().stream().map(SuiteStep::benchmark).toList();
        for (BenchmarkId benchmark : BenchmarkId.values()) {
            if (benchmark.jmh()) {
                assertThat(ran).as(benchmark.id()).contains(benchmark);
            }
        }
    }

    @Test
    void theDefaultSuiteRunsProcessesAndEveryZoneRoundTripForLatencyAndSixtyFourWriters() {
        List<SuiteStep> standard = Suites.standard();
        for (BenchmarkId benchmark : List.of(BenchmarkId.WRITE_LATENCY, BenchmarkId.FAILOVER, BenchmarkId.RESTART)) {
            assertThat(standard).as(benchmark.id()).anySatisfy(s -> {
                assertThat(s.benchmark()).isEqualTo(benchmark);
                assertThat(s.params().get(TrialParameters.TOPOLOGY)).containsExactly("process");
            });
        }
        assertThat(standard).anySatisfy(s -> {
            assertThat(s.benchmark()).isEqualTo(BenchmarkId.WRITE_LATENCY);
            assertThat(s.params().get(TrialParameters.RTT_MS)).isEqualTo(Suites.ZONE_RTTS_MS);
            assertThat(s.params().get(TrialParameters.NODES)).containsExactly("3");
        });
        assertThat(standard).anySatisfy(s -> {
            assertThat(s.benchmark()).isEqualTo(BenchmarkId.CONCURRENT_WRITERS);
            assertThat(s.params().get(TrialParameters.RTT_MS)).isEqualTo(Suites.ZONE_RTTS_MS);
            assertThat(s.params().get(TrialParameters.WRITERS)).containsExactly("64");
        });
        assertThat(Suites.ZONE_RTTS_MS).containsExactly("0", "2", "10");
    }
}
