package io.graphraft.copycat;

import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.serializer.util.CatalystSerializableSerializer;

/** Registers the graph operations with a Catalyst serializer under fixed ids, identically on servers and clients. */
final class GraphOperations {
    private static final int COMMAND_TYPE_ID = 1001;
    private static final int QUERY_TYPE_ID = 1002;

    private GraphOperations() {
    }

    /** Registers the operations explicitly with Catalyst's own format (never Java serialization). */
    static Serializer registerOn(Serializer serializer) {
        serializer.register(GraphCommand.class, COMMAND_TYPE_ID, CatalystSerializableSerializer.class);
        serializer.register(GraphQuery.class, QUERY_TYPE_ID, CatalystSerializableSerializer.class);
        return serializer;
    }
}
