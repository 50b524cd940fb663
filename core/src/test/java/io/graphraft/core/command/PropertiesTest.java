package io.graphraft.core.command;

import io.graphraft.core.model.Node;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertiesTest {

    @Test
    void unsupportedValueTypesAreRejectedNamingKeyAndType() {
        assertThatThrownBy(() -> Command.CreateNode.of("Person", Map.of("age", 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'age'").hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("String, Long, Double, Boolean");
        assertThatThrownBy(() -> Command.UpdateNode.of(1, Map.of("when", new Date())))
                .hasMessageContaining("'when'").hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> Command.CreateEdge.of(1, 2, "T", Map.of("list", List.of())))
                .hasMessageContaining("'list'");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("nothing", null);
        assertThatThrownBy(() -> Node.of(1, "x", withNull)).hasMessageContaining("'nothing'").hasMessageContaining("null");
    }

    @Test
    void propertiesAreCopiedSortedAndUnmodifiable() {
        Map<String, Object> source = new HashMap<>(Map.of("b", 1L, "a", "x"));
        Command.CreateNode command = Command.CreateNode.of("L", source);
        source.put("c", true);
        assertThat(command.properties()).containsOnlyKeys("a", "b");
        assertThat(command.properties().firstKey()).isEqualTo("a");
        assertThatThrownBy(() -> command.properties().put("z", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
