package io.graphraft.bench.jmh;

import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Result;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClosedLoopTest {

    @Test
    void everyLoopKeepsOneRequestInFlightAndEachAnswerIsTimedAndHandedOver() throws InterruptedException {
        ConcurrentHashMap<Integer, AtomicInteger> sentByLoop = new ConcurrentHashMap<>();
        AtomicLong timed = new AtomicLong();
        try (ClosedLoop loop = ClosedLoop.measured("read", 4, i -> {
            sentByLoop.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.supplyAsync(() -> new Result.Applied(i));
        }, nanos -> timed.incrementAndGet())) {
            loop.start();
            for (int i = 0; i < 200; i++) {
                loop.next();
            }
            loop.stop();
        }
        assertThat(sentByLoop.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(timed.get()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void aFailedMeasuredRequestFailsTheBenchmarkNamingWhatFailed() {
        try (ClosedLoop loop = ClosedLoop.measured("read", 1, i -> CompletableFuture.completedFuture(
                new Result.Error(ErrorCode.NOT_FOUND, "node 9 does not exist")), nanos -> { })) {
            loop.start();
            assertThatThrownBy(loop::next).hasMessageContaining("a measured read failed")
                    .hasRootCauseMessage("read failed: Error[code=NOT_FOUND, message=node 9 does not exist]");
            loop.stop();
        }
    }

    @Test
    void aFailedBackgroundRequestFailsTheIterationWhenItStops() {
        AtomicInteger sent = new AtomicInteger();
        try (ClosedLoop loop = ClosedLoop.background("write", 2, i -> sent.incrementAndGet() == 5
                ? CompletableFuture.failedFuture(new IllegalStateException("leader lost"))
                : CompletableFuture.supplyAsync(() -> new Result.Applied(1)))) {
            loop.start();
            org.awaitility.Awaitility.await().until(() -> sent.get() > 10);
            assertThatThrownBy(loop::stop).hasMessageContaining("a background write failed").hasRootCauseMessage("leader lost");
        }
    }
}
