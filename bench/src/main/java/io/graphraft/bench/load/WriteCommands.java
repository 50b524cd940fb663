package io.graphraft.bench.load;

import io.graphraft.core.command.Command;

import java.util.Map;

/** The commands the write benchmarks, the state-machine benchmark and the load command send. */
public final class WriteCommands {
    /** One node with two properties: the "CreateNode" every write latency in the lab measures. */
    public static final Command CREATE_NODE = Command.CreateNode.of("Person", Map.of("name", "Alice", "age", 30L));

    private WriteCommands() {
    }
}
