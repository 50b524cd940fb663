package io.graphraft.core.util;

import io.graphraft.core.engine.EngineUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LoopbackPortsTest {
    @Test
    void freePortsAreDistinctAndBindable() throws IOException {
        List<Integer> ports = LoopbackPorts.free(5);
        assertThat(ports).hasSize(5).doesNotHaveDuplicates();
        for (int port : ports) {
            new ServerSocket(port, 1, LoopbackPorts.IPV4).close();
        }
    }

    @Test
    void freePortsLieBelowTheKernelsEphemeralRange() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(range), "no " + range + " on this host");
        int ephemeralLow;
        try (BufferedReader reader = Files.newBufferedReader(range)) {
            ephemeralLow = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        }
        assertThat(LoopbackPorts.free(50)).allSatisfy(port -> assertThat(port).isLessThan(ephemeralLow));
    }

    @Test
    void aPortInUseIsToldApartHoweverTheEngineWrapsIt() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 1, LoopbackPorts.IPV4)) {
            Throwable bind = catchThrowable(() -> new ServerSocket(holder.getLocalPort(), 1, LoopbackPorts.IPV4).close());
            assertThat(LoopbackPorts.taken(bind)).isTrue();
            assertThat(LoopbackPorts.taken(new CompletionException(bind))).isTrue();
            assertThat(LoopbackPorts.taken(new EngineUnavailableException("node n0 failed to start: " + bind))).isTrue();
        }
    }

    @Test
    void otherFailuresAreNotTakenPorts() {
        assertThat(LoopbackPorts.taken(new ConnectException("Connection refused"))).isFalse();
        assertThat(LoopbackPorts.taken(new EngineUnavailableException("no leader", new IllegalStateException()))).isFalse();
        assertThat(LoopbackPorts.taken(new RuntimeException((String) null))).isFalse();
    }
}
