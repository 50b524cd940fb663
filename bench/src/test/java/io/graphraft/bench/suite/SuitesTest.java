package io.graphraft.bench.suite;

import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the curated suites promise: every question, processes, round trips, client batching, and their budgets. */
class SuitesTest {
    private final SuiteRunner runner = new SuiteRunner(Path.of("unused"), List.of(), new PrintStream(PrintStream.nullOutputStream()));

    @Test
    void quickRunsOneProcessTopologyOneLinkLayerAndOneBatchingTrial() {
        List<SuiteStep> quick = Suites.quick();
        assertThat(quick).anySatisfy(s -> assertThat(s.params().get(TrialParameters.TOPOLOGY)).containsExactly("process"));
        assertThat(quick).anySatisfy(s -> assertThat(s.params().get(TrialParameters.RTT_MS)).hasSize(1));
        assertThat(quick).anySatisfy(s -> assertThat(s.params().get(TrialParameters.CLIENT_BATCHING)).containsExactly("auto"));
        assertThat(quick).anySatisfy(s -> {
            assertThat(s.benchmark()).isEqualTo(BenchmarkId.OPEN_LOOP);
            assertThat(s.params().get(TrialParameters.WORKLOAD)).containsExactly("b");
        });
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
    void theDefaultSuiteRunsProcessesForLatencyFailoverAndRestartAndDistantZones() {
        List<SuiteStep> standard = Suites.standard();
        for (BenchmarkId benchmark : List.of(BenchmarkId.WRITE_LATENCY, BenchmarkId.FAILOVER, BenchmarkId.RESTART)) {
            assertThat(standard).as(benchmark.id()).anySatisfy(s -> {
                assertThat(s.benchmark()).isEqualTo(benchmark);
                assertThat(s.params().get(TrialParameters.TOPOLOGY)).containsExactly("process");
            });
        }
        assertThat(standard).anySatisfy(s -> {
            assertThat(s.benchmark()).isEqualTo(BenchmarkId.WRITE_LATENCY);
            assertThat(s.params().get(TrialParameters.RTT_MS)).containsExactly(Suites.DEFAULT_ZONE_RTT_MS);
        });
    }

    @Test
    void theFullSuiteRunsEveryZoneRoundTripForLatencyAndSixtyFourWriters() {
        for (BenchmarkId benchmark : List.of(BenchmarkId.WRITE_LATENCY, BenchmarkId.CONCURRENT_WRITERS)) {
            assertThat(Suites.full()).as(benchmark.id()).anySatisfy(s -> {
                assertThat(s.benchmark()).isEqualTo(benchmark);
                assertThat(s.params().get(TrialParameters.RTT_MS)).isEqualTo(Suites.ZONE_RTTS_MS);
            });
        }
        assertThat(Suites.ZONE_RTTS_MS).containsExactly("0", "2", "10");
    }

    /** The budgets the README states, on the suites' own estimates (a run's env.json records what it really took). */
    @Test
    void theDefaultSuiteIsPlannedWithinTwentyMinutesAndQuickWithinThree() {
        assertThat(runner.plan(Suites.standard()).estimatedSeconds()).isLessThanOrEqualTo(20 * 60);
        assertThat(runner.plan(Suites.quick()).estimatedSeconds()).isLessThanOrEqualTo(3 * 60);
        assertThat(runner.plan(Suites.full()).estimatedSeconds()).isGreaterThan(runner.plan(Suites.standard()).estimatedSeconds());
    }

    @Test
    void everyHeadlineFigureOfTheDefaultSuiteGetsTheHeadlineTimings() {
        List<SuiteStep> standard = Suites.standard();
        assertThat(standard).anySatisfy(s -> {
            assertThat(s.benchmark()).isEqualTo(BenchmarkId.CONCURRENT_WRITERS);
            assertThat(s.params().get(TrialParameters.WRITERS)).containsExactly("64");
            assertThat(s.timing()).isEqualTo(Suites.HEADLINE_THROUGHPUT);
        });
        assertThat(standard).anySatisfy(s -> {
            assertThat(s.benchmark()).isEqualTo(BenchmarkId.WRITE_LATENCY);
            assertThat(s.params().get(TrialParameters.NODES)).containsExactly("3");
            assertThat(s.timing()).isEqualTo(Suites.HEADLINE_LATENCY);
        });
    }
}
