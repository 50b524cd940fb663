package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.util.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.graphraft.tck.ClusterFixture.CONVERGENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A member whose server cannot start leaves nothing running: a leaked division of a failed start kept
 * electing itself against peers of another test for as long as its JVM lived (CI, 2026-12-02).
 */
class RatisStartFailureTest {
    @TempDir
    Path temp;

    @Test
    void aMemberThatCannotBindFailsNamingItsAddressAndLeavesNoThreadOfItsGroup() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, LoopbackPorts.IPV4)) {
            List<InetSocketAddress> members = new ArrayList<>();
            members.add(new InetSocketAddress(LoopbackPorts.IPV4, taken.getLocalPort()));
            LoopbackPorts.free(2).forEach(port -> members.add(new InetSocketAddress(LoopbackPorts.IPV4, port)));
            ClusterLayout layout = new ClusterLayout(ClusterLayout.newClusterId(), members);
            ClusterSpec spec = ClusterSpec.builder(temp).nodes(3).build();

            assertThatThrownBy(() -> Engines.byName("ratis").startMember(spec, MemberConfig.direct(layout, 0)))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());

            String group = RatisLayout.group(layout).getGroupId().toString();
            await("threads of the failed member's group to end").atMost(CONVERGENCE).untilAsserted(() ->
                    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                            .filteredOn(name -> name.contains(group)).isEmpty());
        }
    }
}
