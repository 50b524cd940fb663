package io.graphraft.reports;

import io.graphraft.reports.runfiles.RunEnvironment;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {
    @TempDir
    Path temp;

    @Test
    void twoRunsSideBySideWithHdrHistogramsOwnPercentiles() throws IOException {
        Path a = FixtureRuns.copy("run-a", temp);
        Path b = FixtureRuns.copy("run-b", temp);
        Comparison comparison = Comparison.ofRuns(RunFolder.load(a), RunFolder.load(b));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        comparison.print(new PrintStream(out, true));
        String table = out.toString();

        assertThat(comparison.pairs()).isNotEmpty();
        Histogram ownA = ReportWriterTest.measured(a.resolve(ReportWriterTest.DURABLE_FSYNC + ".hlog"));
        Histogram ownB = ReportWriterTest.measured(b.resolve(ReportWriterTest.DURABLE_FSYNC + ".hlog"));
        String section = table.substring(table.indexOf("WriteLatencyBenchmark.createNode baseline-durable 1n fsync"));
        String p99 = section.lines().filter(l -> l.trim().startsWith("p99 ")).findFirst().orElseThrow();
        assertThat(p99).contains(String.format(Locale.ROOT, "%.1f", ownA.getValueAtPercentile(99) / 1000.0))
                .contains(String.format(Locale.ROOT, "%.1f", ownB.getValueAtPercentile(99) / 1000.0));
        assertThat(table).contains("p50", "p90", "p99", "p99.9", "max", "B/A");

        Path chart = temp.resolve("overlay.png");
        comparison.chart(chart);
        assertThat(Files.size(chart)).isPositive();
    }

    @Test
    void twoEnginesOfOneRunAreMatchedOnEveryOtherParameter() {
        Path a = FixtureRuns.copy("run-a", temp);
        Comparison comparison = Comparison.ofEngines(RunFolder.load(a), "baseline", "baseline-durable");
        assertThat(comparison.pairs()).hasSize(1);
        assertThat(comparison.pairs().get(0).label()).contains("durability=none");
    }

    @Test
    void aDifferenceInsideTheSpreadIsWithinNoiseAndOneOutsideNamesTheLowerSide() throws IOException {
        Path run = temp.resolve("synthetic");
        Files.createDirectories(run);
        writeHlog(run.resolve("B.m-engine=x.hlog"), List.of(100, 110, 120), List.of(101, 111, 119));
        writeHlog(run.resolve("B.m-engine=y.hlog"), List.of(105, 108, 118), List.of(500, 510, 520));
        Files.writeString(run.resolve("B.m-engine=x.hgrm"), "");
        Files.writeString(run.resolve("B.m-engine=y.hgrm"), "");
        Files.writeString(run.resolve("env.json"), "{}");

        Comparison comparison = Comparison.ofEngines(RunFolder.load(run), "x", "y");
        Comparison.Pair pair = comparison.pairs().get(0);
        assertThat(comparison.verdict(pair, 50).text()).as("interval p50s: x 110–111 µs vs y 108–510 µs")
                .isEqualTo("within noise");
        Files.delete(run.resolve("B.m-engine=y.hlog"));
        writeHlog(run.resolve("B.m-engine=y.hlog"), List.of(500, 510, 520), List.of(505, 515, 525));
        Comparison moved = Comparison.ofEngines(RunFolder.load(run), "x", "y");
        assertThat(moved.verdict(moved.pairs().get(0), 50).text()).startsWith("x lower by");
        assertThat(moved.verdict(moved.pairs().get(0), 50).basis()).isEqualTo("A 1f×2i, B 1f×2i, iteration range");
    }

    /** Issue 14: tight ranges that miss each other by a few percent are run-to-run drift, not a difference. */
    @Test
    void figuresLessThanTheResolutionApartAreWithinNoiseEvenWhereTheirRangesMiss() {
        Spread a = new Spread(List.of(List.of(11_600.0, 11_650.0, 11_700.0)));
        Spread b = new Spread(List.of(List.of(11_950.0, 12_000.0, 12_050.0)));
        Spread.Verdict close = Spread.judge("A", a, 11_650, "B", b, 12_000, false);
        assertThat(close.withinNoise()).isTrue();
        assertThat(close.text()).isEqualTo("within noise (3% apart, under the 5% resolution)");
        Spread c = new Spread(List.of(List.of(12_600.0, 12_650.0, 12_700.0)));
        Spread.Verdict apart = Spread.judge("A", a, 11_650, "C", c, 12_650, false);
        assertThat(apart.withinNoise()).isFalse();
        assertThat(apart.text()).isEqualTo("A lower by 8%");
    }

    /**
     * Issue 14: with forks on both sides the verdict judges fork means. Here each fork's iterations are tight
     * but the forks disagree: the first forks alone would name a winner, the forks together are within noise.
     */
    @Test
    void withForksTheVerdictJudgesForkToForkAndSaysWhatItRestsOn() throws IOException {
        Path run = syntheticRun("forks");
        hlogWithForks(run.resolve("B.m-engine=x.hlog"), List.of(List.of(100, 101, 102), List.of(140, 141, 142)));
        hlogWithForks(run.resolve("B.m-engine=y.hlog"), List.of(List.of(120, 121, 122), List.of(160, 161, 162)));
        Comparison forks = Comparison.ofEngines(RunFolder.load(run), "x", "y");
        Spread.Verdict verdict = forks.verdict(forks.pairs().get(0), 50);
        assertThat(verdict.text()).isEqualTo("within noise");
        assertThat(verdict.basis()).isEqualTo("A 2f×3i, B 2f×3i, fork to fork");

        Path first = syntheticRun("first-forks");
        hlogWithForks(first.resolve("B.m-engine=x.hlog"), List.of(List.of(100, 101, 102)));
        hlogWithForks(first.resolve("B.m-engine=y.hlog"), List.of(List.of(120, 121, 122)));
        Comparison one = Comparison.ofEngines(RunFolder.load(first), "x", "y");
        Spread.Verdict oneFork = one.verdict(one.pairs().get(0), 50);
        assertThat(oneFork.text()).startsWith("x lower by");
        assertThat(oneFork.basis()).isEqualTo("A 1f×3i, B 1f×3i, iteration range");
    }

    /**
     * Issue 19: a reference kept like the committed one (no .hlog files, spread.json beside report.md) gives
     * verdicts against a run; without its spread.json it cannot.
     */
    @Test
    void aReferenceKeptWithoutHlogFilesGivesVerdictsFromItsSpreadSummary() throws IOException {
        Path reference = FixtureRuns.copy("run-a", temp);
        io.graphraft.reports.report.ReportWriter.write(RunFolder.load(reference)); // writes spread.json from the .hlog files
        try (var files = Files.list(reference)) {
            for (Path hlog : files.filter(f -> f.toString().endsWith(".hlog")).toList()) {
                Files.delete(hlog);
            }
        }
        assertThat(reference.resolve("spread.json")).exists();
        Path run = FixtureRuns.copy("run-b", temp);

        Comparison comparison = Comparison.ofRuns(RunFolder.load(reference), RunFolder.load(run));
        assertThat(print(comparison)).contains("within noise").contains("[A 1f×");
        // open-loop trials are one shot (one measured interval): no spread, rightly; every other trial gets a verdict
        List<Comparison.Pair> multiIteration = comparison.pairs().stream()
                .filter(p -> !p.label().startsWith("OpenLoopBenchmark")).toList();
        assertThat(multiIteration).hasSizeGreaterThan(5);
        for (Comparison.Pair pair : multiIteration) {
            for (double p : new double[] {50, 90, 99, 99.9}) {
                assertThat(comparison.verdict(pair, p).judged()).as(pair.label() + " p" + p).isTrue();
            }
        }

        Files.delete(reference.resolve("spread.json"));
        assertThat(print(Comparison.ofRuns(RunFolder.load(reference), RunFolder.load(run))))
                .as("the bad case: a reference without .hlog and without spread.json").contains("no spread to judge");
    }

    /**
     * The committed reference carries its spread (spread.json): compared with a fixture run, every shared trial
     * whose spread it kept gets a verdict, the write-latency trials among them.
     */
    @Test
    void theCommittedReferenceGivesVerdictsAgainstARun() {
        Path run = FixtureRuns.copy("run-a", temp);
        Comparison comparison = Comparison.ofRuns(RunFolder.load(Path.of("reference")), RunFolder.load(run));
        List<Comparison.Pair> kept = comparison.pairs().stream().filter(p -> p.a().spreadSource().isPresent()).toList();
        assertThat(kept).as("shared trials whose spread the reference kept")
                .anyMatch(p -> p.label().startsWith("WriteLatencyBenchmark.createNode baseline-durable 1n fsync"))
                .anyMatch(p -> p.label().startsWith("FloorBenchmark.fsync"));
        for (Comparison.Pair pair : kept) {
            for (double p : new double[] {50, 90, 99, 99.9}) {
                Spread.Verdict verdict = comparison.normalized()
                        ? comparison.normalizedVerdict(pair, p).orElseGet(() -> comparison.verdict(pair, p))
                        : comparison.verdict(pair, p);
                assertThat(verdict.judged()).as(pair.label() + " p" + p + ": " + verdict).isTrue();
            }
        }
    }

    /** Issue 14: the fixtures share their hardware and their fsync probes are 25% apart: one machine, its floor moved. */
    @Test
    void aFloorThatMovedOnTheSameMachineIsJudgedAbsoluteAndSaidSo() throws IOException {
        Path a = FixtureRuns.copy("run-a", temp);
        Path b = FixtureRuns.copy("run-b", temp);
        Comparison comparison = Comparison.ofRuns(RunFolder.load(a), RunFolder.load(b));
        assertThat(comparison.normalized()).isFalse();
        assertThat(comparison.judgedWhat()).startsWith("Same machine").contains("floor moved", "fsync floor p50");
        assertThat(print(comparison)).doesNotContain("normalized:").doesNotContain("A÷floor");
    }

    /** Issue 19: runs from different machines are judged on latency ÷ own floor, and the output says so. */
    @Test
    void differentMachinesAreJudgedOnLatenciesNormalizedToTheirFloors() throws IOException {
        Path a = FixtureRuns.copy("run-a", temp);
        Path b = FixtureRuns.copy("run-b", temp);
        Path env = b.resolve("env.json");
        // the fixtures' fsync probes are 25% apart (108 vs 135 µs), a moved floor; give B A's floors so none is named
        RunEnvironment envA = RunEnvironment.read(a);
        RunEnvironment envB = RunEnvironment.read(b);
        new RunEnvironment(envB.createdAt(), envB.gitRevision(), envB.jvm(), envB.os(), envB.cpu(), envB.dataDirectory(),
                envA.floor(), envB.recordingOverheadNanos(), envB.engines(), envB.parameters(), null).write(b);
        String same = print(Comparison.ofRuns(RunFolder.load(a), RunFolder.load(b)));
        assertThat(same).contains("Same machine").doesNotContain("normalized:").doesNotContain("A÷floor");

        Files.writeString(env, Files.readString(env).replaceFirst("\"model\" : \"[^\"]*\"", "\"model\" : \"Other CPU\""));
        Comparison across = Comparison.ofRuns(RunFolder.load(a), RunFolder.load(b));
        String table = print(across);
        assertThat(across.normalized()).isTrue();
        assertThat(table).contains("Different machines (CPU model", "Other CPU", "A÷floor", "B÷floor", "normalized: ")
                .contains("absolute (no floor): ");
        String fsyncRow = table.substring(table.indexOf("WriteLatencyBenchmark.createNode baseline-durable 1n fsync"))
                .lines().filter(l -> l.trim().startsWith("p50 ")).findFirst().orElseThrow();
        assertThat(fsyncRow).contains("normalized: ");
        Comparison.Pair pair = across.pairs().stream().filter(p -> p.label().contains("baseline-durable 1n fsync")
                && p.label().startsWith("WriteLatency")).findFirst().orElseThrow();
        double floorA = RunFolder.load(a).fsyncFloorP50Micros().orElseThrow();
        assertThat(fsyncRow).contains(String.format(Locale.ROOT, "%.2f", pair.a().percentileMicros(50) / floorA));
    }

    @Test
    void jmhScoresAreComparedWithTheirIterationSpread() throws IOException {
        Path a = FixtureRuns.copy("run-a", temp);
        Path b = FixtureRuns.copy("run-b", temp);
        Comparison comparison = Comparison.ofRuns(RunFolder.load(a), RunFolder.load(b));
        assertThat(comparison.scores()).isNotEmpty();
        assertThat(comparison.scores()).noneMatch(s -> s.a().mode().equals("sample"));
        String table = print(comparison);
        assertThat(table).contains("JMH scores", "ConcurrentWritersBenchmark.completedWrite baseline-durable 1n fsync writers=8");
        Comparison.ScorePair writers = comparison.scores().stream()
                .filter(s -> s.label().contains("writers=8")).findFirst().orElseThrow();
        assertThat(comparison.verdict(writers).basis()).startsWith("A 1f×");
    }

    private static String print(Comparison comparison) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        comparison.print(new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Path syntheticRun(String name) throws IOException {
        Path run = temp.resolve(name);
        Files.createDirectories(run);
        Files.writeString(run.resolve("B.m-engine=x.hgrm"), "");
        Files.writeString(run.resolve("B.m-engine=y.hgrm"), "");
        Files.writeString(run.resolve("env.json"), "{}");
        return run;
    }

    /** An .hlog with one block per fork, each measured interval holding one value (µs) ten times. */
    private static void hlogWithForks(Path file, List<List<Integer>> forks) {
        for (int fork = 0; fork < forks.size(); fork++) {
            try (io.graphraft.reports.runfiles.IntervalLog.Writer writer =
                         io.graphraft.reports.runfiles.IntervalLogs.append(file, "fork-" + fork)) {
                for (int value : forks.get(fork)) {
                    Histogram interval = new Histogram(3);
                    interval.recordValueWithCount(value * 1000L, 10);
                    writer.interval(interval, true);
                }
            }
        }
    }

    /** An .hlog with two measurement intervals holding these values in microseconds. */
    private static void writeHlog(Path file, List<Integer> first, List<Integer> second) throws IOException {
        try (PrintStream out = new PrintStream(file.toFile(), "UTF-8")) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            for (List<Integer> values : List.of(first, second)) {
                Histogram interval = new Histogram(3);
                values.forEach(v -> interval.recordValue(v * 1000L));
                interval.setTag("measurement");
                interval.setStartTimeStamp(1000);
                interval.setEndTimeStamp(2000);
                writer.outputIntervalHistogram(interval);
            }
        }
    }

}
