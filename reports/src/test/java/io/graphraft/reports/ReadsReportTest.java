package io.graphraft.reports;

import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.BenchmarkId;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reads section on a real run folder: {@code benchmarks.jar ReadLatencyBenchmark -p engine=copycat -p nodes=3
 * -p consistency=LINEARIZABLE,LOCAL -p query=getNode -p readers=1,64 -p writers=0,64 -p graphNodes=2000 -f 1 -wi 1
 * -i 2 -w 1 -r 1}.
 */
class ReadsReportTest {
    @TempDir
    Path temp;

    private static final String TRIAL = "ReadLatencyBenchmark.completedRead-codec=binary-consistency=%s-durability=fsync"
            + "-engine=copycat-graphNodes=2000-nodes=3-options=-query=getNode-readers=%s-store=heap-writers=%s.hlog";

    /** HdrHistogram's own reading of a harness .hlog: the sum of its measured (untagged) intervals. */
    private static Histogram measured(Path run, String level, String readers, String writers) throws IOException {
        Histogram sum = new Histogram(3);
        HistogramLogReader reader = new HistogramLogReader(run.resolve(String.format(TRIAL, level, readers, writers)).toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            if (((Histogram) h).getTag() == null) {
                sum.add((Histogram) h);
            }
        }
        assertThat(sum.getTotalCount()).isPositive();
        return sum;
    }

    private static double p(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String row(String md, String start) {
        return md.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no row " + start));
    }

    @Test
    void eachLevelsLatencyItsRatioToALocalReadAndThroughputAtSixtyFourReaders() throws IOException {
        Path run = FixtureRuns.copy("run-reads", temp);
        RunFolder folder = RunFolder.load(run);
        String md = Files.readString(ReportWriter.write(folder));
        assertThat(md).containsPattern("## \\d+\\. Reads \\(what each consistency level costs\\)");

        for (String writers : new String[] {"0", "64"}) {
            Histogram linearizable = measured(run, "LINEARIZABLE", "1", writers);
            Histogram local = measured(run, "LOCAL", "1", writers);
            Histogram many = measured(run, "LINEARIZABLE", "64", writers);
            double readsPerSecond = folder.result(BenchmarkId.READ_LATENCY, Map.of("consistency", "LINEARIZABLE",
                    "readers", "64", "writers", writers)).orElseThrow().primary().score();
            String row = row(md, "| copycat 3n fsync graphNodes=2000 | getNode | " + writers + " | LINEARIZABLE |");
            assertThat(row).contains("| " + Format.micros(p(linearizable, 50)) + " | " + Format.micros(p(linearizable, 99))
                    + " | " + Format.ratio(p(linearizable, 50) / p(local, 50)) + " | " + Format.ratio(p(linearizable, 99) / p(local, 99))
                    + " | " + Format.micros(p(many, 50)) + " · " + Format.micros(p(many, 99))
                    + " | " + String.format(java.util.Locale.ROOT, "%.0f", readsPerSecond));
            assertThat(row(md, "| copycat 3n fsync graphNodes=2000 | getNode | " + writers + " | LOCAL |"))
                    .contains("| " + Format.micros(p(local, 50)) + " | " + Format.micros(p(local, 99)) + " | 1.0× | 1.0× |");
        }
        assertThat(md).as("levels the run did not measure get no row").doesNotContain("| LEASE |").doesNotContain("| FOLLOWER |");
    }

    @Test
    void withoutALocalReadThereIsNoRatioToShow() throws IOException {
        Path run = FixtureRuns.copy("run-reads", temp);
        String local = String.format(TRIAL, "LOCAL", "1", "0");
        Files.delete(run.resolve(local));
        Files.delete(run.resolve(local.replace(".hlog", ".hgrm")));
        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));
        String row = row(md, "| copycat 3n fsync graphNodes=2000 | getNode | 0 | LINEARIZABLE |");
        assertThat(row.split("\\|")[7].trim()).as("p50 ÷ LOCAL").isEqualTo("–");
        assertThat(row(md, "| copycat 3n fsync graphNodes=2000 | getNode | 64 | LINEARIZABLE |").split("\\|")[7].trim())
                .isNotEqualTo("–");
    }

    @Test
    void aRunWithoutReadsHasNoReadsSection() throws IOException {
        String md = Files.readString(ReportWriter.write(RunFolder.load(FixtureRuns.copy("run-a", temp))));
        assertThat(md).doesNotContain("Reads (what each consistency level costs)");
    }
}
