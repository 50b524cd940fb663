package io.graphraft.bench.cli;

import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.bench.load.OpenLoopDriver.KindOutcome;
import io.graphraft.bench.load.OpenLoopDriver.RequestKind;
import io.graphraft.reports.runfiles.RunFiles;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The load sweep's SLA judges every kind of request a mix sends: reads and writes alike. */
class LoadCommandTest {

    @Test
    void aRateIsWithinTheSlaOnlyIfTheP99OfReadsAndOfWritesBothAre() {
        LoadCommand load = new LoadCommand();
        load.slaP99Millis = 10;
        assertThat(load.withinSla(outcome(5, 1000, 8, 5))).isTrue();
        // 5 slow writes among 1005 requests: the p99 of all requests (5 ms) would pass, the writes' does not
        OpenLoopDriver.Outcome slowWrites = outcome(5, 1000, 50, 5);
        assertThat(slowWrites.response().getValueAtPercentile(99)).isLessThan(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(load.withinSla(slowWrites)).as("writes above the SLA, reads within").isFalse();
        assertThat(load.withinSla(outcome(12, 1000, 5, 5))).as("reads above the SLA, writes within").isFalse();
    }

    private static OpenLoopDriver.Outcome outcome(long readMillis, long readCount, long writeMillis, long writeCount) {
        Histogram reads = every(readMillis, readCount);
        Histogram writes = every(writeMillis, writeCount);
        Histogram all = reads.copy();
        all.add(writes);
        long total = readCount + writeCount;
        return new OpenLoopDriver.Outcome(total, 1, total, total, 0, false, all, all, Map.of(
                RequestKind.READ, new KindOutcome(readCount, readCount, 0, reads, reads),
                RequestKind.WRITE, new KindOutcome(writeCount, writeCount, 0, writes, writes)));
    }

    private static Histogram every(long millis, long count) {
        Histogram histogram = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        histogram.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(millis), count);
        return histogram;
    }
}
