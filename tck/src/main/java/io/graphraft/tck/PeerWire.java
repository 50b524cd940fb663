package io.graphraft.tck;

import io.graphraft.cluster.ClusterKeys;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.util.LoopbackPorts;
import io.graphraft.core.util.Parallel;
import io.graphraft.network.LinkLayer;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an engine's members say to each other on the wire: a 3-member cluster whose peer traffic all
 * crosses a {@link LinkLayer} recording every link, one node written with a property no other
 * bytes contain, and every byte the members sent each other until all three applied it. With
 * {@code tls=off} the property is in the recording (which is what shows the check can fail); with
 * {@code tls=on} it must not be.
 */
public final class PeerWire {
    /** Enough for elections, the write, its replication and commit; a recording stops growing beyond it. */
    private static final int MAX_BYTES_PER_LINK = 4 << 20;

    private PeerWire() {
    }

    /** A value to write that nothing else on the wire can contain by chance. */
    public static String marker() {
        return "plaintext-" + UUID.randomUUID();
    }

    /**
     * Runs {@code spec} (3 nodes) with members in this JVM, writes a node with {@code marker} as a
     * property through the engine's client, waits until every member applied it and returns the
     * bytes recorded on all six links.
     */
    public static byte[] capture(Engine engine, ClusterSpec spec, String marker) {
        assertThat(spec.nodes()).as("nodes").isEqualTo(3);
        engine.require(spec);
        List<InetSocketAddress> addresses = LoopbackPorts.free(spec.nodes()).stream()
                .map(port -> new InetSocketAddress(LoopbackPorts.IPV4, port)).toList();
        ClusterLayout layout = new ClusterLayout(ClusterLayout.newClusterId(), addresses);
        ClusterKeys.prepare(spec, layout);
        List<Member> members = Collections.synchronizedList(new ArrayList<>());
        GraphClient client = null;
        try (LinkLayer layer = LinkLayer.start(addresses)) {
            for (int from = 0; from < layout.size(); from++) {
                for (int to = 0; to < layout.size(); to++) {
                    if (from != to) {
                        layer.record(from, to, MAX_BYTES_PER_LINK);
                    }
                }
            }
            try {
                List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < layout.size(); i++) {
                    indices.add(i);
                }
                Parallel.forEach(indices, i -> members.add(
                        engine.startMember(spec, new MemberConfig(layout, i, layer.addressesSeenBy(i)))));
                client = engine.connect(spec, layout);
                GraphClient writer = client;
                long id = await("the write of the marker").atMost(ClusterFixture.CONVERGENCE)
                        .ignoreExceptions()
                        .until(() -> ClusterFixture.applied(writer, Command.CreateNode.of("Wire", Map.of("secret", marker))),
                                applied -> true);
                await("every member applied the marker").atMost(ClusterFixture.CONVERGENCE).untilAsserted(() -> {
                    for (Member member : members) {
                        assertThat(member.localRead(new Query.GetNode(id))).isInstanceOf(Result.NodeFound.class);
                    }
                });
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int from = 0; from < layout.size(); from++) {
                    long sent = 0;
                    for (int to = 0; to < layout.size(); to++) {
                        if (from != to) {
                            sent += layer.bytesDelivered(from, to);
                            all.writeBytes(layer.recorded(from, to));
                        }
                    }
                    // followers may never talk to each other, but every member talks to the leader
                    assertThat(sent).as("peer traffic from member %d crossed the link layer", from).isPositive();
                }
                return all.toByteArray();
            } finally {
                if (client != null) {
                    client.close();
                }
                Parallel.forEach(List.copyOf(members), Member::close);
            }
        }
    }

    /** Whether {@code text} occurs in {@code bytes} (as UTF-8). */
    public static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1)
                .contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
}
