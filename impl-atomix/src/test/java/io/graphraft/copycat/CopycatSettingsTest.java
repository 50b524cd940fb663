package io.graphraft.copycat;

import io.graphraft.core.engine.ClusterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CopycatSettingsTest {
    @TempDir
    Path temp;

    @Test
    void clustersOfSeveralServersKeepCopycatsOwnTimeouts() {
        CopycatSettings settings = CopycatSettings.of(ClusterSpec.builder(temp).nodes(3).build());

        assertThat(settings.electionTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLoneServerElectsItselfAfterAShortTimeoutUnlessTheSpecSetsOne() {
        CopycatSettings lone = CopycatSettings.of(ClusterSpec.builder(temp).nodes(1).build());
        CopycatSettings chosen = CopycatSettings.of(ClusterSpec.builder(temp).nodes(1).electionTimeout(Duration.ofSeconds(1)).build());

        assertThat(lone.electionTimeout()).isEqualTo(CopycatSettings.LONE_SERVER_ELECTION_TIMEOUT);
        assertThat(lone.heartbeatInterval()).isLessThan(lone.electionTimeout());
        assertThat(lone.sessionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(chosen.electionTimeout()).isEqualTo(Duration.ofSeconds(1));
    }
}
