package io.graphraft.tck;

import io.graphraft.cluster.process.SpecProperties;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node process gets its spec as {@link SpecProperties}: every setting, tls included, survives the trip. */
class SpecPropertiesTest {
    @TempDir
    Path temp;

    @Test
    void tlsCrossesToANodeProcess() {
        ClusterSpec on = ClusterSpec.builder(temp).nodes(3).tls(true).option("rpc", "grpc").build();
        Map<String, String> properties = SpecProperties.of(on);

        assertThat(properties).containsEntry(Setting.TLS.parameter(), "on");
        ClusterSpec parsed = SpecProperties.parse(properties);
        assertThat(parsed.tls()).isTrue();
        assertThat(parsed.describe()).isEqualTo(on.describe());
        assertThat(SpecProperties.parse(SpecProperties.of(ClusterSpec.builder(temp).build())).tls()).isFalse();

        Map<String, String> bad = new HashMap<>(properties);
        bad.put("tls", "maybe");
        assertThatThrownBy(() -> SpecProperties.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls must be on or off, was 'maybe'");
    }
}
