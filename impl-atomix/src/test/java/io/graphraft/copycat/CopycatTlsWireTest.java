package io.graphraft.copycat;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.tck.PeerWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What copycat's members send each other, captured on the link layer: a property written through the
 * cluster crosses in plain text with tls=off (so the check can fail) and never with tls=on.
 */
class CopycatTlsWireTest {
    private final Engine engine = Engines.byName("copycat");
    private final CopycatContractTest tuning = new CopycatContractTest();

    @Test
    void withoutTlsAWrittenPropertyCrossesThePeerLinksInPlainText(@TempDir Path temp) {
        String marker = PeerWire.marker();
        byte[] wire = PeerWire.capture(engine, spec(temp, false), marker);
        assertThat(PeerWire.contains(wire, marker)).as("the marker in %d bytes of peer traffic", wire.length).isTrue();
    }

    @Test
    void withTlsNoPeerLinkCarriesTheWrittenProperty(@TempDir Path temp) {
        String marker = PeerWire.marker();
        byte[] wire = PeerWire.capture(engine, spec(temp, true), marker);
        assertThat(wire).isNotEmpty();
        assertThat(PeerWire.contains(wire, marker)).as("the marker in %d bytes of peer traffic", wire.length).isFalse();
    }

    private ClusterSpec spec(Path temp, boolean tls) {
        return tuning.configure(ClusterSpec.builder(temp).nodes(3).tls(tls)).build();
    }
}
