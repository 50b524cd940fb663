package io.graphraft.core.statemachine;

import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Result;
import io.graphraft.core.store.SnapshotBlocks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTableTest {
    @Test
    void sessionsSpreadOverManyBlocksReadBackInTheSameOrder() throws IOException {
        SessionTable table = new SessionTable(100);
        for (long id = 1; id <= 50; id++) {
            table.open(id);
            if (id % 3 != 0) {
                Result result = id % 2 == 0 ? new Result.Applied(id * 7)
                        : new Result.BatchApplied(List.of(new Result.Applied(id), new Result.Error(ErrorCode.NOT_FOUND, "node " + id)));
                table.touch(new SessionTable.Session(id, id * 10, result));
            }
        }
        table.touch(table.get(3));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SnapshotBlocks.Writer writer = new SnapshotBlocks.Writer(bytes);
        assertThat(table.write(writer, 64)).isEqualTo(50);
        assertThat(writer.count()).as("blocks written").isGreaterThan(5);

        SessionTable restored = new SessionTable(100);
        SnapshotBlocks.Reader reader = new SnapshotBlocks.Reader(new ByteArrayInputStream(bytes.toByteArray()));
        int read = 0;
        for (int block = 0; block < writer.count(); block++) {
            read += restored.read(reader.next());
        }
        assertThat(read).isEqualTo(50);
        assertThat(restored.leastRecentlyUsedFirst()).isEqualTo(table.leastRecentlyUsedFirst());
        assertThat(restored.leastRecentlyUsedFirst().get(49).id()).as("the last used").isEqualTo(3);
    }

    @Test
    void aSessionListedTwiceOrWithASequenceButNoResultIsRefused() throws IOException {
        SessionTable table = new SessionTable(10);
        table.open(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SnapshotBlocks.Writer writer = new SnapshotBlocks.Writer(bytes);
        table.write(writer);
        table.write(writer);
        SnapshotBlocks.Reader reader = new SnapshotBlocks.Reader(new ByteArrayInputStream(bytes.toByteArray()));
        SessionTable restored = new SessionTable(10);
        restored.read(reader.next());
        SnapshotBlocks.Block again = reader.next();
        assertThatThrownBy(() -> restored.read(again)).hasMessageContaining("session 1 in the snapshot is inconsistent");

        byte[] noResult = {2, 2, 4, 0}; // one session: id 1, sequence 2, a result of 0 bytes
        assertThatThrownBy(() -> new SessionTable(10).read(new SnapshotBlocks.Block(SnapshotBlocks.SESSIONS, noResult, 4)))
                .hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> new SessionTable(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
