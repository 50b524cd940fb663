package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Connection;
import io.atomix.catalyst.transport.Server;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaceTolerantServerTest {

    @Test
    void aCloseThatTripsOverAClosingConnectionIsRetried() {
        FlakyServer flaky = new FlakyServer(1);
        CompletableFuture<Void> closed = new LoopbackNettyTransport.RaceTolerantServer(flaky).close();
        assertThat(closed).isCompleted();
        assertThat(flaky.calls.get()).isEqualTo(2);
    }

    @Test
    void aCloseThatKeepsFailingFailsInTheEnd() {
        FlakyServer broken = new FlakyServer(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new LoopbackNettyTransport.RaceTolerantServer(broken).close())
                .isInstanceOf(NullPointerException.class);
    }

    /** Throws the way Catalyst's NettyServer.close() does when its connection map shrank under it. */
    private static final class FlakyServer implements Server {
        private final int failures;
        private final AtomicInteger calls = new AtomicInteger();

        FlakyServer(int failures) {
            this.failures = failures;
        }

        @Override
        public CompletableFuture<Void> listen(Address address, Consumer<Connection> listener) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> close() {
            if (calls.incrementAndGet() <= failures) {
                throw new NullPointerException();
            }
            return CompletableFuture.completedFuture(null);
        }
    }
}
