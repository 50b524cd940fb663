package io.graphraft.bench.suite;

import io.graphraft.bench.run.ForkFlags;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.reports.runfiles.BenchmarkId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteRunnerTest {
    @TempDir
    Path temp;

    private final SuiteRunner runner = new SuiteRunner(temp, List.of(), new PrintStream(PrintStream.nullOutputStream()));

    @Test
    void stepsExpandToEveryCombinationAndEveryEngineWhenNoneIsNamed() {
        SuiteStep step = SuiteStep.of(BenchmarkId.WRITE_LATENCY, SuiteStep.Timing.ANNOTATED,
                "nodes=1,3", "durability=fsync,none");
        List<Map<String, String>> combinations = runner.combinations(step);
        assertThat(combinations).contains(Map.of("engine", "baseline-durable", "nodes", "3", "durability", "none"));
        assertThat(combinations.size() % 4).isZero();
    }

    @Test
    void combinationsAnEngineCannotRunAreSkippedWithItsReason() {
        SuiteStep write = SuiteStep.of(BenchmarkId.WRITE_LATENCY, SuiteStep.Timing.ANNOTATED);
        assertThat(runner.whyNot(write, Map.of("engine", "baseline", "nodes", "3")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("nodes=3"));
        assertThat(runner.whyNot(write, Map.of("engine", "baseline", "durability", "fsync")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("durability=FSYNC"));
        assertThat(runner.whyNot(write, Map.of("engine", "baseline-durable", "durability", "fsync"))).isEmpty();

        SuiteStep restart = SuiteStep.of(BenchmarkId.RESTART, SuiteStep.Timing.ANNOTATED);
        assertThat(runner.whyNot(restart, Map.of("engine", "baseline", "durability", "none")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("DURABLE_RESTART"));
    }

    /** JMH replaces an annotation's jvmArgsAppend with the launcher's: the engine flags must travel in prepend. */
    @Test
    void everyForkGetsEveryEnginesFlagsTheHeapAndTheRunFolder() {
        SuiteStep step = SuiteStep.of(BenchmarkId.WRITE_LATENCY, SuiteStep.Timing.ANNOTATED);
        SuiteRunner inTemp = new SuiteRunner(temp, List.of(), new PrintStream(PrintStream.nullOutputStream()));
        List<String> prepend = inTemp.options(step, Map.of("engine", "baseline-durable")).getJvmArgsPrepend().get()
                .stream().toList();
        assertThat(prepend).contains(ForkFlags.HEAP, "-D" + RunDirectory.PROPERTY + "=" + temp);
        for (Engine engine : Engines.available()) {
            assertThat(prepend).as(engine.name()).containsAll(engine.jvmFlags());
        }
        assertThat(Engines.byName("copycat").jvmFlags()).as("an engine that declares flags is on the classpath").isNotEmpty();
    }

    @Test
    void unknownParametersAndBenchmarksAreNamed() {
        assertThatThrownBy(() -> runner.combinations(SuiteStep.of(BenchmarkId.WRITE_LATENCY,
                SuiteStep.Timing.ANNOTATED, "colour=red"))).hasMessageContaining("'colour'");
        assertThatThrownBy(() -> runner.combinations(new SuiteStep(BenchmarkId.LOAD, Map.of(), SuiteStep.Timing.ANNOTATED)))
                .hasMessageContaining("no benchmark").hasMessageContaining("load");
    }

    /** Reports find results by these ids: each must be a benchmark JMH knows. */
    @Test
    void everyBenchmarkIdNamesARealJmhBenchmark() {
        for (BenchmarkId id : BenchmarkId.values()) {
            if (id.jmh()) {
                assertThat(runner.combinations(new SuiteStep(id, Map.of(), SuiteStep.Timing.ANNOTATED))).as(id.id()).isNotEmpty();
            }
        }
    }

    @Test
    void everyCuratedStepNamesARealBenchmarkAndParameters() {
        for (String profile : Suites.PROFILES) {
            for (SuiteStep step : Suites.named(profile)) {
                assertThat(runner.combinations(step)).as(step.benchmark().id()).isNotEmpty();
            }
        }
    }
}
