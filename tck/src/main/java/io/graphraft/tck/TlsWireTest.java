package io.graphraft.tck;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an engine's members send each other, captured on the link layer: a property written through the
 * cluster crosses in plain text with tls=off (so the check can fail) and never with tls=on. For engines
 * whose peer traffic the link layer carries.
 */
public abstract class TlsWireTest {
    /** The engine's contract test: its name and its test tuning. */
    protected abstract EngineContractTest contract();

    @Test
    void withoutTlsAWrittenPropertyCrossesThePeerLinksInPlainText(@TempDir Path temp) {
        String marker = PeerWire.marker();
        byte[] wire = PeerWire.capture(engine(), spec(temp, false), marker);
        assertThat(PeerWire.contains(wire, marker)).as("the marker in %d bytes of peer traffic", wire.length).isTrue();
    }

    @Test
    void withTlsNoPeerLinkCarriesTheWrittenProperty(@TempDir Path temp) {
        String marker = PeerWire.marker();
        byte[] wire = PeerWire.capture(engine(), spec(temp, true), marker);
        assertThat(wire).isNotEmpty();
        assertThat(PeerWire.contains(wire, marker)).as("the marker in %d bytes of peer traffic", wire.length).isFalse();
    }

    private Engine engine() {
        return Engines.byName(contract().engineName());
    }

    private ClusterSpec spec(Path temp, boolean tls) {
        return contract().configure(ClusterSpec.builder(temp).nodes(3).tls(tls)).build();
    }
}
