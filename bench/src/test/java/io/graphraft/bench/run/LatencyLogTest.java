package io.graphraft.bench.run;

import io.graphraft.reports.runfiles.TrialName;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyLogTest {
    @TempDir
    Path temp;

    @Test
    void hlogIsReadableByHistogramLogReaderWithTaggedIntervals() throws IOException {
        try (LatencyLog log = LatencyLog.open(temp, new TrialName("run", Map.of()))) {
            for (int i = 1; i <= 100; i++) {
                log.record(i * 1_000L);
            }
            log.endInterval(false);
            for (int i = 1; i <= 1000; i++) {
                log.record(i * 10_000L);
            }
            log.endInterval(true);
        }
        List<Histogram> intervals = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(temp.resolve("run.hlog").toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            intervals.add((Histogram) h);
        }
        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0).getTag()).isEqualTo("warmup");
        assertThat(intervals.get(0).getTotalCount()).isEqualTo(100);
        assertThat(intervals.get(1).getTag()).isEqualTo("measurement");
        assertThat(intervals.get(1).getTotalCount()).isEqualTo(1000);
        assertThat(intervals.get(1).getValueAtPercentile(50)).isBetween(4_990_000L, 5_010_000L);
    }

    @Test
    void hgrmHoldsOnlyTheMeasuredIntervalsInMicroseconds() throws IOException {
        try (LatencyLog log = LatencyLog.open(temp, new TrialName("run", Map.of()))) {
            log.record(999_000_000L); // warm-up outlier: must not reach the .hgrm
            log.endInterval(false);
            for (int i = 0; i < 10; i++) {
                log.record(2_000_000L);
            }
            log.endInterval(true);
            assertThat(log.measured().getTotalCount()).isEqualTo(10);
        }
        String hgrm = Files.readString(temp.resolve("run.hgrm"));
        assertThat(hgrm).contains("#[Max     =     2000.895").contains("Total count    =           10");
    }

    @Test
    void aLogThatRecordedNothingLeavesNoFiles() {
        try (LatencyLog log = LatencyLog.open(temp, new TrialName("empty", Map.of()))) {
            log.endInterval(true);
        }
        assertThat(temp.resolve("empty.hlog")).doesNotExist();
        assertThat(temp.resolve("empty.hgrm")).doesNotExist();
    }
}
