package io.graphraft.ratis;

import io.graphraft.cluster.ClusterKeys;
import io.graphraft.cluster.Clusters;
import io.graphraft.core.command.Command;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.util.LoopbackPorts;
import io.graphraft.tck.ClusterFixture;
import io.graphraft.tck.PeerWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tls=on on Ratis: refused on Netty (naming why and what to use instead); on gRPC a member's port
 * speaks only TLS. gRPC's peer traffic cannot be routed through the link layer, so instead of
 * capturing it, a plain-text gRPC (h2c) caller is shown to get an HTTP/2 answer from the same port
 * with tls=off (so the check can fail) and none with tls=on, while the engine's own client works.
 * The Netty case with tls=off shows the written bytes do cross the peer links in plain text.
 */
class RatisTlsTest {
    /** The HTTP/2 connection preface and an empty SETTINGS frame: how a plain-text gRPC client opens. */
    private static final byte[] H2C_OPENING = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            HexFormat.of().parseHex("000000040000000000"));
    private static final int SETTINGS_FRAME = 0x04;
    private static final int TLS_ALERT = 21;

    private final Engine engine = Engines.byName("ratis");

    @TempDir
    Path temp;

    @Test
    void tlsOnNettyIsRefusedNamingTheReasonAndGrpc() {
        ClusterSpec spec = ClusterSpec.builder(temp).nodes(3).tls(true).option(RatisTransport.OPTION, "netty").build();

        assertThat(engine.unsupported(spec)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("tls=on").contains("rpc=netty").contains("Netty RPC has no TLS").contains("use rpc=grpc"));
        assertThatThrownBy(() -> Clusters.start(engine, spec)).isInstanceOf(UnsupportedSettingException.class)
                .hasMessageContaining("use rpc=grpc");
        assertThat(engine.unsupported(spec.toBuilder().option(RatisTransport.OPTION, "grpc").build())).isEmpty();
    }

    @Test
    void withoutTlsAPlainTextGrpcCallerIsAnswered() throws Exception {
        byte[] answer = answerToPlainText(false);
        assertThat(answer).as("an HTTP/2 frame header").hasSize(9);
        assertThat(answer[3] & 0xff).as("its type").isEqualTo(SETTINGS_FRAME);
    }

    @Test
    void withTlsAPlainTextGrpcCallerGetsNoAnswerWhileTheEnginesClientWrites() throws Exception {
        byte[] answer = answerToPlainText(true);
        // nothing, or a TLS alert record (content type 21) before the close: never an HTTP/2 frame
        if (answer.length > 0) {
            assertThat(answer[0] & 0xff).as("TLS record type of %s", HexFormat.of().formatHex(answer)).isEqualTo(TLS_ALERT);
        }
    }

    @Test
    void withoutTlsOnNettyAWrittenPropertyCrossesThePeerLinksInPlainText() {
        String marker = PeerWire.marker();
        ClusterSpec spec = new RatisContractTest().configure(ClusterSpec.builder(temp).nodes(3)).build();
        assertThat(PeerWire.contains(PeerWire.capture(engine, spec, marker), marker)).isTrue();
    }

    /**
     * Starts one gRPC member, checks that the engine's client can write to it, then opens a plain
     * TCP connection to its port as a plain-text gRPC client would and returns the first 9 bytes
     * that come back (an HTTP/2 frame header), fewer if the server closed the connection first.
     */
    private byte[] answerToPlainText(boolean tls) throws IOException {
        ClusterSpec spec = ClusterSpec.builder(temp).nodes(1).tls(tls).option(RatisTransport.OPTION, "grpc")
                .requestTimeout(ClusterFixture.REQUEST_TIMEOUT).build();
        InetSocketAddress address = new InetSocketAddress(LoopbackPorts.IPV4, LoopbackPorts.free(1).get(0));
        ClusterLayout layout = new ClusterLayout(ClusterLayout.newClusterId(), List.of(address));
        ClusterKeys.prepare(spec, layout);
        Member member = engine.startMember(spec, MemberConfig.direct(layout, 0));
        try (GraphClient client = engine.connect(spec, layout)) {
            ClusterFixture.applied(client, Command.CreateNode.of("Tls", Map.of("tls", tls)));
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
                socket.getOutputStream().write(H2C_OPENING);
                socket.getOutputStream().flush();
                return readUpTo(socket.getInputStream(), 9);
            }
        } finally {
            member.close();
        }
    }

    /** Up to {@code n} bytes, fewer if the peer closes (or resets) the connection first. */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (out.size() < n) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            }
        } catch (SocketException reset) {
            // a TLS server may reset a connection that did not speak TLS: nothing answered
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("the server neither answered nor closed the connection within 10 s", silent);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
