package io.graphraft.bench.jmh;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WarmUntilCompiledTest {

    @Test
    void itRunsTheOperationAndSaysHowItEnded() {
        assumeTrue(CompilerThreads.readable(), "no /proc/self/task on this platform");
        AtomicInteger runs = new AtomicInteger();
        WarmUntilCompiled.Outcome outcome = WarmUntilCompiled.run(runs::incrementAndGet, Duration.ofSeconds(2));
        assertThat(runs.get()).isPositive();
        assertThat(outcome.quiet()).isEqualTo(outcome.describe().contains(", quiet"));
        assertThat(outcome.lastWindowCompilerCores()).isNotNaN().isNotNegative();
    }

    @Test
    void aFailingOperationEndsTheWarmUpWithItsError() {
        assumeTrue(CompilerThreads.readable(), "no /proc/self/task on this platform");
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> WarmUntilCompiled.run(() -> {
            if (calls.incrementAndGet() == 5) {
                throw new IllegalStateException("no leader");
            }
        }, Duration.ofSeconds(60))).hasMessage("no leader");
    }
}
