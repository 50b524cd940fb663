package io.graphraft.core.statemachine;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machines a test opens (binary codec), each in a directory of its own, closed after each
 * test: {@code @RegisterExtension final OpenedStateMachines machines = new OpenedStateMachines();}.
 */
public final class OpenedStateMachines implements AfterEachCallback {
    private final List<GraphStateMachine> opened = new ArrayList<>();

    /** A new state machine on a {@code kind} store in a fresh directory under {@code parent}. */
    public GraphStateMachine open(StoreKind kind, Path parent) {
        GraphStateMachine machine = GraphStateMachine.open(kind, parent.resolve("store-" + opened.size()), CodecKind.BINARY.codec());
        opened.add(machine);
        return machine;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(GraphStateMachine::close);
        opened.clear();
    }
}
