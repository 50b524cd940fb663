package io.graphraft.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopDriverTest {

    @Test
    void intendedStartsAreFixedByTheRateAlone() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 4_000);
        assertThat(schedule.intendedStart(0)).isEqualTo(1_000);
        assertThat(schedule.intendedStart(1)).isEqualTo(251_000);
        assertThat(schedule.intendedStart(4_000)).isEqualTo(1_000_001_000L);
        assertThat(schedule.requestsWithin(Duration.ofSeconds(2).toNanos())).isEqualTo(8_000);
        assertThat(new OpenLoopSchedule(0, 3).requestsWithin(1_000_000_000L)).isEqualTo(3);
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0)).hasMessageContaining("rate");
    }

    /** An asynchronous server with a fixed delay keeps up: every request is sent and answered on time. */
    @Test
    void aServerThatKeepsUpGivesResponseCloseToServiceTime() {
        ScheduledExecutorService server = Executors.newScheduledThreadPool(2);
        try {
            OpenLoopDriver driver = new OpenLoopDriver(() -> {
                CompletableFuture<Object> answer = new CompletableFuture<>();
                server.schedule(() -> answer.complete("ok"), 2, TimeUnit.MILLISECONDS);
                return answer;
            });
            OpenLoopDriver.Outcome outcome = driver.run(200, Duration.ofMillis(500), 1000, Duration.ofSeconds(10), p -> { });
            assertThat(outcome.sent()).isEqualTo(100);
            assertThat(outcome.completed()).isEqualTo(100);
            assertThat(outcome.failed()).isZero();
            assertThat(outcome.saturated()).isFalse();
            assertThat(outcome.service().getMinValue()).as("service time includes the server's delay")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2));
            assertThat(outcome.response().getMinValue()).isGreaterThanOrEqualTo(outcome.service().getMinValue());
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * A client that blocks for 2 ms per request (a closed loop in disguise) at 2,000 requests/s:
     * sending falls ever further behind the schedule. Service time stays near 2 ms; response time,
     * counted from the intended start, grows with the backlog — the coordinated omission that a
     * closed-loop measurement would hide.
     */
    @Test
    void aBlockingClientShowsInResponseTimeButNotInServiceTime() {
        OpenLoopDriver driver = new OpenLoopDriver(() -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return CompletableFuture.completedFuture("ok");
        });
        OpenLoopDriver.Outcome outcome = driver.run(2_000, Duration.ofMillis(400), 1000, Duration.ofSeconds(10), p -> { });
        assertThat(outcome.completed()).isEqualTo(800);
        long serviceP50 = outcome.service().getValueAtPercentile(50);
        long responseP99 = outcome.response().getValueAtPercentile(99);
        assertThat(responseP99).as("response p99 (ns) vs service p50 (ns)").isGreaterThan(20 * serviceP50);
        assertThat(outcome.response().getTotalCount()).isEqualTo(outcome.service().getTotalCount());
    }

    /** One request in four a read answered after 5 ms, the rest writes answered at once: each kind in its own histograms. */
    @Test
    void readsAndWritesLandInSeparateHistograms() {
        ScheduledExecutorService server = Executors.newScheduledThreadPool(1);
        try {
            long[] next = {0};
            OpenLoopDriver driver = new OpenLoopDriver(() -> next[0]++ % 4 == 0
                    ? new OpenLoopDriver.Request(OpenLoopDriver.RequestKind.READ, () -> {
                        CompletableFuture<Object> answer = new CompletableFuture<>();
                        server.schedule(() -> answer.complete("read"), 5, TimeUnit.MILLISECONDS);
                        return answer;
                    })
                    : new OpenLoopDriver.Request(OpenLoopDriver.RequestKind.WRITE,
                        () -> CompletableFuture.failedFuture(new IllegalStateException("refused"))));
            OpenLoopDriver.Outcome outcome = driver.run(400, Duration.ofMillis(500), 1000, Duration.ofSeconds(10), p -> { });
            assertThat(outcome.sent()).isEqualTo(200);
            OpenLoopDriver.KindOutcome reads = outcome.byKind().get(OpenLoopDriver.RequestKind.READ);
            OpenLoopDriver.KindOutcome writes = outcome.byKind().get(OpenLoopDriver.RequestKind.WRITE);
            assertThat(reads.sent()).isEqualTo(50);
            assertThat(reads.completed()).isEqualTo(50);
            assertThat(reads.response().getTotalCount()).isEqualTo(50);
            assertThat(reads.service().getMinValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
            assertThat(writes.sent()).isEqualTo(150);
            assertThat(writes.failed()).isEqualTo(150);
            assertThat(writes.response().getTotalCount()).as("failed writes are not timed").isZero();
            assertThat(outcome.response().getTotalCount()).isEqualTo(50);
            assertThat(outcome.failed()).isEqualTo(150);
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aWriteOnlySourceRecordsEveryRequestAsAWrite() {
        OpenLoopDriver driver = new OpenLoopDriver(() -> CompletableFuture.completedFuture("ok"));
        OpenLoopDriver.Outcome outcome = driver.run(1_000, Duration.ofMillis(50), 1000, Duration.ofSeconds(10), p -> { });
        assertThat(outcome.byKind()).containsOnlyKeys(OpenLoopDriver.RequestKind.WRITE);
        assertThat(outcome.byKind().get(OpenLoopDriver.RequestKind.WRITE).response().getTotalCount())
                .isEqualTo(outcome.response().getTotalCount()).isEqualTo(outcome.sent());
    }

    @Test
    void failuresAreCountedNotRecordedAsLatencies() {
        OpenLoopDriver driver = new OpenLoopDriver(() -> CompletableFuture.failedFuture(new IllegalStateException("down")));
        OpenLoopDriver.Outcome outcome = driver.run(1_000, Duration.ofMillis(50), 1000, Duration.ofSeconds(10), p -> { });
        assertThat(outcome.failed()).isEqualTo(outcome.sent()).isPositive();
        assertThat(outcome.response().getTotalCount()).isZero();
    }

    @Test
    void tooManyOutstandingRequestsMarkTheRateSaturated() {
        ScheduledExecutorService server = Executors.newScheduledThreadPool(1);
        try {
            OpenLoopDriver driver = new OpenLoopDriver(() -> {
                CompletableFuture<Object> answer = new CompletableFuture<>();
                server.schedule(() -> answer.complete("ok"), 300, TimeUnit.MILLISECONDS);
                return answer;
            });
            OpenLoopDriver.Outcome outcome = driver.run(10_000, Duration.ofMillis(100), 10, Duration.ofSeconds(10), p -> { });
            assertThat(outcome.saturated()).isTrue();
            assertThat(outcome.sent()).isEqualTo(10);
            assertThat(outcome.completed()).as("the outstanding ones are still waited for").isEqualTo(10);
        } finally {
            server.shutdownNow();
        }
    }
}
