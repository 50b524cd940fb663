package io.graphraft.network;

import io.graphraft.network.RoundTripProbe.EchoServer;
import io.graphraft.network.RoundTripProbe.Result;
import io.graphraft.network.RoundTripProbe.Waiting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundTripProbeTest {
    @Test
    void eachWayOfWaitingRecordsEveryRequestedRoundTrip() {
        for (Waiting waiting : Waiting.values()) {
            if (waiting == Waiting.BUSY_POLL && Runtime.getRuntime().availableProcessors() < 2) {
                continue; // refused by design on one CPU
            }
            Result result = RoundTripProbe.loopback(waiting, 100, 500);

            assertThat(result.nanos().getTotalCount()).isEqualTo(500);
            assertThat(result.p50Micros()).isPositive();
            assertThat(result.summary()).containsEntry("waiting", waiting.name()).containsEntry("samples", 500L)
                    .containsEntry("messageBytes", RoundTripProbe.MESSAGE_BYTES).containsKeys("p50Micros", "p99Micros");
        }
    }

    @Test
    void oneEchoServerServesOneProbeAfterAnother() {
        try (EchoServer echo = EchoServer.start(Waiting.BLOCKING)) {
            RoundTripProbe.measure(echo.address(), Waiting.BLOCKING, "first", 0, 10);
            Result second = RoundTripProbe.measure(echo.address(), Waiting.BLOCKING, "second", 0, 10);
            assertThat(second.nanos().getTotalCount()).isEqualTo(10);
        }
    }

    @Test
    void badSampleCountsAreRefused() {
        try (EchoServer echo = EchoServer.start(Waiting.BLOCKING)) {
            assertThatThrownBy(() -> RoundTripProbe.measure(echo.address(), Waiting.BLOCKING, "none", 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples >= 1");
        }
    }
}
