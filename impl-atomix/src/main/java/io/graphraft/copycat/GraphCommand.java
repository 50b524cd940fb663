package io.graphraft.copycat;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.copycat.Command;

/**
 * One encoded graph command (a batch is one command) as one Copycat log entry; its result is the
 * encoded {@link io.graphraft.core.command.Result}.
 */
public final class GraphCommand implements Command<byte[]>, CatalystSerializable {
    private static final long serialVersionUID = 1L;

    private byte[] bytes;

    /** For Catalyst's deserializer. */
    public GraphCommand() {
    }

    GraphCommand(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The state it produced lives in the graph snapshot, so the entry can go once a snapshot covers it. */
    @Override
    public CompactionMode compaction() {
        return CompactionMode.SNAPSHOT;
    }

    @Override
    public void writeObject(BufferOutput<?> buffer, Serializer serializer) {
        buffer.writeInt(bytes.length).write(bytes);
    }

    @Override
    public void readObject(BufferInput<?> buffer, Serializer serializer) {
        bytes = buffer.readBytes(buffer.readInt());
    }
}
