package io.graphraft.tck;

import io.graphraft.core.command.Command;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.JvmFlags;
import io.graphraft.core.engine.UnsupportedSettingException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract cases: specs, JVM and input the engine must refuse or require before anything runs. */
public interface SetupContract extends EngineUnderTest {
    @Test
    default void unsupportedPropertyValuesAreRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> Command.CreateNode.of("Person", Map.of("age", 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'age'").hasMessageContaining("java.lang.Integer");
    }

    @Test
    default void invalidOrUnsupportedSpecsFailNamingTheSetting() {
        assertThatThrownBy(() -> clusters().start(clusters().spec(1).option("no-such-option", "x").build()))
                .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("no-such-option");
        if (!engine().capabilities().supports(Capability.REPLICATION)) {
            assertThatThrownBy(() -> clusters().start(clusters().spec(1).nodes(3).build()))
                    .isInstanceOf(UnsupportedSettingException.class).hasMessageContaining("nodes=3");
        }
        assertThatThrownBy(() -> ClusterSpec.builder(temp().resolve("missing")).build())
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> Engines.byName(engine().name() + "-nope"))
                .hasMessageContaining("known engines").hasMessageContaining(engine().name());
    }

    /** The module's pom gives its tests what the engine declares, as the benchmark launcher gives its forks. */
    @Test
    default void theTestJvmHasEveryFlagTheEngineDeclares() {
        assertThat(JvmFlags.missing(engine().jvmFlags()))
                .as("JVM flags of %s missing from this JVM: set test.jvm.flags in the module's pom", engine().name())
                .isEmpty();
    }
}
