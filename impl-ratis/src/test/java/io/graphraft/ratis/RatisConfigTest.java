package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.util.LoopbackPorts;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a spec becomes in Ratis's server properties, where it departs from Ratis's defaults. */
class RatisConfigTest {
    @TempDir
    Path temp;

    /** Only written into the properties, never bound. */
    private final InetSocketAddress listen = new InetSocketAddress(LoopbackPorts.IPV4, 0);

    @Test
    void aLeaderThatSteppedDownStandsAgainAfterOneElectionTimeoutNotTenSeconds() {
        RaftProperties defaults = new RatisConfig(ClusterSpec.builder(temp).build()).serverProperties(temp, listen);
        assertThat(RaftServerConfigKeys.LeaderElection.leaderStepDownWaitTime(defaults))
                .isEqualTo(TimeDuration.valueOf(300, TimeUnit.MILLISECONDS));

        RaftProperties tuned = new RatisConfig(ClusterSpec.builder(temp).electionTimeout(Duration.ofMillis(500)).build())
                .serverProperties(temp, listen);
        assertThat(RaftServerConfigKeys.LeaderElection.leaderStepDownWaitTime(tuned))
                .isEqualTo(TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
    }
}
